#include "log/redacting_channel.h"

#include <Poco/Message.h>

namespace teichaku::log {

RedactingChannel::RedactingChannel(std::shared_ptr<const Redactor> redactor,
                                   Poco::AutoPtr<Poco::Channel> next)
    : redactor_(std::move(redactor)), next_(std::move(next)) {}

void RedactingChannel::log(const Poco::Message& msg) {
  Poco::Message copy(msg);
  copy.setText(redactor_->redact(msg.getText()));
  next_->log(copy);
}

void RedactingChannel::open() {
  next_->open();
}

void RedactingChannel::close() {
  next_->close();
}

}  // namespace teichaku::log
