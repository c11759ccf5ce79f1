// Placeholder registered so the command table is stable while the real command is
// built; it refuses to run rather than pretending to work.
#include <ostream>

#include "cli/command_list.h"

namespace teichaku::cli {
namespace {

ExitCode notYetAvailable(Context& ctx) {
  ctx.err << "このコマンドはまだ使えません。\n";
  return ExitCode::kRuntimeFailure;
}

}  // namespace

Command accountsPlanCommand() {
  return {"accounts plan",
          "職員名簿と cybozu.com を比べ、アカウント変更の計画を作ります",
          "accounts plan --config FILE --roster FILE --out PLAN",
          "",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          notYetAvailable};
}

Command accountsApplyCommand() {
  return {"accounts apply",
          "確認済みの計画を cybozu.com に適用します",
          "accounts apply --config FILE --plan PLAN",
          "",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          notYetAvailable};
}

Command accountsRotateCommand() {
  return {"accounts rotate",
          "センターの全アカウントのパスワードを再発行します",
          "accounts rotate --config FILE --centre CODE --out DIR",
          "",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          notYetAvailable};
}

}  // namespace teichaku::cli
