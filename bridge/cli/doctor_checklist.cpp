#include "cli/doctor_checklist.h"

namespace teichaku::cli {

void Checklist::section(const std::string& title) {
  out_ << "\n■ " << title << '\n';
}

void Checklist::pass(const std::string& what) {
  ++passed_;
  out_ << "✔ " << what << '\n';
}

void Checklist::fail(const std::string& what, const std::string& todo) {
  ++failed_;
  out_ << "✘ " << what << "\n    → 対処: " << todo << '\n';
}

void Checklist::unreachable(const std::string& what, const std::string& todo) {
  ++unreachable_;
  out_ << "✘ " << what << "\n    → 対処: " << todo << '\n';
}

void Checklist::note(const std::string& what) {
  ++notes_;
  out_ << "！ " << what << '\n';
}

ExitCode Checklist::exitCode() const {
  if (failed_ > 0) {
    return ExitCode::kNeedsOperator;
  }
  return unreachable_ > 0 ? ExitCode::kRetryLater : ExitCode::kOk;
}

void Checklist::printSummary() {
  out_ << "\n結果: ✔ " << passed_ << "、✘ " << failed_ + unreachable_ << "、！ " << notes_ << '\n';
  switch (exitCode()) {
    case ExitCode::kOk:
      out_ << "すべての点検に合格しました。\n";
      break;
    case ExitCode::kNeedsOperator:
      out_ << "直す必要のある項目（✘）を直してから、もう一度 doctor を実行してください。\n";
      break;
    default:
      out_
          << "接続できないサービスがありました。ネットワークを確かめ、後でもう一度実行してください。\n";
      break;
  }
}

}  // namespace teichaku::cli
