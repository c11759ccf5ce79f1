#include "schema.h"

namespace teichaku::stats_period {

const tb_config_key kConfigKeys[] = {
    {sizeof(tb_config_key), "definitions", TB_VALUE_STRING, 0,
     "\"mappings/statistics/national.toml\"", 0, 0, 0, 0,
     "集計の定義ファイル（TOML）のパス。行と列の条件を書きます。"},
    {sizeof(tb_config_key), "output_prefix", TB_VALUE_STRING, 0, "\"stats_period\"", 0, 0, 0, 0,
     "出力ファイル名の先頭（<先頭>.csv）。"},
    {sizeof(tb_config_key), "gannen", TB_VALUE_BOOLEAN, 0, "true", 0, 0, 0, 0,
     "年号の最初の年を「元年」と書く（false なら「1年」）。"},
    {sizeof(tb_config_key), "csv_bom", TB_VALUE_BOOLEAN, 0, "true", 0, 0, 0, 0,
     "CSV の先頭に BOM を付ける（Excel で文字化けしないように）。"},
};
const std::size_t kConfigKeyCount = sizeof(kConfigKeys) / sizeof(kConfigKeys[0]);

}  // namespace teichaku::stats_period
