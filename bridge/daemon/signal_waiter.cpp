#include "daemon/signal_waiter.h"

#include <pthread.h>

#include <cerrno>

namespace teichaku::daemon {

SignalWaiter::SignalWaiter() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGTERM);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set_, &previous_);
}

SignalWaiter::~SignalWaiter() {
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

int SignalWaiter::wait() {
  for (;;) {
    int signal = 0;
    if (sigwait(&set_, &signal) == 0) {
      return signal;
    }
    // sigwait only fails with EINVAL for a bad set, which ours is not; try again.
  }
}

}  // namespace teichaku::daemon
