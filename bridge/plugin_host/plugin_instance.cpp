#include "plugin_host/plugin_instance.h"

#include "log/log.h"
#include "plugin_host/plugin_call.h"

namespace teichaku::plugin_host {
namespace {

// C views of C++ strings; the vectors must outlive the call.
std::vector<const char*> cStrings(const std::vector<std::string>& items) {
  std::vector<const char*> out;
  out.reserve(items.size());
  for (const auto& s : items) {
    out.push_back(s.c_str());
  }
  return out;
}

const char* orNull(const std::optional<std::string>& s) {
  return s ? s->c_str() : nullptr;
}

}  // namespace

PluginInstance::Created PluginInstance::create(std::shared_ptr<PluginLibrary> library,
                                               const std::string& name, const toml::table& config,
                                               HostServices services) {
  const PluginInfo& info = library->info();
  auto host = std::make_unique<HostTable>(name, info, InstanceConfig(config, info), services);
  const tb_plugin_descriptor& d = library->descriptor();
  tb_instance* created = nullptr;
  Outcome outcome = callPlugin(info, name, "create", [&](tb_result* result) {
    return d.create(host->host(), &created, result);
  });
  if (!outcome.isOk()) {
    if (created != nullptr) {
      d.destroy(created);  // a plugin that reports failure must not leave anything behind
    }
    return {nullptr, outcome};
  }
  if (created == nullptr) {
    return {nullptr,
            Outcome::fail("PLUGIN_OPERATION_FAILED",
                          "プラグイン " + info.name + "（インスタンス " + name +
                              "）の create が成功を返しましたがインスタンスがありません。")};
  }
  std::unique_ptr<PluginInstance> instance(
      new PluginInstance(std::move(library), name, std::move(host)));
  instance->instance_ = created;
  return {std::move(instance), Outcome::ok()};
}

PluginInstance::~PluginInstance() {
  if (instance_ != nullptr) {
    // destroy cannot report; callPlugin still keeps a stray exception from escaping.
    Outcome destroyed = callPlugin(plugin(), name_, "destroy", [this](tb_result*) {
      library_->descriptor().destroy(instance_);
      return TB_OK;
    });
    if (!destroyed.isOk()) {
      log::error("PLUGIN_OPERATION_FAILED", {{"instance", name_}, {"operation", "destroy"}});
    }
  }
}

Outcome PluginInstance::requireKind(tb_kind kind, const char* operation) const {
  if (plugin().kind != kind) {
    return Outcome::fail("PLUGIN_WRONG_KIND", "プラグイン " + plugin().name + " は種類 " +
                                                  kindName(plugin().kind) + " なので " + operation +
                                                  " はできません。");
  }
  return Outcome::ok();
}

Outcome PluginInstance::runExport(const ExportRequest& request) {
  if (Outcome k = requireKind(TB_KIND_EXPORTER, "run"); !k.isOk()) {
    return k;
  }
  auto centres = cStrings(request.centres);
  auto formats = cStrings(request.formats);
  tb_export_request r{};
  r.struct_size = sizeof(r);
  r.period_start = orNull(request.periodStart);
  r.period_end = orNull(request.periodEnd);
  r.centres = centres.data();
  r.centre_count = centres.size();
  r.formats = formats.data();
  r.format_count = formats.size();
  r.checks_only = request.checksOnly ? 1 : 0;
  const auto* ops = static_cast<const tb_exporter_ops*>(library_->operations());
  return callPlugin(plugin(), name_, "run",
                    [&](tb_result* result) { return ops->run(instance_, &r, result); });
}

Outcome PluginInstance::render(const std::string& caseId, const std::string& format) {
  if (Outcome k = requireKind(TB_KIND_RENDERER, "render"); !k.isOk()) {
    return k;
  }
  tb_render_request r{};
  r.struct_size = sizeof(r);
  r.case_id = caseId.c_str();
  r.format = format.empty() ? nullptr : format.c_str();
  const auto* ops = static_cast<const tb_renderer_ops*>(library_->operations());
  return callPlugin(plugin(), name_, "render",
                    [&](tb_result* result) { return ops->render(instance_, &r, result); });
}

Outcome PluginInstance::plan(const std::string& rosterPath, const std::string& planPath) {
  if (Outcome k = requireKind(TB_KIND_PROVISIONER, "plan"); !k.isOk()) {
    return k;
  }
  tb_provision_request r{};
  r.struct_size = sizeof(r);
  r.roster_path = rosterPath.c_str();
  r.plan_path = planPath.c_str();
  const auto* ops = static_cast<const tb_provisioner_ops*>(library_->operations());
  return callPlugin(plugin(), name_, "plan",
                    [&](tb_result* result) { return ops->plan(instance_, &r, result); });
}

Outcome PluginInstance::apply(const std::string& rosterPath, const std::string& planPath) {
  if (Outcome k = requireKind(TB_KIND_PROVISIONER, "apply"); !k.isOk()) {
    return k;
  }
  tb_provision_request r{};
  r.struct_size = sizeof(r);
  r.roster_path = rosterPath.c_str();
  r.plan_path = planPath.c_str();
  const auto* ops = static_cast<const tb_provisioner_ops*>(library_->operations());
  return callPlugin(plugin(), name_, "apply",
                    [&](tb_result* result) { return ops->apply(instance_, &r, result); });
}

Outcome PluginInstance::runReport(const std::string& centre, int year, int month) {
  if (Outcome k = requireKind(TB_KIND_REPORT, "run"); !k.isOk()) {
    return k;
  }
  tb_report_request r{};
  r.struct_size = sizeof(r);
  r.centre = centre.c_str();
  r.year = year;
  r.month = month;
  const auto* ops = static_cast<const tb_report_ops*>(library_->operations());
  return callPlugin(plugin(), name_, "run",
                    [&](tb_result* result) { return ops->run(instance_, &r, result); });
}

Outcome PluginInstance::runImport(const std::string& sourcePath, const std::string& planPath) {
  if (Outcome k = requireKind(TB_KIND_IMPORTER, "run"); !k.isOk()) {
    return k;
  }
  tb_import_request r{};
  r.struct_size = sizeof(r);
  r.source_path = sourcePath.c_str();
  r.plan_path = planPath.c_str();
  const auto* ops = static_cast<const tb_importer_ops*>(library_->operations());
  return callPlugin(plugin(), name_, "run",
                    [&](tb_result* result) { return ops->run(instance_, &r, result); });
}

}  // namespace teichaku::plugin_host
