#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

// What a plugin receives of a mirror record.
namespace teichaku::plugin_host {

// `record` (kintone record JSON) reduced to $id and the listed field codes, in that order,
// each as stored ({"type", "value"}); a code the record lacks is left out. No field listed =
// the whole record.
std::string projectedRecord(const rapidjson::Value& record, const std::vector<std::string>& fields);

}  // namespace teichaku::plugin_host
