#include "accounts/provisioner_session.h"

#include <exception>
#include <functional>

#include "plugin_host/host_table.h"
#include "plugin_host/plugin_call.h"
#include "plugin_host/plugin_registry.h"
#include "plugin_host/plugin_schema.h"

namespace teichaku::accounts {
namespace {

constexpr const char* kType = "provisioner_accounts";

// Like plugin_host::callPlugin, but keeps the plugin's own message id (ACCOUNTS_PLAN_STALE
// decides the exit code), with the plugin's message as the operator reads it.
Outcome callProvisioner(const std::function<tb_status(tb_result*)>& call, const char* operation) {
  tb_result result{};
  result.struct_size = sizeof(tb_result);
  tb_status status = TB_FAIL;
  try {
    status = call(&result);
  } catch (const std::exception& e) {
    return Outcome::fail("PLUGIN_OPERATION_FAILED",
                         std::string(operation) + " で例外が境界を越えました: " + e.what());
  }
  result.message_id[sizeof(result.message_id) - 1] = '\0';
  result.message[sizeof(result.message) - 1] = '\0';
  const std::string id =
      result.message_id[0] != '\0' ? result.message_id : "PLUGIN_OPERATION_FAILED";
  switch (status) {
    case TB_OK:
      return Outcome::ok();
    case TB_RETRY:
      return Outcome::retry(id, result.message);
    default:
      return Outcome::fail(id, result.message);
  }
}

}  // namespace

std::optional<ProvisionerChoice> chooseProvisioner(const config::Config& config,
                                                   const std::string& requested,
                                                   std::ostream& err) {
  std::string name = requested;
  if (name.empty()) {
    for (const auto& [instance, p] : config.plugins) {
      if (p.type == kType && p.enabled) {
        if (!name.empty()) {
          err << "provisioner_accounts のインスタンスが複数あります。--plugin で選んでください。\n";
          return std::nullopt;
        }
        name = instance;
      }
    }
    if (name.empty()) {
      err << "設定ファイルに type = \"provisioner_accounts\" の [plugins.<名前>] がありません。\n";
      return std::nullopt;
    }
  }
  auto it = config.plugins.find(name);
  if (it == config.plugins.end() || !it->second.enabled) {
    err << "プラグインのインスタンス '" << name << "' は設定ファイルにないか、無効です。\n";
    return std::nullopt;
  }
  const auto* plugins = config.document["plugins"].as_table();
  const auto* table = plugins != nullptr ? (*plugins)[name].as_table() : nullptr;
  if (table == nullptr) {
    err << "[plugins." << name << "] を読めません。\n";
    return std::nullopt;
  }
  ProvisionerChoice choice{name, table, "teichaku-"};
  if (const auto* prefix = (*table)["organization_prefix"].as_string()) {
    choice.organizationPrefix = prefix->get();
  }
  return choice;
}

Outcome runProvisioner(const config::Config& config, const ProvisionerChoice& choice,
                       ProvisionStep step, const std::string& rosterPath,
                       const std::string& planPath, const tb_directory* directory) {
  const auto& type = config.plugins.at(choice.instance).type;
  plugin_host::PluginRegistry registry = plugin_host::PluginRegistry::load(config.pluginDirectory);
  auto library = registry.find(type);
  if (!library) {
    std::string why;
    for (const auto& e : registry.errors()) {
      why += "\n" + e;
    }
    return Outcome::fail("PLUGIN_OPERATION_FAILED",
                         "プラグイン '" + type + "' がプラグインフォルダ（" +
                             config.pluginDirectory + "）にありません。" + why);
  }
  if (library->info().kind != TB_KIND_PROVISIONER) {
    return Outcome::fail("PLUGIN_WRONG_KIND",
                         "プラグイン " + type + " はアカウント管理（provisioner）ではありません。");
  }
  config::ConfigErrors problems;
  plugin_host::validateInstanceTable(*choice.table, library->info(), "plugins." + choice.instance,
                                     config.file, problems);
  if (!problems.empty()) {
    std::string text;
    for (const auto& p : problems) {
      text += (text.empty() ? "" : "\n") + p.format();
    }
    return Outcome::fail("PLUGIN_BAD_REQUEST", text);
  }
  // The provisioner uses no mirror and writes no files through the host: no services.
  plugin_host::HostTable host(choice.instance, library->info(),
                              plugin_host::InstanceConfig(*choice.table, library->info()), {});
  const tb_plugin_descriptor& d = library->descriptor();
  tb_instance* instance = nullptr;
  Outcome created = plugin_host::callPlugin(
      library->info(), choice.instance, "create",
      [&](tb_result* result) { return d.create(host.host(), &instance, result); });
  if (!created.isOk() || instance == nullptr) {
    if (instance != nullptr) {
      d.destroy(instance);
    }
    return created.isOk() ? Outcome::fail("PLUGIN_OPERATION_FAILED",
                                          "プラグインがインスタンスを作りませんでした。")
                          : created;
  }
  tb_provision_request request{};
  request.struct_size = sizeof(request);
  request.roster_path = rosterPath.c_str();
  request.plan_path = planPath.c_str();
  request.directory = directory;
  const auto* ops = static_cast<const tb_provisioner_ops*>(library->operations());
  const char* operation = step == ProvisionStep::kPlan ? "plan" : "apply";
  Outcome outcome = callProvisioner(
      [&](tb_result* result) {
        return step == ProvisionStep::kPlan ? ops->plan(instance, &request, result)
                                            : ops->apply(instance, &request, result);
      },
      operation);
  plugin_host::callPlugin(library->info(), choice.instance, "destroy", [&](tb_result*) {
    d.destroy(instance);
    return TB_OK;
  });
  return outcome;
}

}  // namespace teichaku::accounts
