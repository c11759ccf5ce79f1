#pragma once

#include <ostream>
#include <string>

#include "common/exit_codes.h"

// The checklist `teichaku-bridge doctor` prints: one line per check, written as soon as
// the check ends so a slow service shows where it waits.
//   ✔ passed   ✘ must be fixed (followed by "→ 対処: …")   ！ worth knowing, not an error
namespace teichaku::cli {

class Checklist {
 public:
  explicit Checklist(std::ostream& out) : out_(out) {}

  void section(const std::string& title);
  void pass(const std::string& what);
  // Something a person must fix; `todo` says what to do.
  void fail(const std::string& what, const std::string& todo);
  // A service did not answer (network, DNS, TLS, maintenance): run again later.
  void unreachable(const std::string& what, const std::string& todo);
  void note(const std::string& what);

  // "結果: ✔ 7、✘ 1、！ 2" and what the exit code means.
  void printSummary();
  // kNeedsOperator when anything must be fixed, else kRetryLater when a service was
  // unreachable, else kOk.
  ExitCode exitCode() const;

  int passed() const { return passed_; }
  int failed() const { return failed_; }
  int unreachableCount() const { return unreachable_; }

 private:
  std::ostream& out_;
  int passed_ = 0;
  int failed_ = 0;
  int unreachable_ = 0;
  int notes_ = 0;
};

}  // namespace teichaku::cli
