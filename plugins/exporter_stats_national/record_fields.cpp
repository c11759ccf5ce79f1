#include "record_fields.h"

#include <rapidjson/document.h>

#include "teichaku/plugin.hpp"

namespace teichaku::stats_national {
namespace {

std::string stringValue(const rapidjson::Value& record, const std::string& code) {
  auto field = record.FindMember(code.c_str());
  if (field == record.MemberEnd() || !field->value.IsObject()) {
    return {};
  }
  auto value = field->value.FindMember("value");
  if (value == field->value.MemberEnd() || !value->value.IsString()) {
    return {};
  }
  return {value->value.GetString(), value->value.GetStringLength()};
}

}  // namespace

CaseKey readCaseKey(std::string_view recordJson, const std::string& caseNumberField,
                    const std::string& centreField) {
  rapidjson::Document doc;
  doc.Parse(recordJson.data(), recordJson.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    throw plugin::Failure::fail("STATS_RECORD_UNREADABLE", "ミラーのレコードを読めませんでした。");
  }
  CaseKey key{stringValue(doc, "$id"), stringValue(doc, caseNumberField),
              stringValue(doc, centreField)};
  if (key.caseNumber.empty()) {
    throw plugin::Failure::fail(
        "STATS_RECORD_UNREADABLE",
        "ケース番号のないレコードがあり、集計できません（フィールド " + caseNumberField + "）。");
  }
  return key;
}

}  // namespace teichaku::stats_national
