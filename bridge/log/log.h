#pragma once

#include <Poco/Message.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "log/redactor.h"

// Structured logging: every warning and error carries a stable message ID
// (docs/messages.md) and key=value fields, e.g.
//   log::warning("KINTONE_RATE_LIMITED", {{"app", "cases"}, {"retry_in_ms", "1200"}});
// Log record ids and field codes, never field values. A field whose key is a personal
// field (registered from the data mapping) is masked whatever its value.
namespace teichaku::log {

struct Field {
  Field(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  Field(std::string k, const char* v) : key(std::move(k)), value(v) {}
  Field(std::string k, std::int64_t v) : key(std::move(k)), value(std::to_string(v)) {}
  Field(std::string k, int v) : key(std::move(k)), value(std::to_string(v)) {}
  Field(std::string k, std::size_t v) : key(std::move(k)), value(std::to_string(v)) {}
  std::string key;
  std::string value;
};

using Fields = std::initializer_list<Field>;

// The redactor every line passes through; installed once at start-up by
// configureLogging (tests may install their own).
void setRedactor(std::shared_ptr<Redactor> redactor);
std::shared_ptr<Redactor> redactor();

// Formats "ID key=value key=\"va lue\"" with personal keys masked.
std::string format(std::string_view messageId, Fields fields);

void write(Poco::Message::Priority priority, std::string_view messageId, Fields fields,
           const std::string& source = "teichaku");

inline void error(std::string_view id, Fields f = {}) {
  write(Poco::Message::PRIO_ERROR, id, f);
}
inline void warning(std::string_view id, Fields f = {}) {
  write(Poco::Message::PRIO_WARNING, id, f);
}
inline void notice(std::string_view id, Fields f = {}) {
  write(Poco::Message::PRIO_NOTICE, id, f);
}
inline void info(std::string_view id, Fields f = {}) {
  write(Poco::Message::PRIO_INFORMATION, id, f);
}
inline void debug(std::string_view id, Fields f = {}) {
  write(Poco::Message::PRIO_DEBUG, id, f);
}

}  // namespace teichaku::log
