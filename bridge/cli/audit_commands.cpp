#include <ostream>

#include "audit/audit_log.h"
#include "cli/command_list.h"
#include "cli/config_loading.h"
#include "sync/sync_command.h"

namespace teichaku::cli {
namespace {

ExitCode runAuditVerify(Context& ctx) {
  auto config = loadForCommand(ctx.args.value("config"), ctx.err);
  if (!config) {
    return ExitCode::kConfigError;
  }
  auto store = sync::openMirror(*config);
  audit::AuditLog log(*store, config->store.auditHeadFile);
  auto result = log.verify();
  if (!result.ok()) {
    ctx.err << "監査ログの検証に失敗しました: " << result.message << '\n'
            << "監査ログが書き換えられた可能性があります。データベースを変更せず、責任者に報告して"
               "ください。\n";
    return ExitCode::kNeedsOperator;
  }
  ctx.out << "監査ログの " << result.entries
          << " 件を検証しました。改ざんは見つかりませんでした。\n";
  return ExitCode::kOk;
}

}  // namespace

Command auditVerifyCommand() {
  return {"audit verify",
          "監査ログが改ざんされていないか検証します",
          "audit verify --config FILE",
          "監査ログのハッシュの鎖を先頭から確かめ、データベースの外に置いた末尾の控え\n"
          "（[store] audit_head_file）と照らし合わせます。書き換え・削除・並べ替え・切り詰めが\n"
          "あれば最初のおかしな項目の番号を示し、終了コード 4 で終わります。",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          runAuditVerify};
}

}  // namespace teichaku::cli
