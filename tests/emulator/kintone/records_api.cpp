// GET/POST/PUT record.json and records.json (kintone-api.md §3.1).
#include <algorithm>

#include "core/json.h"
#include "kintone/engine.h"
#include "kintone/time_format.h"

namespace teichaku::emulator::kintone {
namespace {

using rapidjson::Value;

constexpr const char* kStaleRevision =
    "指定したrevisionは最新ではありません。ほかのユーザーがレコードを更新した可能性があります。";

[[noreturn]] void recordNotFound(std::uint64_t id) {
  fail(404, "GAIA_RE01", "指定したレコード（id: " + std::to_string(id) + "）が見つかりません。");
}

void checkRevision(const Value* revision, const StoredRecord& record) {
  auto expected = json::asInt(revision);
  // Omitted or -1 means "no check" (DOC:update-record).
  if (expected && *expected != -1 && static_cast<std::uint64_t>(*expected) != record.revision) {
    fail(409, "GAIA_CO02", kStaleRevision);
  }
}

std::vector<std::string> fieldList(const Value& params) {
  std::vector<std::string> fields;
  if (const Value* f = json::member(params, "fields"); f != nullptr && f->IsArray()) {
    for (const auto& item : f->GetArray()) {
      if (item.IsString()) {
        fields.emplace_back(item.GetString(), item.GetStringLength());
      }
    }
  }
  return fields;
}

const Value& requireArray(const Value& params, const char* name) {
  const Value* v = json::member(params, name);
  if (v == nullptr || !v->IsArray()) {
    failInput(name, "必須です。");
  }
  return *v;
}

void throwIfErrors(const KintoneError& errors) {
  if (!errors.errors.empty()) {
    throw errors;
  }
}

// Lower bound on $id implied by the top level of the condition ("$id > 500 and ..."), so
// id-seek pagination (kintone-api.md §8) does not scan from the first record each page.
std::uint64_t idLowerBound(const query::Query& q) {
  if (!q.condition) {
    return 0;
  }
  std::uint64_t bound = 0;
  auto consider = [&](const query::Condition& c) {
    if (c.kind != query::Condition::Kind::kPredicate) {
      return;
    }
    const auto& p = c.predicate;
    if (p.field.type != query::FieldType::kId || p.operands.size() != 1 ||
        p.operands[0].kind == query::Operand::Kind::kFunction) {
      return;
    }
    double v = std::strtod(p.operands[0].text.c_str(), nullptr);
    if (v < 0) {
      return;
    }
    auto n = static_cast<std::uint64_t>(v);
    if (p.op == query::Operator::kGt) {
      bound = std::max(bound, n + 1);
    } else if (p.op == query::Operator::kGe || p.op == query::Operator::kEq) {
      bound = std::max(bound, n);
    }
  };
  if (q.condition->kind == query::Condition::Kind::kAnd) {
    for (const auto& child : q.condition->children) {
      consider(child);
    }
  } else {
    consider(*q.condition);
  }
  return bound;
}

}  // namespace

[[noreturn]] void failQuery(const query::ParseError& error) {
  KintoneError e{400, error.code, error.message, {}};
  if (error.code == "CB_VA01") {
    e.message = kInvalidInput;
    e.add("query", error.message);
  }
  throw e;
}

void Engine::writeRecordFields(std::string& out, const StoredRecord& record,
                               const std::vector<std::string>& fields) const {
  if (fields.empty()) {
    out += record.json;
    return;
  }
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  for (const auto& m : record.fields.GetObject()) {
    if (std::find(fields.begin(), fields.end(), m.name.GetString()) != fields.end()) {
      w.Key(m.name.GetString(), m.name.GetStringLength());
      m.value.Accept(w);
    }
  }
  w.EndObject();
  out.append(buffer.GetString(), buffer.GetSize());
}

Response Engine::getRecord(Call& call) {
  App& app = appFor(call, kView);
  std::uint64_t id = requireId(*call.params, "id");
  auto it = app.records.find(id);
  if (it == app.records.end()) {
    recordNotFound(id);
  }
  return jsonResponse("{\"record\":" + it->second->json + "}");
}

Response Engine::getRecords(Call& call) {
  App& app = appFor(call, kView);
  auto schema = schemaFor(app);
  std::string text = json::asString(json::member(*call.params, "query")).value_or("");
  auto parsed = query::parse(text, schema);
  if (!parsed.ok()) {
    failQuery(parsed.error);
  }
  const query::Query& q = *parsed.query;
  bool wantTotal = json::asBool(json::member(*call.params, "totalCount")).value_or(false);
  auto fields = fieldList(*call.params);
  auto context = evalContext(call);
  std::size_t offset = static_cast<std::size_t>(q.effectiveOffset());
  std::size_t limit = static_cast<std::size_t>(q.effectiveLimit());

  std::vector<const StoredRecord*> page;
  std::size_t total = 0;
  auto accept = [&](const StoredRecord& r) {
    if (!query::matches(q, r.fields, context)) {
      return true;
    }
    if (total >= offset && page.size() < limit) {
      page.push_back(&r);
    }
    ++total;
    return wantTotal || page.size() < limit;
  };
  bool byIdOnly = q.orderBy.empty() ||
                  (q.orderBy.size() == 1 && q.orderBy[0].field.type == query::FieldType::kId);
  if (byIdOnly) {
    // Default order is $id desc (DOC:query); walk the id-ordered map directly.
    bool descending = q.orderBy.empty() || q.orderBy[0].descending;
    std::uint64_t from = idLowerBound(q);
    if (descending) {
      for (auto it = app.records.rbegin(); it != app.records.rend() && it->first >= from; ++it) {
        if (!accept(*it->second)) {
          break;
        }
      }
    } else {
      for (auto it = app.records.lower_bound(from); it != app.records.end(); ++it) {
        if (!accept(*it->second)) {
          break;
        }
      }
    }
  } else {
    std::vector<const Value*> matching;
    for (const auto& [id, record] : app.records) {
      if (query::matches(q, record->fields, context)) {
        matching.push_back(&record->fields);
      }
    }
    query::sortRecords(matching, q.orderBy);
    for (const Value* fieldsValue : matching) {
      // Map the sorted field objects back to their records via $id.
      auto id = static_cast<std::uint64_t>(
          json::asInt(json::member(*json::member(*fieldsValue, "$id"), "value")).value_or(0));
      const StoredRecord& r = *app.records.at(id);
      if (total >= offset && page.size() < limit) {
        page.push_back(&r);
      }
      ++total;
    }
  }
  std::string out;
  out.reserve(page.size() * (page.empty() ? 0 : page.front()->json.size() + 8) + 64);
  out += "{\"records\":[";
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    writeRecordFields(out, *page[i], fields);
  }
  // totalCount is null unless asked for (kintone-api.md §3.1).
  out +=
      wantTotal ? "],\"totalCount\":\"" + std::to_string(total) + "\"}" : "],\"totalCount\":null}";
  return jsonResponse(std::move(out));
}

Response Engine::addRecord(Call& call) {
  App& app = appFor(call, kAdd);
  auto context = writeContext(app, call);
  KintoneError errors{400, "CB_VA01", kInvalidInput, {}};
  std::uint64_t id = app.nextRecordId;
  auto fields = buildNewRecord(context, json::member(*call.params, "record"), id, "record", errors);
  throwIfErrors(errors);
  ++app.nextRecordId;
  RecordPtr record = makeRecord(id, 1, std::move(fields));
  app.records[id] = record;
  if (!call.inBulk) {
    queueRecordWebhook(app, "ADD_RECORD", *record);
  }
  return jsonResponse("{\"id\":\"" + std::to_string(id) + "\",\"revision\":\"1\"}");
}

Response Engine::addRecords(Call& call) {
  App& app = appFor(call, kAdd);
  const Value& records = requireArray(*call.params, "records");
  if (records.Size() > 100) {
    failInput("records", "一度に100件までのレコードを追加できます。");
  }
  auto context = writeContext(app, call);
  KintoneError errors{400, "CB_VA01", kInvalidInput, {}};
  std::string ids;
  std::string revisions;
  for (rapidjson::SizeType i = 0; i < records.Size(); ++i) {
    std::uint64_t id = app.nextRecordId++;
    auto fields =
        buildNewRecord(context, &records[i], id, "records[" + std::to_string(i) + "]", errors);
    // Stored at once so later records see it for duplicate checks; the service rolls
    // the whole request back on error (atomic, DOC:add-records).
    app.records[id] = makeRecord(id, 1, std::move(fields));
    ids += (i > 0 ? ",\"" : "\"") + std::to_string(id) + "\"";
    revisions += i > 0 ? ",\"1\"" : "\"1\"";
  }
  throwIfErrors(errors);
  // Bulk records.json never sends webhooks (kintone-api.md §7).
  return jsonResponse("{\"ids\":[" + ids + "],\"revisions\":[" + revisions + "]}");
}

RecordPtr* Engine::findRecord(App& app, const Value& target, std::uint64_t* idOut,
                              bool allowMissing) {
  if (const Value* key = json::member(target, "updateKey")) {
    auto field = json::asString(json::member(*key, "field")).value_or("");
    auto value = json::asString(json::member(*key, "value")).value_or("");
    const Value* property = json::member(*app.live.fields, field);
    std::string type =
        property != nullptr ? json::asString(json::member(*property, "type")).value_or("") : "";
    bool unique =
        property != nullptr && json::asBool(json::member(*property, "unique")).value_or(false);
    // updateKey must be a SINGLE_LINE_TEXT or NUMBER with "prohibit duplicates"
    // (DOC:update-record).
    if (!unique || (type != "SINGLE_LINE_TEXT" && type != "NUMBER")) {
      failInput("updateKey.field",
                "重複禁止に設定された文字列（1行）または数値フィールドを指定してください。");
    }
    for (auto& [id, record] : app.records) {
      const Value* f = json::member(record->fields, field);
      const Value* v = f != nullptr ? json::member(*f, "value") : nullptr;
      if (v != nullptr && v->IsString() && value == v->GetString()) {
        *idOut = id;
        return &record;
      }
    }
    if (allowMissing) {
      *idOut = 0;
      return nullptr;
    }
    fail(404, "GAIA_RE20", "指定したレコード（" + field + ": " + value + "）が見つかりません。");
  }
  auto id = json::asInt(json::member(target, "id"));
  if (!id) {
    failInput("id", "必須です。");
  }
  *idOut = static_cast<std::uint64_t>(*id);
  auto it = app.records.find(*idOut);
  if (it == app.records.end()) {
    if (allowMissing) {
      return nullptr;
    }
    recordNotFound(*idOut);
  }
  return &it->second;
}

RecordPtr Engine::applyUpdate(App& app, Call& call, const Value& item, const std::string& prefix) {
  std::uint64_t id = 0;
  RecordPtr& slot = *findRecord(app, item, &id, false);
  checkRevision(json::member(item, "revision"), *slot);
  auto context = writeContext(app, call);
  KintoneError errors{400, "CB_VA01", kInvalidInput, {}};
  auto fields = buildUpdatedRecord(context, *slot, json::member(item, "record"), prefix, errors);
  throwIfErrors(errors);
  slot = makeRecord(slot->id, slot->revision + 1, std::move(fields));
  return slot;
}

Response Engine::updateRecord(Call& call) {
  App& app = appFor(call, kEdit);
  RecordPtr record = applyUpdate(app, call, *call.params, "record");
  if (!call.inBulk) {
    queueRecordWebhook(app, "UPDATE_RECORD", *record);
  }
  return jsonResponse("{\"revision\":\"" + std::to_string(record->revision) + "\"}");
}

Response Engine::updateRecords(Call& call) {
  bool upsert = json::asBool(json::member(*call.params, "upsert")).value_or(false);
  // UPSERT also needs record-add permission (DOC:update-records).
  App& app = appFor(call, upsert ? kEdit | kAdd : kEdit);
  const Value& records = requireArray(*call.params, "records");
  if (records.Size() > 100) {
    failInput("records", "一度に100件までのレコードを更新できます。");
  }
  KintoneError errors{400, "CB_VA01", kInvalidInput, {}};
  std::string out = "{\"records\":[";
  for (rapidjson::SizeType i = 0; i < records.Size(); ++i) {
    const Value& item = records[i];
    std::string prefix = "records[" + std::to_string(i) + "].record";
    std::uint64_t id = 0;
    RecordPtr* slot = findRecord(app, item, &id, upsert);
    const char* operation = "UPDATE";
    RecordPtr result;
    try {
      if (slot == nullptr) {
        // Missing target in UPSERT mode: inserted with a new id, not the one sent.
        operation = "INSERT";
        auto context = writeContext(app, call);
        std::uint64_t newId = app.nextRecordId++;
        Value merged(rapidjson::kObjectType);
        rapidjson::Document scratch;
        const Value* record = json::member(item, "record");
        if (const Value* key = json::member(item, "updateKey")) {
          // The update key's value becomes part of the new record.
          merged.CopyFrom(record != nullptr ? *record : Value(rapidjson::kObjectType).Move(),
                          scratch.GetAllocator());
          auto field = json::asString(json::member(*key, "field")).value_or("");
          Value cell(rapidjson::kObjectType);
          cell.AddMember("value", Value(*json::member(*key, "value"), scratch.GetAllocator()),
                         scratch.GetAllocator());
          merged.RemoveMember(field.c_str());
          merged.AddMember(json::stringValue(field, scratch.GetAllocator()), cell,
                           scratch.GetAllocator());
          record = &merged;
        }
        auto fields = buildNewRecord(context, record, newId, prefix, errors);
        result = app.records[newId] = makeRecord(newId, 1, std::move(fields));
      } else {
        result = applyUpdate(app, call, item, prefix);
      }
    } catch (KintoneError& e) {
      if (e.code != "CB_VA01" || e.errors.empty()) {
        throw;
      }
      for (auto& [key, messages] : e.errors) {
        for (auto& m : messages) {
          errors.add(key, m);
        }
      }
      continue;
    }
    out += (i > 0 ? ",{\"id\":\"" : "{\"id\":\"") + std::to_string(result->id) +
           "\",\"revision\":\"" + std::to_string(result->revision) + "\"";
    if (upsert) {
      out += std::string(",\"operation\":\"") + operation + "\"";
    }
    out += "}";
  }
  throwIfErrors(errors);
  out += "]}";
  return jsonResponse(std::move(out));
}

Response Engine::deleteRecords(Call& call) {
  App& app = appFor(call, kDelete);
  const Value* ids = json::member(*call.params, "ids");
  if (ids == nullptr || !ids->IsArray() || ids->Empty() || ids->Size() > 100) {
    failInput("ids", "一度に1件から100件までのレコードを削除できます。");
  }
  const Value* revisions = json::member(*call.params, "revisions");
  std::vector<std::uint64_t> targets;
  for (rapidjson::SizeType i = 0; i < ids->Size(); ++i) {
    auto id = json::asInt(&(*ids)[i]);
    if (!id) {
      failInput("ids[" + std::to_string(i) + "]", "数字でなければなりません。");
    }
    auto it = app.records.find(static_cast<std::uint64_t>(*id));
    if (it == app.records.end()) {
      recordNotFound(static_cast<std::uint64_t>(*id));  // nothing deleted (OBS:emu-real)
    }
    if (revisions != nullptr && revisions->IsArray() && i < revisions->Size()) {
      checkRevision(&(*revisions)[i], *it->second);
    }
    targets.push_back(it->first);
  }
  unique_ = UniqueIndex{};
  for (auto id : targets) {
    if (!call.inBulk && options_.deleteWebhookForSingleId && targets.size() == 1) {
      std::string body =
          "{\"id\":\"" + randomErrorId() + "\",\"type\":\"DELETE_RECORD\",\"app\":{\"id\":\"" +
          std::to_string(app.id) +
          "\",\"name\":" + json::serialize(Value(rapidjson::StringRef(app.live.name.c_str()))) +
          "},\"recordId\":\"" + std::to_string(id) + "\",\"deletedBy\":{\"code\":" +
          json::serialize(Value(rapidjson::StringRef(call.principal->actor.code.c_str()))) +
          ",\"name\":" +
          json::serialize(Value(rapidjson::StringRef(call.principal->actor.name.c_str()))) +
          "},\"deletedAt\":\"" + formatDateTime(nowEpochSeconds()) + "\"}";
      queueWebhook(app, "DELETE_RECORD", body);
    }
    app.records.erase(id);
    app.comments.erase(id);
  }
  return jsonResponse("{}");
}

}  // namespace teichaku::emulator::kintone
