#pragma once

#include <rapidjson/document.h>

#include <stdexcept>
#include <string>

#include "mapping/mapping.h"
#include "store/mirror_store.h"

// kintone record JSON -> what the mirror keeps (data minimisation: only mapped fields).
namespace teichaku::sync {

// A record kintone sent that cannot be stored ($id or $revision missing or not a number).
// The message names the app, never a value.
class RecordFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The mapped fields of `record` (GET records.json shape, kintone-api.md §4) as compact JSON
// with keys in byte order, plus "$id" and "$revision", so the same record always gives the
// same text. Subtable rows keep their "id" and only mapped inner fields. Entity lists
// (USER_SELECT, …) keep codes, not display names; FILE entries drop the download fileKey,
// which kintone issues anew on every read.
std::string canonicalBody(const mapping::AppMapping& app, const rapidjson::Value& record);

// The fields marked sealed_filter, in the same layout as canonicalBody ("" when the app has
// none): sealed on its own by the store so queries on them need not open the whole body.
std::string filterBody(const mapping::AppMapping& app, const rapidjson::Value& record);

// The whole RecordInput: id, revision, 更新日時 (the UPDATED_TIME field, found by type),
// clear values of mapped fields with clear = true, and clear subtable rows as ChildRow.
store::RecordInput toRecordInput(const mapping::AppMapping& app, const rapidjson::Value& record);

// A clear value from one kintone field {"type","value"}: DATE/DATETIME -> Date, NUMBER ->
// number, text -> text, lists -> JSON array text of the names or codes; empty -> null.
store::ClearValue clearValueOf(const rapidjson::Value& field);

// "$id"/"$revision" (or any {"value":"123"} field) as a number; throws RecordFormatError.
std::int64_t numberField(const rapidjson::Value& record, const char* code, const std::string& app);

}  // namespace teichaku::sync
