#include "schema.h"

namespace teichaku::accounts_plugin {

const tb_config_key kConfigKeys[] = {
    {sizeof(tb_config_key), "leavers", TB_VALUE_STRING, 0, "\"delete\"", 0, 0, 0, 0,
     "退職・ネットワーク外への異動の扱い: \"delete\"（削除、協議会の方針）または \"suspend\"（使用停止）。"},
    {sizeof(tb_config_key), "centres_file", TB_VALUE_STRING, 0, "\"\"", 0, 0, 0, 0,
     "センター一覧の JSON（samples/apps/centres.json の形: code と name）。空なら cybozu.com の組織だけで判断します。"},
    {sizeof(tb_config_key), "organization_prefix", TB_VALUE_STRING, 0, "\"teichaku-\"", 0, 0, 0, 0,
     "センターの組織コードの接頭辞。組織コード = 接頭辞 + センターコード（例: teichaku-01a）。"},
    {sizeof(tb_config_key), "licences", TB_VALUE_STRING_ARRAY, 0, "[\"kintone\", \"garoon\"]", 0, 0,
     0, 0, "在籍者に割り当てるライセンス（\"kintone\"、\"garoon\" のいずれか、または両方）。"},
};
const std::size_t kConfigKeyCount = sizeof(kConfigKeys) / sizeof(kConfigKeys[0]);

}  // namespace teichaku::accounts_plugin
