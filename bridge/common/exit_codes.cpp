#include "common/exit_codes.h"

namespace teichaku {

int toInt(ExitCode code) {
  return static_cast<int>(code);
}

const char* describe(ExitCode code) {
  switch (code) {
    case ExitCode::kOk:
      return "正常終了";
    case ExitCode::kRuntimeFailure:
      return "実行中の失敗（ログを確認してください）";
    case ExitCode::kConfigError:
      return "設定またはコマンドラインの誤り（何も実行していません）";
    case ExitCode::kRetryLater:
      return "一時的な問題（時間をおいて再実行してください）";
    case ExitCode::kNeedsOperator:
      return "安全装置が停止しました（担当者の確認が必要です）";
  }
  return "不明";
}

}  // namespace teichaku
