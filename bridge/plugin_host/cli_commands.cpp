#include "plugin_host/cli_commands.h"

#include <filesystem>
#include <memory>
#include <ostream>

#include "common/exit_codes.h"
#include "config/path_expansion.h"
#include "plugin_host/plugin_registry.h"
#include "plugin_host/plugin_schema.h"

namespace teichaku::plugin_host {
namespace {

void printErrors(const PluginRegistry& registry, std::ostream& err) {
  for (const auto& e : registry.errors()) {
    err << "エラー: " << e << "\n";
  }
}

}  // namespace

int listPlugins(const std::string& directory, std::ostream& out, std::ostream& err) {
  PluginRegistry registry = PluginRegistry::load(directory);
  out << "プラグインのフォルダ: " << directory << "\n";
  if (registry.plugins().empty()) {
    out << "読み込めるプラグインはありません。\n";
  }
  for (const auto& p : registry.plugins()) {
    const PluginInfo& info = p->info();
    out << "  " << info.name << "  " << info.version << "  " << kindName(info.kind) << "（"
        << kindLabel(info.kind) << "）  " << info.summary << "\n";
  }
  printErrors(registry, err);
  return toInt(registry.errors().empty() ? ExitCode::kOk : ExitCode::kRuntimeFailure);
}

int pluginHelp(const std::string& directory, const std::string& name, std::ostream& out,
               std::ostream& err) {
  PluginRegistry registry = PluginRegistry::load(directory);
  if (auto p = registry.find(name)) {
    out << pluginHelpText(p->info());
    return toInt(ExitCode::kOk);
  }
  err << "エラー: プラグイン " << name << " はフォルダ " << directory
      << " にありません。teichaku-bridge plugins list で一覧を確認してください。\n";
  printErrors(registry, err);
  return toInt(ExitCode::kConfigError);
}

std::string pluginDirectoryOf(const std::string& configPath, std::string& error) {
  toml::table document;
  try {
    document = toml::parse_file(configPath);
  } catch (const toml::parse_error& e) {
    error =
        "設定ファイル " + configPath + " を読めません（" + std::string(e.description()) + "）。";
    return {};
  }
  const std::string raw = document["plugins"]["directory"].value_or(std::string());
  if (raw.empty()) {
    return {};
  }
  const std::string baseDir =
      std::filesystem::absolute(configPath).parent_path().lexically_normal().string();
  auto expanded = config::expandPath(raw, baseDir, error);
  return expanded.value_or(std::string());
}

config::TableCheck makePluginCheck(const std::string& directory) {
  auto registry = std::make_shared<std::unique_ptr<PluginRegistry>>();
  return [directory, registry](const toml::table& instance, const std::string& path,
                               const std::string& file, config::ConfigErrors& errors) {
    const toml::node* typeNode = instance.get("type");
    if (typeNode == nullptr || !typeNode->is_string()) {
      return;  // the bridge schema reports a missing or mistyped `type`
    }
    if (directory.empty()) {
      errors.push_back(config::errorAt(typeNode->source(), file, path + ".type",
                                       "プラグインのフォルダ（[plugins] の directory）が設定されて"
                                       "いないため、プラグインを検査できません。"));
      return;
    }
    if (!*registry) {
      *registry = std::make_unique<PluginRegistry>(PluginRegistry::load(directory));
    }
    const std::string type = typeNode->as_string()->get();
    if (auto p = (*registry)->find(type)) {
      validateInstanceTable(instance, p->info(), path, file, errors);
      return;
    }
    std::string message =
        "種類 " + type + " のプラグインがフォルダ " + directory + " にありません。";
    if (!(*registry)->errors().empty()) {
      message += "読み込めなかったプラグイン: " + (*registry)->errors().front();
    }
    errors.push_back(config::errorAt(typeNode->source(), file, path + ".type", message));
  };
}

}  // namespace teichaku::plugin_host
