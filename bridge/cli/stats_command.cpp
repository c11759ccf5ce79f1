#include "plugin_host/stats_command.h"

#include <ostream>

#include "audit/audit_log.h"
#include "cli/command_list.h"
#include "cli/mirror_session.h"

namespace teichaku::cli {
namespace {

ExitCode runStats(Context& ctx) {
  plugin_host::StatsCommandOptions options;
  options.instance = ctx.args.value("plugin");
  options.outDir = ctx.args.value("out");
  if (ctx.args.has("fy")) {
    const std::string fy = ctx.args.value("fy");
    if (fy.size() != 4 || fy.find_first_not_of("0123456789") != std::string::npos) {
      ctx.err
          << "エラー: --fy には年度を西暦4桁で指定してください（例: --fy 2024 は 2024年4月〜2025年3月）。\n";
      return ExitCode::kConfigError;
    }
    options.fiscalYear = std::stoi(fy);
  }
  options.from = ctx.args.value("from");
  options.to = ctx.args.value("to");
  if (ctx.args.has("centre")) {
    options.centres = ctx.args.options.at("centre");
  }
  if (ctx.args.has("format")) {
    options.formats = ctx.args.options.at("format");
  }
  options.check = ctx.args.has("check");
  options.failOnFindings = ctx.args.has("fail-on-findings");
  auto session = openMirrorSession(ctx.args.value("config"), ctx.err);
  if (!session) {
    return ExitCode::kConfigError;
  }
  audit::AuditLog audit(*session->store, session->config.store.auditHeadFile);
  return static_cast<ExitCode>(plugin_host::runStatsCommand(
      session->config, *session->store, session->mapping, audit, options, ctx.out, ctx.err));
}

}  // namespace

Command statsCommand() {
  return {
      "stats",
      "統計（国の実施状況調べ、任意の期間）をミラーから作ります",
      "stats --config FILE --plugin INSTANCE (--fy YEAR | --from DATE --to DATE) [--centre NAME]... "
      "[--format csv|xlsx]... --out DIR\n"
      "       stats --config FILE --plugin INSTANCE --check [--fy YEAR | --from DATE --to DATE] "
      "[--centre CODE]... [--fail-on-findings] --out DIR",
      "[plugins.<INSTANCE>] の統計プラグインで、ミラーのデータから統計表を作り、DIR/<INSTANCE>/ に\n"
      "書き出します（kintone には接続しません）。--fy 2024 は 2024年4月1日〜2025年3月31日（令和6年度）です。\n"
      "数字の根拠になったケース番号（氏名は含みません）を別のシート・ファイルに書きます。\n"
      "プラグインが読んだレコードと書いたファイルは監査ログに記録します。\n"
      "--check では統計の代わりに、定義が使う項目の未入力・矛盾があるケースをセンターごとに\n"
      "データ点検_<センターコード>.csv に、件数の一覧を データ点検_一覧.csv に書きます（ケース番号と\n"
      "項目名だけで、値は書きません。docs/data-checks.md）。期間を省くと全ケースを点検します。\n"
      "指摘があっても終了コードは 0 です。--fail-on-findings では指摘があると 4 で終わります。",
      {{"config", "FILE", true, false, "設定ファイル（TOML）"},
       {"plugin", "INSTANCE", true, false, "統計プラグインのインスタンス名"},
       {"fy", "YEAR", false, false, "年度（西暦、4月始まり）"},
       {"from", "DATE", false, false, "期間の初日 YYYY-MM-DD（--to と組で）"},
       {"to", "DATE", false, false, "期間の最終日 YYYY-MM-DD"},
       {"centre", "NAME", false, true, "このセンターだけ（繰り返し可。--check ではコードも可）"},
       {"format", "FORMAT", false, true, "出力形式 csv / xlsx（繰り返し可）"},
       {"check", "", false, false, "統計の代わりにデータ点検の一覧を作る"},
       {"fail-on-findings", "", false, false, "--check で指摘があれば終了コード 4"},
       {"out", "DIR", true, false, "出力先フォルダ"}},
      runStats};
}

}  // namespace teichaku::cli
