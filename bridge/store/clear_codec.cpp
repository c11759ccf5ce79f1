#include "store/clear_codec.h"

#include <utility>

namespace teichaku::store {

EncodedValue encodeClearValue(const ClearValue& value) {
  if (const auto* text = std::get_if<std::string>(&value))
    return {"t", *text, 0};
  if (const auto* number = std::get_if<double>(&value))
    return {"r", "", *number};
  if (const auto* date = std::get_if<Date>(&value))
    return {"d", date->iso, 0};
  return {"n", "", 0};
}

ClearValue decodeClearValue(const std::string& kind, std::string text, double number) {
  if (kind == "t")
    return ClearValue(std::in_place_type<std::string>, std::move(text));
  if (kind == "r")
    return number;
  if (kind == "d")
    return Date{std::move(text)};
  return std::monostate{};
}

}  // namespace teichaku::store
