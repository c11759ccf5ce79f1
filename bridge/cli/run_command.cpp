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

Command runCommand() {
  return {"run", "デーモンとして常駐し、Webhook・定期同期・通知を処理します", "run --config FILE",
          "",    {{"config", "FILE", true, false, "設定ファイル（TOML）"}},   notYetAvailable};
}

}  // namespace teichaku::cli
