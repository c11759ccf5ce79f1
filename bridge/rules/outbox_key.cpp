#include "rules/outbox_key.h"

namespace teichaku::rules {

namespace {

// ':' separates the parts and '%' escapes, so both are percent-encoded inside a part:
// two different inputs can never give the same key.
void appendPart(std::string& key, std::string_view part) {
  for (char c : part) {
    if (c == ':') {
      key += "%3A";
    } else if (c == '%') {
      key += "%25";
    } else {
      key += c;
    }
  }
}

}  // namespace

std::string outboxKey(std::string_view rule, std::string_view appKey, std::string_view recordId,
                      std::string_view generation, std::string_view target) {
  std::string key;
  key.reserve(rule.size() + appKey.size() + recordId.size() + generation.size() + target.size() +
              4);
  appendPart(key, rule);
  key += ':';
  appendPart(key, appKey);
  key += ':';
  appendPart(key, recordId);
  key += ':';
  appendPart(key, generation);
  if (!target.empty()) {
    key += ':';
    appendPart(key, target);
  }
  return key;
}

}  // namespace teichaku::rules
