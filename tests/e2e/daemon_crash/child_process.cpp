#include "child_process.h"

#include <signal.h>

#include <chrono>
#include <thread>

namespace teichaku::e2e {

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args)
    : handle_(Poco::Process::launch(program, Poco::Process::Args(args.begin(), args.end()))) {}

ChildProcess::~ChildProcess() {
  if (!exitCode_) {
    ::kill(pid(), SIGKILL);
    wait();
  }
}

bool ChildProcess::running() {
  return !waitFor(0).has_value();
}

void ChildProcess::signal(int number) {
  if (!exitCode_) {
    ::kill(pid(), number);
  }
}

int ChildProcess::wait() {
  if (!exitCode_) {
    exitCode_ = handle_.wait();
  }
  return *exitCode_;
}

std::optional<int> ChildProcess::waitFor(int timeoutMs) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (!exitCode_) {
    // tryWait: -1 while the child runs (Poco 1.11, Process_UNIX).
    const int code = handle_.tryWait();
    if (code != -1) {
      exitCode_ = code;
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exitCode_;
}

int runToEnd(const std::string& program, const std::vector<std::string>& args) {
  ChildProcess child(program, args);
  return child.wait();
}

}  // namespace teichaku::e2e
