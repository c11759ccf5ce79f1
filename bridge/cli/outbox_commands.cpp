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

Command outboxListCommand() {
  return {"outbox list",
          "送信待ち・保留中の送信を一覧表示します",
          "outbox list --config FILE",
          "",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          notYetAvailable};
}

Command outboxRetryCommand() {
  return {"outbox retry",
          "保留された送信をもう一度送信待ちに戻します",
          "outbox retry --config FILE --id N",
          "",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          notYetAvailable};
}

Command outboxDropCommand() {
  return {"outbox drop",
          "保留された送信を取り消します",
          "outbox drop --config FILE --id N",
          "",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          notYetAvailable};
}

}  // namespace teichaku::cli
