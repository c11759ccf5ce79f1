#pragma once

#include <signal.h>

// SIGTERM, SIGINT and SIGHUP for the daemon, taken synchronously with sigwait() in one
// thread instead of in an async handler (where almost nothing is safe to do). Construct
// it before any thread starts: threads inherit the blocked mask, so the signals reach
// only wait(). Poco's waitForTerminationRequest does the same but does not take SIGHUP.
namespace teichaku::daemon {

class SignalWaiter {
 public:
  SignalWaiter();   // blocks the three signals in the calling thread
  ~SignalWaiter();  // restores the previous mask
  SignalWaiter(const SignalWaiter&) = delete;
  SignalWaiter& operator=(const SignalWaiter&) = delete;

  // Waits for one of them; returns SIGTERM, SIGINT or SIGHUP.
  int wait();

 private:
  sigset_t set_;
  sigset_t previous_;
};

}  // namespace teichaku::daemon
