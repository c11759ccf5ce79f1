#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seed/dates.h"

namespace teichaku::seed {

// Builds one record in the write shape of POST /k/v1/records.json (kintone-api.md §4):
// {"code": {"value": V}, ...}, compact, keys in call order (so output is byte-stable).
class RecordJson {
 public:
  RecordJson();

  void text(std::string_view code, std::string_view value);
  void number(std::string_view code, std::int64_t value);
  void date(std::string_view code, std::optional<Date> value);  // empty → null
  void dateTime(std::string_view code, std::string_view isoUtc);
  void choices(std::string_view code, const std::vector<std::string>& values);  // CHECK_BOX etc.
  void entities(std::string_view code, const std::vector<std::string>& codes);  // USER/ORG
  // SUBTABLE: beginTable, then per row beginRow + inner fields + endRow, then endTable.
  void beginTable(std::string_view code);
  void beginRow();
  void endRow();
  void endTable();

  std::string finish();

 private:
  void key(std::string_view code);
  void string(std::string_view value);

  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace teichaku::seed
