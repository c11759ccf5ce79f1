#pragma once

#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "fakes.h"
#include "plugin_host/plugin_instance.h"
#include "plugin_host/plugin_library.h"
#include "query/query.h"

// A mirror over in-memory cases that evaluates queries with the shared parser, as the real
// host does over the store; and a runner that loads the built .so and returns its files.
namespace teichaku::stats_test {

// One support episode of the cases app, with the fields the national definitions use.
struct Case {
  std::string number;  // ケース番号
  std::string centre;  // 管理センター
  std::string kind;    // 依頼区分
  std::string request;
  std::string end;  // "" = still open
  std::string birth = "1980-01-01";
  std::string intellectual = "無";
  std::string mental = "無";
  std::string physical = "無";
};

inline std::string field(const std::string& code, const char* type, const std::string& value) {
  return "\"" + code + "\":{\"type\":\"" + type + "\",\"value\":\"" + value + "\"}";
}

inline std::string toJson(const Case& c, int id) {
  return "{" + field("$id", "__ID__", std::to_string(id)) + "," +
         field("ケース番号", "SINGLE_LINE_TEXT", c.number) + "," +
         field("管理センター", "DROP_DOWN", c.centre) + "," +
         field("依頼区分", "DROP_DOWN", c.kind) + "," + field("依頼日", "DATE", c.request) + "," +
         field("支援終了日", "DATE", c.end) + "," + field("生年月日", "DATE", c.birth) + "," +
         field("知的障害", "RADIO_BUTTON", c.intellectual) + "," +
         field("精神障害", "RADIO_BUTTON", c.mental) + "," +
         field("身体障害", "RADIO_BUTTON", c.physical) + "}";
}

class QueryMirror final : public plugin_host::MirrorReader {
 public:
  explicit QueryMirror(const std::vector<Case>& cases) {
    using query::FieldType;
    schema_.add("ケース番号", FieldType::kSingleLineText)
        .add("管理センター", FieldType::kDropDown)
        .add("依頼区分", FieldType::kDropDown)
        .add("依頼日", FieldType::kDate)
        .add("支援終了日", FieldType::kDate)
        .add("生年月日", FieldType::kDate)
        .add("知的障害", FieldType::kRadioButton)
        .add("精神障害", FieldType::kRadioButton)
        .add("身体障害", FieldType::kRadioButton);
    int id = 1;
    for (const auto& c : cases) {
      auto doc = std::make_unique<rapidjson::Document>();
      std::string json = toJson(c, id++);
      doc->Parse(json.c_str());
      records_.emplace_back(std::move(json), std::move(doc));
    }
  }

  Outcome forEach(const std::string& app, const std::string& text,
                  const std::vector<std::string>& fields,
                  const std::function<bool(std::string_view)>& fn) override {
    queries.push_back(text);
    lastFields = fields;
    if (app != "cases") {
      return Outcome::fail("PLUGIN_BAD_REQUEST", "unknown app " + app);
    }
    auto parsed = query::parse(text, schema_);
    if (!parsed.ok()) {
      return Outcome::fail("PLUGIN_BAD_REQUEST", parsed.error.code + " " + parsed.error.message);
    }
    query::EvalContext context;
    for (const auto& [json, doc] : records_) {
      if (query::matches(*parsed.query, *doc, context) && !fn(json)) {
        break;
      }
    }
    return Outcome::ok();
  }

  std::vector<std::string> queries;
  std::vector<std::string> lastFields;

 private:
  query::MapSchema schema_;
  std::vector<std::pair<std::string, std::unique_ptr<rapidjson::Document>>> records_;
};

// Counts read back from the counts CSV: (centre, row label) -> the five numbers.
using CountTable = std::map<std::pair<std::string, std::string>, std::vector<int>>;

// The numbers of one (centre, row); empty when the CSV has no such line.
inline std::vector<int> at(const CountTable& table, const std::string& centre,
                           const std::string& row) {
  auto it = table.find({centre, row});
  return it == table.end() ? std::vector<int>{} : it->second;
}

inline std::vector<std::string> splitCsvLine(const std::string& line) {
  std::vector<std::string> fields;
  std::string current;
  for (char c : line) {
    if (c == ',') {
      fields.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  fields.push_back(current);
  return fields;
}

// Lines after the header line "センター,区分,...". Labels in the shipped draft hold no commas.
inline CountTable parseCounts(const std::string& csv) {
  CountTable table;
  std::istringstream in(csv);
  std::string line;
  bool body = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    auto fields = splitCsvLine(line);
    if (!body) {
      body = fields.size() > 2 && fields[0] == "センター";
      continue;
    }
    std::vector<int> numbers;
    for (std::size_t i = 2; i < fields.size(); ++i) {
      numbers.push_back(std::stoi(fields[i]));
    }
    table[{fields[0], fields[1]}] = numbers;
  }
  return table;
}

struct RunResult {
  Outcome outcome = Outcome::ok();
  std::map<std::string, std::string> files;  // instance/file -> bytes
  std::vector<plugin_host::AuditEvent> audit;
};

inline RunResult runNational(plugin_host::MirrorReader& mirror, const std::string& configText,
                             const plugin_host::ExportRequest& request) {
  RunResult result;
  auto loaded = plugin_host::PluginLibrary::load(TEICHAKU_PLUGIN_DIR, "exporter_stats_national.so");
  if (!loaded.library) {
    result.outcome = Outcome::fail("TEST_LOAD", loaded.error);
    return result;
  }
  plugin_host::testing::MemorySink sink;
  plugin_host::testing::MemoryAudit audit;
  plugin_host::HostServices services;
  services.mirror = &mirror;
  services.output = &sink;
  services.audit = &audit;
  toml::table config = toml::parse(configText);
  auto created = plugin_host::PluginInstance::create(loaded.library, "national", config, services);
  if (!created.instance) {
    result.outcome = created.outcome;
    return result;
  }
  result.outcome = created.instance->runExport(request);
  result.files = sink.files;
  result.audit = audit.events;
  return result;
}

}  // namespace teichaku::stats_test
