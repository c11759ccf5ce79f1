#include <ostream>

#include "cli/command_list.h"
#include "plugin_host/cli_commands.h"

namespace teichaku::cli {
namespace {

// The folder comes from --plugin-dir, else from [plugins] directory of --config.
bool resolveDirectory(Context& ctx, std::string& directory) {
  directory = ctx.args.value("plugin-dir");
  if (!directory.empty()) {
    return true;
  }
  if (!ctx.args.has("config")) {
    ctx.err << "エラー: --config か --plugin-dir を指定してください。\n";
    return false;
  }
  std::string error;
  directory = plugin_host::pluginDirectoryOf(ctx.args.value("config"), error);
  if (!error.empty()) {
    ctx.err << "エラー: " << error << '\n';
    return false;
  }
  if (directory.empty()) {
    ctx.err << "エラー: 設定ファイルに [plugins] directory がありません。\n";
    return false;
  }
  return true;
}

ExitCode runList(Context& ctx) {
  std::string directory;
  if (!resolveDirectory(ctx, directory)) {
    return ExitCode::kConfigError;
  }
  return static_cast<ExitCode>(plugin_host::listPlugins(directory, ctx.out, ctx.err));
}

ExitCode runHelp(Context& ctx) {
  if (ctx.args.positional.size() != 1) {
    ctx.err << "エラー: プラグインの種類を1つ指定してください（例: plugins help "
               "exporter_record_count）。\n";
    return ExitCode::kConfigError;
  }
  std::string directory;
  if (!resolveDirectory(ctx, directory)) {
    return ExitCode::kConfigError;
  }
  return static_cast<ExitCode>(
      plugin_host::pluginHelp(directory, ctx.args.positional[0], ctx.out, ctx.err));
}

const std::vector<OptionSpec> kOptions = {
    {"config", "FILE", false, false, "設定ファイル（[plugins] directory を使います）"},
    {"plugin-dir", "DIR", false, false, "プラグインのフォルダ（設定ファイルより優先）"}};

}  // namespace

Command pluginsListCommand() {
  return {"plugins list",
          "使えるプラグインの一覧を表示します",
          "plugins list (--config FILE | --plugin-dir DIR)",
          "プラグインのフォルダにあるプラグインを読み込んで、種類・版・説明を表示します。\n"
          "読み込めないプラグインは、ファイル名と理由（ABIの版の違いなど）を表示します。",
          kOptions,
          runList};
}

Command pluginsHelpCommand() {
  return {"plugins help",
          "プラグインの設定項目を説明します",
          "plugins help NAME (--config FILE | --plugin-dir DIR)",
          "[plugins.<名前>] に書ける設定項目（キー、型、既定値、必須か、説明）を表示します。",
          kOptions,
          runHelp};
}

}  // namespace teichaku::cli
