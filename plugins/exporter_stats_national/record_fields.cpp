#include "record_fields.h"

#include <rapidjson/document.h>

#include "mirror_scan.h"
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
  // Pools on the stack: a rapidjson::Document mallocs a 64 KB chunk for its first value, once
  // per record handed over (36,000 times in a national survey of 100,000 cases).
  char valueBuffer[2048];
  char stackBuffer[1024];
  rapidjson::MemoryPoolAllocator<> values(valueBuffer, sizeof valueBuffer);
  rapidjson::MemoryPoolAllocator<> parseStack(stackBuffer, sizeof stackBuffer);
  rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>,
                             rapidjson::MemoryPoolAllocator<>>
      doc(&values, sizeof stackBuffer / 2, &parseStack);
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

stats::ScanQueries hostScanner(const tb_host* host, const stats::Definitions& d) {
  return
      [host, &d](const std::vector<std::string>& queries,
                 const std::function<void(const stats::MatchedRecord&, const std::uint8_t*)>& on) {
        const plugin::Host h(host);
        std::uint64_t seen = 0;
        stats::scanMirror(
            host, d.app, queries, {d.caseNumberField, d.centreField},
            [&](std::string_view json, const std::uint8_t* matches) {
              CaseKey key = readCaseKey(json, d.caseNumberField, d.centreField);
              on(stats::MatchedRecord{key.recordId, key.caseNumber, key.centre}, matches);
              if (++seen % 1000 == 0 && !h.progress(seen, 0, "count")) {
                throw plugin::Failure::retry("STATS_STOPPED", "中止の求めにより途中で止めました。");
              }
              return true;
            });
        if (!h.progress(seen, seen, "count")) {
          throw plugin::Failure::retry("STATS_STOPPED", "中止の求めにより途中で止めました。");
        }
      };
}

}  // namespace teichaku::stats_national
