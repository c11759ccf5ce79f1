#include "plugin_host/multi_query_scan.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <type_traits>
#include <variant>

#include "plugin_host/record_projection.h"

namespace teichaku::plugin_host {
namespace {

using query::FieldType;

// Three-valued results; kNotYet marks a predicate not evaluated for this record yet.
constexpr std::int8_t kFalse = 0;
constexpr std::int8_t kTrue = 1;
constexpr std::int8_t kUnknown = -1;
constexpr std::int8_t kNotYet = 2;

// Types whose clear value (store::clearValueOf) rebuilds the "value" the evaluator would read
// in the body: text and dates are kept as the same text; CHECK_BOX / MULTI_SELECT as a JSON
// list of the same strings. Numbers are left out (kept as double, their text may differ) and
// so are user/organisation selections (only codes are kept).
bool decidableOnClear(FieldType type) {
  switch (type) {
    case FieldType::kId:
    case FieldType::kRevision:
    case FieldType::kRecordNumber:
    case FieldType::kSingleLineText:
    case FieldType::kMultiLineText:
    case FieldType::kRadioButton:
    case FieldType::kDropDown:
    case FieldType::kStatus:
    case FieldType::kLink:
    case FieldType::kDate:
    case FieldType::kTime:
    case FieldType::kDateTime:
    case FieldType::kCreatedTime:
    case FieldType::kUpdatedTime:
    case FieldType::kCheckBox:
    case FieldType::kMultiSelect:
      return true;
    default:
      return false;
  }
}

bool isList(FieldType type) {
  return type == FieldType::kCheckBox || type == FieldType::kMultiSelect;
}

// Handed over from clear values only when the body holds the same string (not lists).
bool writableFromClear(FieldType type) {
  return decidableOnClear(type) && !isList(type);
}

// Two predicates with the same key give the same result on any record.
std::string predicateKey(const query::Predicate& p) {
  std::string key = p.field.subtableCode + '\x1f' + p.field.code + '\x1f' +
                    std::to_string(static_cast<int>(p.field.type)) + '\x1f' +
                    std::to_string(static_cast<int>(p.op));
  for (const auto& o : p.operands) {
    key += '\x1e' + std::to_string(static_cast<int>(o.kind)) + '\x1f' + o.text + '\x1f' +
           std::to_string(static_cast<int>(o.function)) + '\x1f' +
           std::to_string(o.functionAmount) + '\x1f' +
           std::to_string(static_cast<int>(o.fromTodayUnit));
  }
  return key;
}

struct Node {
  enum class Kind { kAnd, kOr, kLeaf } kind = Kind::kLeaf;
  std::uint32_t first = 0;  // children: childIndex[first, first + count)
  std::uint32_t count = 0;
  std::uint32_t leaf = 0;
};

struct Leaf {
  const query::Condition* condition = nullptr;
  int clearSlot = -1;  // index into clearFields; -1 = needs the body
};

struct ClearField {
  std::string code;
  FieldType type = FieldType::kSingleLineText;
  bool sealed = false;  // in the sealed filter body, not in clear
  int column = -1;      // index in valueNames (RecordValues::value); -1 for $id, $revision, sealed
};

struct OutputField {
  std::string code;
  std::string type;  // kintone type name written into the JSON
  int column = -1;   // as ClearField::column
};

using Allocator = rapidjson::MemoryPoolAllocator<>;

}  // namespace

struct MultiQueryScan::Impl {
  std::vector<query::Query> queries;
  query::EvalContext context;
  std::vector<Node> nodes;
  std::vector<std::uint32_t> childIndex;
  std::vector<int> roots;  // per query; -1 = no condition (every record)
  std::vector<Leaf> leaves;
  std::vector<ClearField> clearFields;
  std::vector<std::string> fields;  // as requested
  std::vector<OutputField> output;  // filled only when every requested field is clear
  bool outputFromClear = false;

  // The clear values forEachRecordValues reads, in the order RecordValues::value() indexes.
  std::vector<std::string> valueNames;

  // Per-record scratch, reused.
  std::vector<std::int8_t> leafState;
  std::vector<bool> leafPresence;  // per clear field: this record has a value in slotValues
  std::vector<bool> slotBuilt;     // per clear field: looked up for this record already
  // The record being decided: exactly one of the two is set.
  const store::StoredRecord* stored = nullptr;
  const store::RecordValues* values = nullptr;
  std::int64_t id = 0;
  std::int64_t revision = 0;
  std::vector<std::uint32_t> unknown;
  char pool[8192];
  Allocator allocator{pool, sizeof pool};
  // Per clear field, this record's "value" as the body would hold it (when leafPresence).
  std::vector<rapidjson::Value> slotValues;
  std::string idText;
  std::string revisionText;

  std::set<std::string> filterCodes;
  bool anySealedSlot = false;

  int compile(const query::Condition& c, const std::set<std::string>& clearCodes,
              std::map<std::string, std::uint32_t>& leafOf) {
    Node node;
    if (c.kind == query::Condition::Kind::kPredicate) {
      const std::string key = predicateKey(c.predicate);
      auto found = leafOf.find(key);
      if (found == leafOf.end()) {
        found = leafOf.emplace(key, static_cast<std::uint32_t>(leaves.size())).first;
        leaves.push_back({&c, clearSlotOf(c.predicate.field, clearCodes)});
      }
      node.leaf = found->second;
    } else {
      node.kind = c.kind == query::Condition::Kind::kAnd ? Node::Kind::kAnd : Node::Kind::kOr;
      std::vector<std::uint32_t> children;
      for (const auto& child : c.children) {
        children.push_back(static_cast<std::uint32_t>(compile(child, clearCodes, leafOf)));
      }
      node.first = static_cast<std::uint32_t>(childIndex.size());
      node.count = static_cast<std::uint32_t>(children.size());
      childIndex.insert(childIndex.end(), children.begin(), children.end());
    }
    nodes.push_back(node);
    return static_cast<int>(nodes.size() - 1);
  }

  // A predicate on a subtable field is never decided on clear values: an `and` of such
  // predicates must hold on one row (query evaluator), which clear values cannot show.
  int clearSlotOf(const query::FieldRef& field, const std::set<std::string>& clearCodes) {
    const bool builtin = field.code == "$id" || field.code == "$revision";
    const bool sealed =
        !builtin && clearCodes.count(field.code) == 0 && filterCodes.count(field.code) != 0;
    if (field.inSubtable() || !decidableOnClear(field.type) ||
        (!builtin && !sealed && clearCodes.count(field.code) == 0)) {
      return -1;
    }
    for (std::size_t i = 0; i < clearFields.size(); ++i) {
      if (clearFields[i].code == field.code) {
        return static_cast<int>(i);
      }
    }
    anySealedSlot = anySealedSlot || sealed;
    clearFields.push_back({field.code, field.type, sealed});
    return static_cast<int>(clearFields.size() - 1);
  }

  // Starts this record's clear values; each slot is filled on first use (ensureSlot), so a
  // record that the first predicate already rules out costs one value, not all of them.
  void beginRecord(const store::StoredRecord* storedRecord, const store::RecordValues* read) {
    allocator.Clear();
    stored = storedRecord;
    values = read;
    id = stored != nullptr ? stored->id : values->id;
    revision = stored != nullptr ? stored->revision : values->revision;
    idText = std::to_string(id);
    revisionText = std::to_string(revision);
    std::fill(slotBuilt.begin(), slotBuilt.end(), false);
    std::fill(leafPresence.begin(), leafPresence.end(), false);
  }

  // The clear value of `slot` as the "value" the body would hold. A clear field missing from the
  // record (e.g. made clear after the record was synced) stays out, and its predicates are then
  // decided on the body. Sealed slots stay out until openFilter().
  void ensureSlot(std::size_t slot) {
    if (slotBuilt[slot]) {
      return;
    }
    slotBuilt[slot] = true;
    const ClearField& f = clearFields[slot];
    if (f.sealed) {
      return;
    }
    rapidjson::Value value;
    bool present = true;
    if (f.code == "$id") {
      value.SetString(rapidjson::StringRef(idText.data(), idText.size()));
    } else if (f.code == "$revision") {
      value.SetString(rapidjson::StringRef(revisionText.data(), revisionText.size()));
    } else {
      const store::ClearValue* v = clearOf(f.code, f.column);
      present = v != nullptr && clearValue(*v, f.type, value);
    }
    if (!present) {
      return;
    }
    leafPresence[slot] = true;
    slotValues[slot] = value;  // a move: both live in `allocator`
  }

  // The current record's clear value of `code` (`column` in valueNames); nullptr when none.
  const store::ClearValue* clearOf(const std::string& code, int column) const {
    if (values != nullptr) {
      return column >= 0 ? values->value(static_cast<std::size_t>(column)) : nullptr;
    }
    auto it = stored->clear.find(code);
    return it != stored->clear.end() ? &it->second : nullptr;
  }

  // Fills the sealed filter fields' slots; false when the record has no filter
  // body (synced before the field was marked) or it is not an object.
  bool openFilter(ScanStats& stats) {
    const std::optional<std::string> text =
        stored != nullptr ? stored->filterBody() : values->filterBody();
    if (!text) {
      return false;
    }
    ++stats.filtersOpened;
    // Parsed into the per-record pool (a Document of its own would keep every record's values
    // until the scan ends: its pool is not emptied by the next Parse).
    char stackBuffer[1024];
    Allocator stackAllocator(stackBuffer, sizeof stackBuffer);
    rapidjson::GenericDocument<rapidjson::UTF8<>, Allocator, Allocator> filterDoc(
        &allocator, sizeof stackBuffer / 2, &stackAllocator);
    filterDoc.Parse(text->c_str(), text->size());
    if (!filterDoc.IsObject()) {
      return false;
    }
    for (std::size_t slot = 0; slot < clearFields.size(); ++slot) {
      const ClearField& f = clearFields[slot];
      if (!f.sealed) {
        continue;
      }
      slotBuilt[slot] = true;
      auto it = filterDoc.FindMember(rapidjson::StringRef(f.code.data(), f.code.size()));
      if (it == filterDoc.MemberEnd() || !it->value.IsObject()) {
        continue;
      }
      auto value = it->value.FindMember("value");
      if (value == it->value.MemberEnd()) {
        continue;
      }
      slotValues[slot] = value->value;  // a move: the filter was parsed into `allocator`
      leafPresence[slot] = true;
    }
    return true;
  }

  bool clearValue(const store::ClearValue& v, FieldType type, rapidjson::Value& out) {
    return std::visit(
        [&](const auto& x) -> bool {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            // Empty: null, "" and [] are all "no value" to the evaluator.
            if (isList(type)) {
              out.SetArray();
            } else {
              out.SetString("", 0);
            }
            return true;
          } else if constexpr (std::is_same_v<T, std::string>) {
            if (!isList(type)) {
              out.SetString(rapidjson::StringRef(x.data(), x.size()));
              return true;
            }
            rapidjson::GenericDocument<rapidjson::UTF8<>, Allocator> list(&allocator);
            list.Parse(x.data(), x.size());
            if (list.HasParseError() || !list.IsArray()) {
              return false;
            }
            out = static_cast<rapidjson::Value&>(list);  // moves; both use `allocator`
            return true;
          } else if constexpr (std::is_same_v<T, store::Date>) {
            out.SetString(rapidjson::StringRef(x.iso.data(), x.iso.size()));
            return true;
          } else {
            return false;  // a number: not decided on clear values
          }
        },
        v);
  }

  std::int8_t evalLeaf(std::uint32_t index) {
    const Leaf& leaf = leaves[index];
    if (leaf.clearSlot < 0) {
      return kUnknown;
    }
    const auto slot = static_cast<std::size_t>(leaf.clearSlot);
    ensureSlot(slot);
    if (!leafPresence[slot]) {
      return kUnknown;
    }
    // The shared evaluator on the field's value alone: what query::matches decides for this
    // predicate on a record holding it, without building that record.
    return query::matchesValue(leaf.condition->predicate, &slotValues[slot], context) ? kTrue
                                                                                      : kFalse;
  }

  std::int8_t eval(std::uint32_t index) {
    const Node& node = nodes[index];
    if (node.kind == Node::Kind::kLeaf) {
      std::int8_t& state = leafState[node.leaf];
      if (state == kNotYet) {
        state = evalLeaf(node.leaf);
      }
      return state;
    }
    const bool conjunction = node.kind == Node::Kind::kAnd;
    const std::int8_t decisive = conjunction ? kFalse : kTrue;
    std::int8_t result = conjunction ? kTrue : kFalse;
    for (std::uint32_t i = 0; i < node.count; ++i) {
      const std::int8_t r = eval(childIndex[node.first + i]);
      if (r == decisive) {
        return r;
      }
      if (r == kUnknown) {
        result = kUnknown;
      }
    }
    return result;
  }

  // The requested fields from clear values, in the layout projectedRecord() writes; false
  // when one of them has no text in clear for this record (the body then supplies it).
  bool writeFromClear(std::string& json) {
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> w(out);
    auto field = [&](const std::string& code, const std::string& type, const std::string& text) {
      w.Key(code.data(), static_cast<rapidjson::SizeType>(code.size()));
      w.StartObject();
      w.Key("type");
      w.String(type.data(), static_cast<rapidjson::SizeType>(type.size()));
      w.Key("value");
      w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
      w.EndObject();
    };
    w.StartObject();
    field("$id", "__ID__", idText);
    for (const auto& f : output) {
      if (f.code == "$id") {
        continue;
      }
      if (f.code == "$revision") {
        field(f.code, f.type, revisionText);
        continue;
      }
      const store::ClearValue* v = clearOf(f.code, f.column);
      if (v == nullptr) {
        return false;
      }
      if (const auto* text = std::get_if<std::string>(v)) {
        field(f.code, f.type, *text);
      } else if (const auto* date = std::get_if<store::Date>(v)) {
        field(f.code, f.type, date->iso);
      } else {
        return false;  // empty in clear: the body says whether it is "" or null
      }
    }
    w.EndObject();
    json.assign(out.GetString(), out.GetSize());
    return true;
  }
};

MultiQueryScan::MultiQueryScan(std::vector<query::Query> queries,
                               const std::set<std::string>& clearCodes,
                               const std::set<std::string>& filterCodes,
                               const std::vector<std::string>& fields, const query::Schema& schema,
                               query::EvalContext context)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.filterCodes = filterCodes;
  m.queries = std::move(queries);
  m.context = std::move(context);
  m.fields = fields;
  std::map<std::string, std::uint32_t> leafOf;
  for (const auto& q : m.queries) {
    m.roots.push_back(q.condition ? m.compile(*q.condition, clearCodes, leafOf) : -1);
  }
  m.leafState.assign(m.leaves.size(), kNotYet);
  m.leafPresence.assign(m.clearFields.size(), false);
  m.slotBuilt.assign(m.clearFields.size(), false);
  m.slotValues.resize(m.clearFields.size());
  m.outputFromClear = !fields.empty();
  for (const auto& code : fields) {
    if (code == "$id" || code == "$revision") {
      m.output.push_back({code, code == "$id" ? "__ID__" : "__REVISION__"});
      continue;
    }
    auto ref = schema.resolve(code);
    if (!ref || ref->inSubtable() || ref->code != code || !writableFromClear(ref->type) ||
        clearCodes.count(code) == 0) {
      m.outputFromClear = false;
      break;
    }
    m.output.push_back({code, std::string(query::toString(ref->type))});
  }
  // The names forEachRecordValues reads, and where each slot and output field finds its value.
  std::set<std::string> codes;
  for (const auto& f : m.clearFields) {
    if (!f.sealed && f.code != "$id" && f.code != "$revision") {
      codes.insert(f.code);
    }
  }
  for (const auto& f : m.output) {
    if (f.code != "$id" && f.code != "$revision") {
      codes.insert(f.code);
    }
  }
  m.valueNames.assign(codes.begin(), codes.end());
  auto columnOf = [&](const std::string& code) {
    auto it = std::lower_bound(m.valueNames.begin(), m.valueNames.end(), code);
    return it != m.valueNames.end() && *it == code ? static_cast<int>(it - m.valueNames.begin())
                                                   : -1;
  };
  for (auto& f : m.clearFields) {
    f.column = f.sealed ? -1 : columnOf(f.code);
  }
  for (auto& f : m.output) {
    f.column = columnOf(f.code);
  }
}

MultiQueryScan::~MultiQueryScan() = default;

std::vector<std::string> MultiQueryScan::clearCodesRead() const {
  return impl_->valueNames;
}

bool MultiQueryScan::handsOverFromClear() const {
  return impl_->outputFromClear;
}

bool MultiQueryScan::decide(const store::StoredRecord& record, std::vector<std::uint8_t>& matches,
                            std::string& json, const std::function<std::string()>& loadBody) {
  impl_->beginRecord(&record, nullptr);
  return decideCurrent(matches, json,
                       [&] { return record.hasBody() ? record.body() : loadBody(); });
}

bool MultiQueryScan::decide(const store::RecordValues& record, std::vector<std::uint8_t>& matches,
                            std::string& json, const std::function<std::string()>& loadBody) {
  impl_->beginRecord(nullptr, &record);
  return decideCurrent(matches, json, loadBody);
}

bool MultiQueryScan::decideCurrent(std::vector<std::uint8_t>& matches, std::string& json,
                                   const std::function<std::string()>& bodyText) {
  Impl& m = *impl_;
  ++stats_.records;
  std::fill(m.leafState.begin(), m.leafState.end(), kNotYet);
  matches.assign(m.queries.size(), 0);
  m.unknown.clear();
  bool any = false;
  for (std::size_t q = 0; q < m.queries.size(); ++q) {
    const std::int8_t r = m.roots[q] < 0 ? kTrue : m.eval(static_cast<std::uint32_t>(m.roots[q]));
    if (r == kTrue) {
      matches[q] = 1;
      any = true;
    } else if (r == kUnknown) {
      m.unknown.push_back(static_cast<std::uint32_t>(q));
    }
  }
  if (!m.unknown.empty() && m.anySealedSlot && m.openFilter(stats_)) {
    // The clear values left these queries open: decide them again with the sealed filter
    // fields present; only what stays open needs the body.
    std::fill(m.leafState.begin(), m.leafState.end(), kNotYet);
    std::size_t kept = 0;
    for (std::uint32_t q : m.unknown) {
      const std::int8_t r = m.eval(static_cast<std::uint32_t>(m.roots[q]));
      if (r == kTrue) {
        matches[q] = 1;
        any = true;
      } else if (r == kUnknown) {
        m.unknown[kept++] = q;
      }
    }
    m.unknown.resize(kept);
  }
  // Made only when a body is opened: a Document allocates its allocator on construction.
  std::optional<rapidjson::Document> body;
  auto open = [&]() -> bool {
    if (!body) {
      const std::string text = bodyText();
      ++stats_.decrypted;
      body.emplace();
      body->Parse(text.c_str(), text.size());
    }
    return body->IsObject();
  };
  if (!m.unknown.empty() && open()) {
    for (std::uint32_t q : m.unknown) {
      if (query::matches(m.queries[q], *body, m.context)) {
        matches[q] = 1;
        any = true;
      }
    }
  }
  if (!any) {
    return false;
  }
  if (!(m.outputFromClear && m.writeFromClear(json))) {
    if (!open()) {
      return false;  // as a decrypting scan: a body that is not a record matches nothing
    }
    json = projectedRecord(*body, m.fields);
  }
  ++stats_.handedOver;
  return true;
}

}  // namespace teichaku::plugin_host
