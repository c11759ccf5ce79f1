#include "schema.h"

namespace teichaku::stats_national {

const tb_config_key kConfigKeys[] = {
    {sizeof(tb_config_key), "definitions", TB_VALUE_STRING, 0,
     "\"mappings/statistics/national.toml\"", 0, 0, 0, 0,
     "集計の定義ファイル（TOML）のパス。行と列の条件を書きます。"},
    {sizeof(tb_config_key), "output_prefix", TB_VALUE_STRING, 0, "\"stats_national\"", 0, 0, 0, 0,
     "出力ファイル名の先頭（<先頭>.csv、<先頭>_根拠.csv、<先頭>.xlsx）。"},
    {sizeof(tb_config_key), "gannen", TB_VALUE_BOOLEAN, 0, "true", 0, 0, 0, 0,
     "年号の最初の年を「元年」と書く（false なら「1年」）。"},
    {sizeof(tb_config_key), "csv_encoding", TB_VALUE_STRING, 0, "\"utf-8\"", 0, 0, 0, 0,
     "CSV の文字コード: utf-8 または cp932（CP932 で表せない文字があれば、レコードとフィールドを示して止まります）。"},
    {sizeof(tb_config_key), "csv_bom", TB_VALUE_BOOLEAN, 0, "true", 0, 0, 0, 0,
     "UTF-8 の CSV の先頭に BOM を付ける（Excel で文字化けしないように）。"},
    {sizeof(tb_config_key), "centres", TB_VALUE_STRING, 0, "\"samples/apps/centres.json\"", 0, 0, 0,
     0,
     "センター一覧（JSON: code と name）のパス。センターはコード順（01a、01b、02 … 47）に並びます。"},
};
const std::size_t kConfigKeyCount = sizeof(kConfigKeys) / sizeof(kConfigKeys[0]);

}  // namespace teichaku::stats_national
