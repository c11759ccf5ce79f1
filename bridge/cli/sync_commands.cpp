#include <ostream>

#include "audit/audit_log.h"
#include "cli/command_list.h"
#include "cli/mirror_session.h"
#include "cli/service_clients.h"
#include "sync/sync_command.h"

namespace teichaku::cli {
namespace {

ExitCode runSync(Context& ctx) {
  auto session = openMirrorSession(ctx.args.value("config"), ctx.err);
  if (!session) {
    return ExitCode::kConfigError;
  }
  auto client = makeKintoneClient(session->config, KintoneCredentials::kApiTokens);
  sync::SyncCommandOptions options;
  if (ctx.args.has("app")) {
    options.apps = ctx.args.options.at("app");
  }
  options.full = ctx.args.has("full");
  options.reconcile = ctx.args.has("reconcile");
  options.writeBack = ctx.args.has("write-back");
  options.allowMassDelete = ctx.args.has("allow-mass-delete");
  options.summaryFile = ctx.args.value("summary");
  sync::SyncServices services{session->config, *client, *session->store, session->mapping};
  return sync::runSyncCommand(services, options, ctx.out, ctx.err);
}

ExitCode runQuery(Context& ctx) {
  if (ctx.args.positional.size() != 1) {
    ctx.err << "エラー: クエリを1つ、引用符で囲んで指定してください（例: '依頼区分 in "
               "(\"特別調整\")'）。\n";
    return ExitCode::kConfigError;
  }
  auto session = openMirrorSession(ctx.args.value("config"), ctx.err);
  if (!session) {
    return ExitCode::kConfigError;
  }
  sync::QueryCommandOptions options;
  options.app = ctx.args.value("app");
  options.format = ctx.args.value("format", "table");
  options.query = ctx.args.positional[0];
  if (options.format != "csv" && options.format != "json" && options.format != "table") {
    ctx.err << "エラー: --format は csv、json、table のどれかです。\n";
    return ExitCode::kConfigError;
  }
  sync::QueryResult read;
  ExitCode code =
      sync::runQueryCommand(*session->store, session->mapping, options, ctx.out, ctx.err, &read);
  if (!read.recordIds.empty()) {
    // Showing mirror records to a person is a read of personal data.
    audit::AuditLog audit(*session->store, session->config.store.auditHeadFile);
    audit.append({"operator", "record.read", options.app, read.recordIds, read.fieldCodes,
                  "teichaku-bridge query"});
  }
  return code;
}

}  // namespace

Command syncCommand() {
  return {
      "sync",
      "kintone のアプリをミラーに同期します",
      "sync --config FILE [--app NAME]... [--full] [--reconcile] [--write-back] [--summary FILE]",
      "前回からの変更（更新日時）を読み、項目対応表にある項目だけをミラーに保存します。\n"
      "--full はすべてのレコードを読み直します。中断しても次回は続きから再開します。\n"
      "--reconcile は kintone から消えたレコードを探してミラーから消します。消える数が\n"
      "[schedule] reconcile_max_delete_percent を超えるときは消さずに止まります（終了コード 4）。\n"
      "--write-back は年齢・年度・期間などの派生項目を計算し、変わったものだけ kintone "
      "に書き戻します。",
      {{"config", "FILE", true, false, "設定ファイル（TOML）"},
       {"app", "NAME", false, true, "同期するアプリ（繰り返し可。既定はすべて）"},
       {"full", "", false, false, "すべてのレコードを読み直す"},
       {"reconcile", "", false, false, "削除されたレコードを照合する"},
       {"write-back", "", false, false, "派生項目を kintone に書き戻す"},
       {"allow-mass-delete", "", false, false, "担当者が確認済みの大量削除を許す"},
       {"summary", "FILE", false, false, "結果を JSON で書き出す"}},
      runSync};
}

Command queryCommand() {
  return {"query",
          "ミラーにクエリを問い合わせます（kintone に接続しません）",
          "query --config FILE --app NAME [--format csv|json|table] 'QUERY'",
          "kintone と同じクエリの書き方で、ミラーのレコードを探して表示します。\n"
          "フィールドコードは日本語のまま書けます。例:\n"
          "  teichaku-bridge query --config b.toml --app cases '依頼区分 in (\"特別調整\") and "
          "依頼日 >= \"2024-04-01\"'\n"
          "表示したレコードの番号と項目は監査ログに記録します。",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"},
           {"app", "NAME", true, false, "アプリ（[kintone.apps.<名前>] の名前）"},
           {"format", "FORMAT", false, false, "csv、json、table（既定）"}},
          runQuery};
}

}  // namespace teichaku::cli
