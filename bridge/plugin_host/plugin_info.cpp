#include "plugin_host/plugin_info.h"

namespace teichaku::plugin_host {

const char* kindName(tb_kind kind) {
  switch (kind) {
    case TB_KIND_EXPORTER:
      return "exporter";
    case TB_KIND_RENDERER:
      return "renderer";
    case TB_KIND_PROVISIONER:
      return "provisioner";
    case TB_KIND_REPORT:
      return "report";
    case TB_KIND_IMPORTER:
      return "importer";
  }
  return "unknown";
}

const char* kindLabel(tb_kind kind) {
  switch (kind) {
    case TB_KIND_EXPORTER:
      return "出力（統計など）";
    case TB_KIND_RENDERER:
      return "帳票（フェイスシート）";
    case TB_KIND_PROVISIONER:
      return "アカウント作成";
    case TB_KIND_REPORT:
      return "報告様式";
    case TB_KIND_IMPORTER:
      return "取り込み";
  }
  return "不明";
}

std::string abiVersionText(std::uint32_t version) {
  return std::to_string(TB_ABI_MAJOR_OF(version)) + "." + std::to_string(TB_ABI_MINOR_OF(version));
}

}  // namespace teichaku::plugin_host
