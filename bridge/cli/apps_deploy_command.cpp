#include <filesystem>
#include <ostream>

#include "cli/app_deployer.h"
#include "cli/command_list.h"
#include "cli/config_loading.h"
#include "cli/service_clients.h"

namespace teichaku::cli {
namespace {

ExitCode runAppsDeploy(Context& ctx) {
  auto config = loadForCommand(ctx.args.value("config"), ctx.err);
  if (!config) {
    return ExitCode::kConfigError;
  }
  // Installed layout: <share>/mappings/raito-plus.toml beside <share>/samples/apps.
  std::string appsToml = ctx.args.value(
      "apps", (std::filesystem::path(config->mappingFile).parent_path().parent_path() / "samples" /
               "apps" / "apps.toml")
                  .string());
  auto definitions = loadAppDefinitions(appsToml);
  std::map<std::string, std::string> ids;
  for (const auto& [name, app] : config->kintone.apps) {
    ids[name] = std::to_string(app.appId);
  }
  auto client = makeKintoneClient(*config, KintoneCredentials::kAdmin);
  ctx.out << "アプリの定義 " << appsToml << " を kintone " << config->kintone.baseUrl
          << " と照合します。\n";
  AppDeployer deployer(*client, ids, ctx.out, ctx.err);
  return deployer.deploy(definitions);
}

}  // namespace

Command appsDeployCommand() {
  return {"apps deploy",
          "Raito Plus のアプリとフィールドを kintone に作成します",
          "apps deploy --config FILE [--apps APPS_TOML]",
          "samples/apps の定義（または --apps で指定した apps.toml）と kintone のアプリを照合し、\n"
          "ないアプリとフィールドを作成して運用環境に反映します。すでにあるフィールドの型や\n"
          "選択肢が定義と違うときは変更せずに報告します（終了コード 4）。[kintone] の\n"
          "admin_login と admin_password_file（アプリ管理権限のあるユーザー）が必要です。",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"},
           {"apps", "APPS_TOML", false, false, "アプリ定義の一覧（既定: samples/apps/apps.toml）"}},
          runAppsDeploy};
}

}  // namespace teichaku::cli
