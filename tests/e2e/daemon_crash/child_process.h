#pragma once

#include <Poco/Process.h>

#include <optional>
#include <string>
#include <vector>

// A program started by a test, owned like a handle: destroying a running one kills it
// (SIGKILL) and reaps it, so a failed assertion never leaves a daemon behind.
namespace teichaku::e2e {

class ChildProcess {
 public:
  // Starts `program` with `args`; stdout and stderr are inherited (ctest keeps them).
  ChildProcess(const std::string& program, const std::vector<std::string>& args);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const { return static_cast<int>(handle_.id()); }
  bool running();
  void signal(int number);
  // Waits for the exit: the exit status, or 256 + the signal number (Poco's convention).
  int wait();
  // Waits at most `timeoutMs`; nullopt when still running.
  std::optional<int> waitFor(int timeoutMs);

 private:
  Poco::ProcessHandle handle_;
  std::optional<int> exitCode_;
};

// Runs a program to its end; its exit code (output inherited).
int runToEnd(const std::string& program, const std::vector<std::string>& args);

}  // namespace teichaku::e2e
