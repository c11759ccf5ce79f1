#include "log/log.h"

#include <Poco/Logger.h>

#include <atomic>

namespace teichaku::log {
namespace {

std::shared_ptr<Redactor>& current() {
  static std::shared_ptr<Redactor> instance = std::make_shared<Redactor>();
  return instance;
}

bool needsQuotes(const std::string& v) {
  return v.empty() || v.find_first_of(" \t\"=") != std::string::npos;
}

}  // namespace

void setRedactor(std::shared_ptr<Redactor> r) {
  std::atomic_store(&current(), std::move(r));
}

std::shared_ptr<Redactor> redactor() {
  return std::atomic_load(&current());
}

std::string format(std::string_view messageId, Fields fields) {
  auto r = redactor();
  std::string out(messageId);
  for (const auto& f : fields) {
    std::string value = r->isPersonalKey(f.key) ? std::string(kMask) : f.value;
    for (char& c : value) {
      if (c == '\n' || c == '\r') {
        c = ' ';  // one event, one line: a value cannot forge another log line
      }
    }
    out += ' ';
    out += f.key;
    out += '=';
    if (needsQuotes(value)) {
      out += '"';
      for (char c : value) {
        if (c == '"') {
          out += '\\';
        }
        out += c;
      }
      out += '"';
    } else {
      out += value;
    }
  }
  return out;
}

void write(Poco::Message::Priority priority, std::string_view messageId, Fields fields,
           const std::string& source) {
  Poco::Logger& logger = Poco::Logger::get(source);
  if (!logger.is(priority)) {
    return;
  }
  // The channel redacts secrets again; formatting here already masks personal keys.
  logger.log(Poco::Message(source, redactor()->redact(format(messageId, fields)), priority));
}

}  // namespace teichaku::log
