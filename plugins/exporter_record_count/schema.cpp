#include "schema.h"

namespace teichaku::record_count {

const tb_config_key kConfigKeys[] = {
    {sizeof(tb_config_key), "apps", TB_VALUE_STRING_ARRAY, 1, nullptr, 0, 0, 0, 0,
     "数えるアプリの名前（[kintone.apps.<名前>] の名前）の配列。"},
    {sizeof(tb_config_key), "query", TB_VALUE_STRING, 0, "\"\"", 0, 0, 0, 0,
     "数えるレコードの条件（kintone のクエリ記法）。空ならすべて。"},
    {sizeof(tb_config_key), "date_field", TB_VALUE_STRING, 0, nullptr, 0, 0, 0, 0,
     "出力期間で絞り込む日付フィールドのコード。省略すると期間で絞り込みません。"},
    {sizeof(tb_config_key), "centre_field", TB_VALUE_STRING, 0, nullptr, 0, 0, 0, 0,
     "センターで絞り込むフィールドのコード。省略するとセンターで絞り込みません。"},
    {sizeof(tb_config_key), "output_file", TB_VALUE_STRING, 0, "\"record_count.csv\"", 0, 0, 0, 0,
     "出力する CSV のファイル名（フォルダを含めない）。"},
};
const std::size_t kConfigKeyCount = sizeof(kConfigKeys) / sizeof(kConfigKeys[0]);

}  // namespace teichaku::record_count
