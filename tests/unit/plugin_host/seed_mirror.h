#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/mapping.h"
#include "seed/case_generator.h"
#include "store/mirror_store.h"
#include "sync/record_conversion.h"

// The seed generator's cases stored in a mirror as the sync stores them (clear columns and a
// sealed body through sync::toRecordInput), without kintone or HTTP: for the one-pass tests
// and the statistics benchmark.
namespace teichaku::plugin_host::testing {

// A seed record (write shape: {"code": {"value": V}}) in the shape GET records.json returns:
// each field gets its "type" from the form (fields.json properties), subtable rows get ids,
// and $id / $revision are added. Fields the form does not have are left out.
inline std::string readShape(const rapidjson::Value& properties, std::string_view writeJson,
                             std::int64_t id, std::int64_t& nextRowId) {
  rapidjson::Document in;
  in.Parse(writeJson.data(), writeJson.size());
  if (!in.IsObject()) {
    throw std::runtime_error("seed record is not an object");
  }
  rapidjson::Document out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  auto typed = [&](const rapidjson::Value& field, const rapidjson::Value& property) {
    rapidjson::Value f(rapidjson::kObjectType);
    f.AddMember("type", rapidjson::Value(property["type"], a), a);
    auto value = field.FindMember("value");
    f.AddMember("value",
                value != field.MemberEnd() ? rapidjson::Value(value->value, a) : rapidjson::Value(),
                a);
    return f;
  };
  auto builtin = [&](const char* code, const char* type, std::int64_t n) {
    rapidjson::Value f(rapidjson::kObjectType);
    f.AddMember("type", rapidjson::StringRef(type), a);
    f.AddMember("value", rapidjson::Value(std::to_string(n).c_str(), a), a);
    out.AddMember(rapidjson::StringRef(code), f, a);
  };
  builtin("$id", "__ID__", id);
  builtin("$revision", "__REVISION__", 1);
  for (const auto& m : in.GetObject()) {
    auto property = properties.FindMember(m.name);
    if (property == properties.MemberEnd()) {
      continue;
    }
    rapidjson::Value f = typed(m.value, property->value);
    if (std::string_view(property->value["type"].GetString()) == "SUBTABLE" &&
        f["value"].IsArray()) {
      const rapidjson::Value& inner = property->value["fields"];
      for (auto& row : f["value"].GetArray()) {
        rapidjson::Value values(rapidjson::kObjectType);
        for (const auto& cell : row["value"].GetObject()) {
          auto innerProperty = inner.FindMember(cell.name);
          if (innerProperty != inner.MemberEnd()) {
            values.AddMember(rapidjson::Value(cell.name, a),
                             typed(cell.value, innerProperty->value), a);
          }
        }
        row["value"] = values;
        row.AddMember("id", rapidjson::Value(std::to_string(nextRowId++).c_str(), a), a);
      }
    }
    out.AddMember(rapidjson::Value(m.name, a), f, a);
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  out.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Stores `count` seed cases in the cases app, in `slices` equal parts whose base dates are 31
// March of consecutive years ending with `lastBaseYear` (each part's requests cover the six
// fiscal years up to its base date, so 5 parts ending 2026 cover FY2016–FY2025). Case indexes
// run on across parts, so case numbers stay unique. Returns the number of records stored.
inline std::size_t storeSeedCases(store::MirrorStore& store, const mapping::AppMapping& cases,
                                  const rapidjson::Value& properties, std::size_t count,
                                  int slices = 1, int lastBaseYear = 2026) {
  std::vector<store::RecordInput> batch;
  std::int64_t nextId = 1;
  std::int64_t nextRowId = 1;
  auto flush = [&] {
    store::Transaction transaction(store);
    store.upsertRecords(batch);
    transaction.commit();
    batch.clear();
  };
  for (int slice = 0; slice < slices; ++slice) {
    seed::SeedOptions options;
    options.cases = count;
    options.baseDate = seed::Date{std::chrono::year{lastBaseYear - slices + 1 + slice},
                                  std::chrono::month{3}, std::chrono::day{31}};
    const std::size_t first = count * static_cast<std::size_t>(slice) / slices;
    const std::size_t end = count * static_cast<std::size_t>(slice + 1) / slices;
    for (std::size_t index = first; index < end; ++index) {
      seed::generateCase(options, index, [&](seed::App app, std::string_view json) {
        if (app != seed::App::kCases) {
          return;
        }
        const std::string record = readShape(properties, json, nextId++, nextRowId);
        rapidjson::Document doc;
        doc.Parse(record.c_str(), record.size());
        batch.push_back(sync::toRecordInput(cases, doc));
        if (batch.size() == 500) {
          flush();
        }
      });
    }
  }
  if (!batch.empty()) {
    flush();
  }
  return static_cast<std::size_t>(nextId - 1);
}

}  // namespace teichaku::plugin_host::testing
