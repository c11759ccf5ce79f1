#pragma once

#include <string>

#include "store/values.h"

// How a ClearValue is stored in clear_values: kind n (null), t (text), r (number),
// d (date) plus a text and a number column. Internal to the store component.
namespace teichaku::store {

struct EncodedValue {
  const char* kind;
  std::string text;
  double number = 0;
};

EncodedValue encodeClearValue(const ClearValue& value);
ClearValue decodeClearValue(const std::string& kind, std::string text, double number);

}  // namespace teichaku::store
