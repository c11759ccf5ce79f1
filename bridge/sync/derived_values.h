#pragma once

#include <rapidjson/document.h>

#include <map>
#include <string>

#include "domain/date.h"
#include "mapping/mapping.h"

// Binds bridge/domain/derived_fields.h to the mapping: reads the input dates by domain name
// from a mirrored body and gives the value every mapped derived field should hold, in the
// text form kintone returns (NUMBER "45", "" for empty).
namespace teichaku::sync {

// field code -> wanted value, for the mapped derived fields this function knows (the 対象者
// ones in mappings/raito-plus.toml). 高齢 is "高齢" when 65 or older on 依頼日, else "".
std::map<std::string, std::string> derivedValues(const mapping::AppMapping& app,
                                                 const rapidjson::Value& body,
                                                 const domain::Date& today);

// The stored text of `code` in a body ({"code":{"type","value"}}); "" when absent or null.
std::string currentText(const rapidjson::Value& body, const std::string& code);

}  // namespace teichaku::sync
