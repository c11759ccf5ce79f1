// The only extern "C" of this plugin: the two entry points and the thin functions of
// the descriptor, each a guard() around the plain classes.
#include <memory>

#include "data_check_plugin.h"
#include "national_exporter.h"
#include "schema.h"
#include "teichaku/plugin.hpp"

struct tb_instance {
  teichaku::stats_national::NationalExporter exporter;
  teichaku::stats::DataCheckExporter checks;  // stats --check
};

namespace {

using teichaku::plugin::guard;

tb_status create(const tb_host* host, tb_instance** instance, tb_result* result) {
  return guard(result, [&] {
    teichaku::plugin::Host h(host);
    auto settings = teichaku::stats_national::Settings::fromHost(h);
    *instance =
        new tb_instance{teichaku::stats_national::NationalExporter(host, std::move(settings)),
                        teichaku::stats::DataCheckExporter(h)};
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
    if (teichaku::stats::checksRequested(*request)) {
      instance->checks.run(*request);
    } else {
      instance->exporter.run(*request);
    }
  });
}

const tb_exporter_ops kOperations = {sizeof(tb_exporter_ops), run};

const tb_plugin_descriptor kDescriptor = {
    sizeof(tb_plugin_descriptor),
    TB_ABI_VERSION,
    "stats_national",
    TB_KIND_EXPORTER,
    "1.0.0",
    "地域生活定着促進事業の実施状況（年度・センター別の人数）を定義ファイルどおりに集計し、CSV と Excel に書き出します。",
    TB_CAP_READ_MIRROR | TB_CAP_WRITE_FILES,
    teichaku::stats_national::kConfigKeys,
    teichaku::stats_national::kConfigKeyCount,
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
