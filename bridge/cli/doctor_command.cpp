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

Command doctorCommand() {
  return {"doctor",
          "導入時に接続・権限・アプリ設定を点検します（データは変更しません）",
          "doctor --config FILE",
          "",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          notYetAvailable};
}

}  // namespace teichaku::cli
