#pragma once

// Reading field values out of a kintone record in REST format
// ({"code":{"type":…,"value":…}}, kintone-api.md §1.5), the shape getRecord returns and
// the mirror keeps as a record body.

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

namespace teichaku::mapping {
struct AppMapping;
}

namespace teichaku::rules {

// A string value (text, drop-down, date, $id, $revision); "" when absent or not a string.
std::string textValue(const rapidjson::Value& record, const char* code);
// CHECK_BOX / MULTI_SELECT values.
std::vector<std::string> listValue(const rapidjson::Value& record, const char* code);
// USER_SELECT / ORGANIZATION_SELECT / GROUP_SELECT entity codes.
std::vector<std::string> entityCodes(const rapidjson::Value& record, const char* code);

// Every non-empty string value of the app's personal fields (top level and subtable rows),
// including entity names: what must never reach Garoon.
std::vector<std::string> personalValues(const mapping::AppMapping& app,
                                        const rapidjson::Value& record);

}  // namespace teichaku::rules
