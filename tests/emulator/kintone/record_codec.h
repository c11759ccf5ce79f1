#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "kintone/errors.h"
#include "kintone/state.h"

// Turns write-format record JSON ({"code":{"value":..}}) into the stored read format,
// applying defaults, normalisation and the validation table of kintone-api.md §4.
namespace teichaku::emulator::kintone {

struct Actor {
  std::string code;
  std::string name;
};

// "Prohibit duplicates" lookups: field code -> value -> record id. Built lazily from the
// app's records per request, then kept current as the request writes, so bulk writes
// are not quadratic.
struct UniqueIndex {
  std::uint64_t app = 0;
  std::map<std::string, std::unordered_map<std::string, std::uint64_t>> byField;
};

struct WriteContext {
  App& app;
  State& state;
  Actor actor;
  std::int64_t now = 0;
  UniqueIndex* unique = nullptr;  // owned by the engine; reset at each request
  // Record excluded from duplicate checks (the one being updated).
  std::uint64_t selfId = 0;
  // Lookup sources indexed by key value, built on first use within one request
  // ("<app id>/<key field>" -> key -> record).
  std::map<std::string, std::unordered_map<std::string, const StoredRecord*>> lookupIndex;
};

// New record's fields (without $id/$revision). Problems are added to `errors` under
// keys starting with `prefix` ("record" or "records[3]").
rapidjson::Document buildNewRecord(WriteContext& context, const rapidjson::Value* input,
                                   std::uint64_t id, const std::string& prefix,
                                   KintoneError& errors);
// Updated fields: fields not sent are unchanged; SUBTABLE rows matched by id.
rapidjson::Document buildUpdatedRecord(WriteContext& context, const StoredRecord& old,
                                       const rapidjson::Value* input, const std::string& prefix,
                                       KintoneError& errors);

// "1" or "CODE-1" (kintone-api.md §4, RECORD_NUMBER).
std::string recordNumber(const App& app, std::uint64_t id);

}  // namespace teichaku::emulator::kintone
