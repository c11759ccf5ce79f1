#include "daemon/failure_counter.h"

#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <utility>

namespace teichaku::daemon {

std::string messageIdOf(const std::string& text) {
  std::size_t end = 0;
  while (end < text.size() && ((text[end] >= 'A' && text[end] <= 'Z') ||
                               (text[end] >= '0' && text[end] <= '9') || text[end] == '_')) {
    ++end;
  }
  const bool wholeWord = end == text.size() || text[end] == ' ';
  return end > 0 && wholeWord ? text.substr(0, end) : std::string();
}

FailureCountingChannel::FailureCountingChannel(Poco::AutoPtr<Poco::Channel> next,
                                               OnFailure onFailure)
    : next_(std::move(next)), onFailure_(std::move(onFailure)) {}

void FailureCountingChannel::log(const Poco::Message& msg) {
  if (msg.getPriority() <= Poco::Message::PRIO_WARNING) {
    if (std::string id = messageIdOf(msg.getText()); !id.empty()) {
      onFailure_(id);
    }
  }
  if (next_) {
    next_->log(msg);
  }
}

void FailureCountingChannel::open() {
  if (next_) {
    next_->open();
  }
}

void FailureCountingChannel::close() {
  if (next_) {
    next_->close();
  }
}

void installFailureCounter(FailureCountingChannel::OnFailure onFailure) {
  Poco::AutoPtr<Poco::Channel> current = Poco::Logger::root().getChannel();
  Poco::AutoPtr<Poco::Channel> counting(
      new FailureCountingChannel(std::move(current), std::move(onFailure)));
  Poco::Logger::root().setChannel(counting);
  Poco::Logger::setChannel("", counting);
}

}  // namespace teichaku::daemon
