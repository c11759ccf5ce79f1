#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

#include <functional>
#include <string>

// Feeds /metrics' failures-by-message-ID counter from the log itself, so every warning
// and error of every component is counted without each one knowing about metrics. A
// Poco channel in front of the configured one: it reads the message ID (the first word
// of every line, log/log.h) of warnings and worse, then passes the message on unchanged.
namespace teichaku::daemon {

class FailureCountingChannel : public Poco::Channel {
 public:
  using OnFailure = std::function<void(const std::string& messageId)>;
  FailureCountingChannel(Poco::AutoPtr<Poco::Channel> next, OnFailure onFailure);

  void log(const Poco::Message& msg) override;
  void open() override;
  void close() override;

 private:
  Poco::AutoPtr<Poco::Channel> next_;
  OnFailure onFailure_;
};

// Puts a FailureCountingChannel in front of the root logger's channel, for every
// logger. Call again after the logging is reconfigured (a reload replaces the channel).
void installFailureCounter(FailureCountingChannel::OnFailure onFailure);

// The message ID at the start of a log line; empty if the line does not start with one.
std::string messageIdOf(const std::string& text);

}  // namespace teichaku::daemon
