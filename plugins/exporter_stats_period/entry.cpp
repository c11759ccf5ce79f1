// The only extern "C" of this plugin: the two entry points and the thin functions of
// the descriptor, each a guard() around the plain classes.
#include <memory>

#include "period_exporter.h"
#include "schema.h"
#include "teichaku/plugin.hpp"

struct tb_instance {
  teichaku::stats_period::PeriodExporter exporter;
};

namespace {

using teichaku::plugin::guard;

tb_status create(const tb_host* host, tb_instance** instance, tb_result* result) {
  return guard(result, [&] {
    teichaku::plugin::Host h(host);
    auto settings = teichaku::stats_national::Settings::fromHost(h);
    *instance = new tb_instance{teichaku::stats_period::PeriodExporter(host, std::move(settings))};
  });
}

void destroy(tb_instance* instance) {
  delete instance;
}

tb_status run(tb_instance* instance, const tb_export_request* request, tb_result* result) {
  return guard(result, [&] {
    if (request == nullptr || !TB_HAS_FIELD(request, tb_export_request, format_count)) {
      throw teichaku::plugin::Failure::fail("STATS_BAD_REQUEST", "出力の依頼が不完全です。");
    }
    instance->exporter.run(*request);
  });
}

const tb_exporter_ops kOperations = {sizeof(tb_exporter_ops), run};

const tb_plugin_descriptor kDescriptor = {
    sizeof(tb_plugin_descriptor),
    TB_ABI_VERSION,
    "stats_period",
    TB_KIND_EXPORTER,
    "1.0.0",
    "定義ファイルの集計を期間内の月ごとに（当月と累計）数え、CSV に書き出します（集計値のみ）。",
    TB_CAP_READ_MIRROR | TB_CAP_WRITE_FILES,
    teichaku::stats_period::kConfigKeys,
    teichaku::stats_period::kConfigKeyCount,
    create,
    destroy,
    &kOperations,
};

}  // namespace

extern "C" {

TB_EXPORT uint32_t teichaku_plugin_abi_version(void) {
  return TB_ABI_VERSION;
}

TB_EXPORT const tb_plugin_descriptor* teichaku_plugin_descriptor(void) {
  return &kDescriptor;
}
}
