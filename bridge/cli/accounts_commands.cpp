// teichaku-bridge accounts plan | apply | rotate: the secretariat's account provisioning
// (bridge/accounts, plugin provisioner_accounts). Every change goes to the audit log, so
// the mirror (which holds the audit chain) is opened like for the other commands.
#include <ostream>

#include "accounts/accounts_runner.h"
#include "audit/audit_log.h"
#include "cli/command_list.h"
#include "cli/mirror_session.h"

namespace teichaku::cli {
namespace {

using Runner = int (*)(const config::Config&, audit::AuditLog&, const accounts::AccountsOptions&,
                       std::ostream&, std::ostream&);

ExitCode runWith(Context& ctx, Runner runner) {
  accounts::AccountsOptions options;
  options.instance = ctx.args.value("plugin");
  options.roster = ctx.args.value("roster");
  options.plan = ctx.args.has("plan") ? ctx.args.value("plan") : ctx.args.value("out");
  options.outDir = ctx.args.has("plan") || ctx.args.has("centre") ? ctx.args.value("out") : "";
  options.centre = ctx.args.value("centre");
  auto session = openMirrorSession(ctx.args.value("config"), ctx.err);
  if (!session) {
    return ExitCode::kConfigError;
  }
  audit::AuditLog audit(*session->store, session->config.store.auditHeadFile);
  return static_cast<ExitCode>(runner(session->config, audit, options, ctx.out, ctx.err));
}

}  // namespace

Command accountsPlanCommand() {
  return {
      "accounts plan",
      "職員名簿と cybozu.com を比べ、アカウント変更の計画を作ります",
      "accounts plan --config FILE --roster FILE --out PLAN [--plugin INSTANCE]",
      "職員名簿（CSV: UTF-8 または CP932）と cybozu.com のユーザー・組織・ライセンスを比べ、\n"
      "作成・更新・異動・停止または削除・再開・ライセンス変更の計画を PLAN（JSON、mode 0600）に\n"
      "書きます。センターごとの件数と、名簿のエラー（行・列・理由）を表示します。\n"
      "cybozu.com は変更しません（変更は accounts apply で）。",
      {{"config", "FILE", true, false, "設定ファイル（TOML）"},
       {"roster", "FILE", true, false, "職員名簿の CSV"},
       {"out", "PLAN", true, false, "書き出す計画ファイル"},
       {"plugin", "INSTANCE", false, false,
        "provisioner_accounts のインスタンス名（1つだけなら省略可）"}},
      [](Context& ctx) { return runWith(ctx, accounts::runAccountsPlan); }};
}

Command accountsApplyCommand() {
  return {
      "accounts apply",
      "確認済みの計画を cybozu.com に適用します",
      "accounts apply --config FILE --plan PLAN [--out DIR] [--plugin INSTANCE]",
      "計画を作った後に cybozu.com で変更されたアカウントがあれば、何も変更せずに終了します\n"
      "（終了コード 4）。適用済みの変更は飛ばすので、同じ計画を何度適用しても結果は同じです。\n"
      "新しいアカウントの初期パスワードは DIR（省略時は計画ファイルのフォルダ）にセンターごとの\n"
      "ファイル（mode 0600）で書きます。すべての変更は監査ログに記録します（パスワードは記録しません）。",
      {{"config", "FILE", true, false, "設定ファイル（TOML）"},
       {"plan", "PLAN", true, false, "accounts plan が書いた計画ファイル"},
       {"out", "DIR", false, false, "初期パスワードのファイルを書くフォルダ"},
       {"plugin", "INSTANCE", false, false,
        "provisioner_accounts のインスタンス名（1つだけなら省略可）"}},
      [](Context& ctx) { return runWith(ctx, accounts::runAccountsApply); }};
}

Command accountsRotateCommand() {
  return {"accounts rotate",
          "センターの全アカウントのパスワードを再発行します",
          "accounts rotate --config FILE --centre CODE --out DIR",
          "端末の紛失などのとき、センターの組織に属するすべてのアカウントに新しいパスワードを\n"
          "設定し、DIR に 1 つのファイル（mode 0600）で書きます。監査ログに記録します。",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"},
           {"centre", "CODE", true, false, "センターコード（例: 01a）"},
           {"out", "DIR", true, false, "パスワードのファイルを書くフォルダ"}},
          [](Context& ctx) { return runWith(ctx, accounts::runAccountsRotate); }};
}

}  // namespace teichaku::cli
