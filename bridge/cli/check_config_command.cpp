#include <ostream>

#include "cli/command.h"
#include "cli/command_list.h"
#include "cli/config_loading.h"
#include "config/config.h"
#include "log/log.h"

namespace teichaku::cli {
namespace {

std::string describeSecret(const config::SecretRef& s) {
  switch (s.kind) {
    case config::SecretRef::Kind::kFile:
      return "ファイル " + s.reference;
    case config::SecretRef::Kind::kEnv:
      return "環境変数 " + s.reference;
    case config::SecretRef::Kind::kNone:
      break;
  }
  return "なし";
}

// What the bridge will do with this configuration, so an operator can confirm it
// before starting the daemon. Secrets are described by where they come from only.
void printPlan(const config::Config& c, std::ostream& out) {
  out << "この設定でブリッジが行うこと:\n"
      << "  kintone " << c.kintone.baseUrl << " のアプリ " << c.kintone.apps.size()
      << " 件を同期します（同時接続 " << c.kintone.maxConcurrency << "、1日の上限 "
      << c.kintone.dailyRequestBudget << " 件/アプリ）\n";
  for (const auto& [name, app] : c.kintone.apps) {
    out << "    - " << name << ": アプリID " << app.appId << "、APIトークンは "
        << describeSecret(app.apiToken) << '\n';
  }
  out << "  ミラー: " << c.store.engine << " "
      << (c.store.engine == "sqlite" ? c.store.sqlitePath : describeSecret(c.store.postgresqlDsn))
      << "（暗号鍵 " << c.store.keyFile << "）\n"
      << "  差分同期: " << c.schedule.incrementalPollMinutes
      << " 分ごと、夜間処理: " << c.schedule.nightlyAt << "（日本時間）\n";
  if (c.garoon.enabled) {
    out << "  Garoon 通知: " << c.garoon.baseUrl << "（アプリコード "
        << c.garoon.notificationAppCode << "、送信ユーザー " << c.garoon.username << "）\n";
  } else {
    out << "  Garoon 通知: 使いません\n";
  }
  out << "  アカウント管理: " << (c.cybozu.enabled ? "使います（accounts コマンド）" : "使いません")
      << '\n'
      << "  HTTPサーバー: " << c.server.listen
      << (c.server.webhookSecret.present() ? "（Webhook 受付あり）" : "（Webhook 受付なし）")
      << '\n';
  out << "  プラグイン: " << c.plugins.size() << " 件\n";
  for (const auto& [name, p] : c.plugins) {
    out << "    - " << name << " (" << p.type << ")" << (p.enabled ? "" : " 無効") << '\n';
  }
}

ExitCode runCheckConfig(Context& ctx) {
  const std::string path = ctx.args.value("config");
  auto result = config::loadConfig(path, loadOptionsFor(path));
  if (!result.ok()) {
    for (const auto& e : result.errors) {
      ctx.err << e.format() << '\n';
    }
    ctx.err << result.errors.size() << " 件の誤りがあります。直してから再実行してください。\n";
    log::error("CONFIG_INVALID", {{"file", path}, {"errors", result.errors.size()}});
    return ExitCode::kConfigError;
  }
  ctx.out << "設定ファイル " << result.config->file << " に問題はありません。\n\n";
  printPlan(*result.config, ctx.out);
  return ExitCode::kOk;
}

}  // namespace

Command checkConfigCommand() {
  return {"check-config",
          "設定ファイルを検査します（何も変更しません）",
          "check-config --config FILE",
          "設定ファイルの書き方、キーの綴り、値の型と範囲、秘密情報ファイルの権限を検査し、\n"
          "誤りをすべて「ファイル:行:桁:」の形で表示します。問題がなければ、この設定で\n"
          "ブリッジが行うことを表示します。誤りがあれば終了コード 2 で終わります。",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          runCheckConfig};
}

}  // namespace teichaku::cli
