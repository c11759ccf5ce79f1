#pragma once

#include <rapidjson/document.h>

#include <string_view>

#include "query/query.h"

// Reading kintone record JSON (kintone-api.md §4): {"code": {"type": T, "value": V}}, subtable
// value = [{"id": .., "value": {inner code: {"type", "value"}}}].
namespace teichaku::query::detail {

inline std::string_view view(const rapidjson::Value& v) {
  return {v.GetString(), v.GetStringLength()};
}

// The "value" of field `code` in `fields` (a record or a subtable row's "value" object);
// nullptr when the field or its value is absent or `fields` is not an object.
const rapidjson::Value* fieldValue(const rapidjson::Value& fields, std::string_view code);

// The rows of subtable `code`; nullptr when absent or not an array.
const rapidjson::Value* subtableRows(const rapidjson::Value& record, std::string_view code);

// The inner-field object of a subtable row; nullptr when malformed.
const rapidjson::Value* rowFields(const rapidjson::Value& row);

}  // namespace teichaku::query::detail
