#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

#include <memory>

#include "log/redactor.h"

namespace teichaku::log {

// A Poco channel that passes every message through the Redactor before handing it
// to the real channel (console, file, syslog). Installed at the root logger, so no
// log line can bypass it.
class RedactingChannel : public Poco::Channel {
 public:
  RedactingChannel(std::shared_ptr<const Redactor> redactor, Poco::AutoPtr<Poco::Channel> next);

  void log(const Poco::Message& msg) override;
  void open() override;
  void close() override;

 private:
  std::shared_ptr<const Redactor> redactor_;
  Poco::AutoPtr<Poco::Channel> next_;
};

}  // namespace teichaku::log
