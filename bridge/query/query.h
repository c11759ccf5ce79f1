#pragma once

// The kintone query language (https://cybozu.dev/ja/kintone/docs/overview/query/), parsed once
// and evaluated against kintone record JSON. Used by the cloud emulator (GET records.json), the
// local mirror (offline queries) and statistics definitions (domain names mapped to codes).
// Grammar, semantics and known differences from real kintone: bridge/query/README.md.

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace teichaku::query {

// Every kintone field type, as returned in "type" of record JSON and fields.json
// (/work/shared/reference/kintone-api.md §4).
enum class FieldType {
  kRecordNumber,        // RECORD_NUMBER
  kId,                  // __ID__ ($id)
  kRevision,            // __REVISION__ ($revision)
  kCreator,             // CREATOR
  kCreatedTime,         // CREATED_TIME
  kModifier,            // MODIFIER
  kUpdatedTime,         // UPDATED_TIME
  kSingleLineText,      // SINGLE_LINE_TEXT
  kMultiLineText,       // MULTI_LINE_TEXT
  kRichText,            // RICH_TEXT
  kNumber,              // NUMBER
  kCalc,                // CALC
  kRadioButton,         // RADIO_BUTTON
  kCheckBox,            // CHECK_BOX
  kMultiSelect,         // MULTI_SELECT
  kDropDown,            // DROP_DOWN
  kUserSelect,          // USER_SELECT
  kOrganizationSelect,  // ORGANIZATION_SELECT
  kGroupSelect,         // GROUP_SELECT
  kDate,                // DATE
  kTime,                // TIME
  kDateTime,            // DATETIME
  kLink,                // LINK
  kFile,                // FILE
  kSubtable,            // SUBTABLE
  kCategory,            // CATEGORY
  kStatus,              // STATUS
  kStatusAssignee,      // STATUS_ASSIGNEE
  kReferenceTable,      // REFERENCE_TABLE (layout only, never in records)
  kGroup,               // GROUP (layout only)
  kLabel,               // LABEL (layout only)
  kSpacer,              // SPACER (layout only)
  kHr,                  // HR (layout only)
};

// "SINGLE_LINE_TEXT" -> kSingleLineText; nullopt for an unknown string.
std::optional<FieldType> fieldTypeFromString(std::string_view kintoneType);
// kSingleLineText -> "SINGLE_LINE_TEXT".
std::string_view toString(FieldType type);

// A field as the query sees it after name resolution.
struct FieldRef {
  std::string code;  // key in the record JSON (inside a row's "value" for inner fields)
  FieldType type = FieldType::kSingleLineText;
  std::string subtableCode;  // code of the SUBTABLE holding this field; empty at top level
  // Option names of RADIO_BUTTON/CHECK_BOX/MULTI_SELECT/DROP_DOWN/STATUS. Empty = unknown (no
  // GAIA_IQ10 check); non-empty = values in the query must be one of these (or "").
  std::vector<std::string> options;

  bool inSubtable() const { return !subtableCode.empty(); }
  bool operator==(const FieldRef&) const = default;
};

// Resolves a name written in a query to a field. The emulator resolves field codes; statistics
// resolve domain names to the deployment's codes. `$id` and `$revision` are built in and never
// reach resolve().
class Schema {
 public:
  virtual ~Schema() = default;
  virtual std::optional<FieldRef> resolve(std::string_view name) const = 0;
};

// The simplest Schema: an explicit name -> field table.
class MapSchema final : public Schema {
 public:
  // Adds (or replaces) `name`. For the emulator name == field.code.
  MapSchema& add(std::string name, FieldRef field);
  // Convenience: a field whose name is its code.
  MapSchema& add(std::string code, FieldType type, std::string subtableCode = {},
                 std::vector<std::string> options = {});
  std::optional<FieldRef> resolve(std::string_view name) const override;

 private:
  std::vector<std::pair<std::string, FieldRef>> fields_;
};

enum class Operator {
  kEq,
  kNe,
  kGt,
  kLt,
  kGe,
  kLe,
  kIn,
  kNotIn,
  kLike,
  kNotLike,
  kIsEmpty,
  kIsNotEmpty,
};
std::string_view toString(Operator op);  // "=", "not in", "is", "is not": as in GAIA_IQ03 texts

// Functions usable as values (DOC:query 関数).
enum class Function {
  kLoginUser,
  kPrimaryOrganization,
  kNow,
  kToday,
  kYesterday,
  kTomorrow,
  kFromToday,  // arg: amount + unit
  kThisWeek,   // optional weekday
  kLastWeek,
  kNextWeek,
  kThisMonth,  // optional day 1..31 or LAST
  kLastMonth,
  kNextMonth,
  kThisYear,
  kLastYear,
  kNextYear,
};

enum class FromTodayUnit { kDays, kWeeks, kMonths, kYears };

// One value on the right of an operator. Literals are pre-converted at parse time for the
// field's type (number, day number, epoch seconds, minutes) so evaluation never re-parses.
struct Operand {
  enum class Kind { kString, kNumber, kFunction };
  Kind kind = Kind::kString;
  std::string text;  // literal text (unescaped); number lexeme for kNumber
  // Pre-converted literal, meaning depends on the field type (see README "Values").
  double number = 0;
  int64_t rangeBegin = 0;  // for date/time literals: half-open [rangeBegin, rangeEnd)
  int64_t rangeEnd = 0;
  bool numeric = false;    // `number` holds the literal's numeric value
  bool dayRange = false;   // date-only "YYYY-MM-DD" against a DATETIME field: range is in days,
                           // in the caller's time zone (EvalContext::utcOffsetMinutes)
  bool localTime = false;  // DATETIME literal without offset: seconds in the caller's time zone
  Function function = Function::kToday;
  int64_t functionAmount = 0;  // FROM_TODAY n; THIS_MONTH day (0 = whole month, -1 = LAST);
                               // THIS_WEEK weekday 0=SUNDAY..6 (-1 = whole week)
  FromTodayUnit fromTodayUnit = FromTodayUnit::kDays;
};

struct Predicate {
  FieldRef field;
  Operator op = Operator::kEq;
  std::vector<Operand> operands;  // 1 for comparisons/like, n for in/not in, 0 for is empty
};

// Condition tree. kAnd/kOr hold >= 2 children; kPredicate holds `predicate`.
struct Condition {
  enum class Kind { kAnd, kOr, kPredicate };
  Kind kind = Kind::kPredicate;
  std::vector<Condition> children;
  Predicate predicate;
};

struct OrderKey {
  FieldRef field;
  bool descending = false;
};

inline constexpr int kDefaultLimit = 100;
inline constexpr int kMaxLimit = 500;
inline constexpr int kMaxOffset = 10000;

struct Query {
  std::optional<Condition> condition;  // nullopt = every record
  std::vector<OrderKey> orderBy;       // empty = not given (see defaultOrderBy())
  std::optional<int> limit;            // nullopt = not given (kintone default kDefaultLimit)
  std::optional<int> offset;           // nullopt = not given (0)

  int effectiveLimit() const { return limit.value_or(kDefaultLimit); }
  int effectiveOffset() const { return offset.value_or(0); }
};

// kintone's order when a query has no `order by`: record id descending (DOC:query).
std::vector<OrderKey> defaultOrderBy();

// A query error as kintone reports it: code (CB_VA01, GAIA_IQ11, GAIA_QU01, ...), the Japanese
// message kintone sends, and the byte offset in the query where we noticed it.
struct ParseError {
  std::string code;
  std::string message;
  std::size_t offset = 0;
};

struct ParseResult {
  std::optional<Query> query;  // set on success
  ParseError error;            // meaningful when !ok()

  bool ok() const { return query.has_value(); }
};

struct ParseOptions {
  bool allowOrderBy = true;      // false: "condition only" (statistics, getAllRecords-style)
  bool allowLimitOffset = true;  // false: cursor queries (DOC:create-cursor)
};

ParseResult parse(std::string_view text, const Schema& schema, const ParseOptions& options = {});

// What evaluation needs from the outside world. Fix nowEpochSeconds in tests.
struct EvalContext {
  int64_t nowEpochSeconds = 0;
  int utcOffsetMinutes = 540;       // the calling user's time zone; JST by default
  std::string loginUser;            // login code for LOGINUSER()
  std::string primaryOrganization;  // code for PRIMARY_ORGANIZATION(); empty = user has none
};

// Does `record` (a kintone record JSON object {"code":{"type":..,"value":..}}) satisfy the
// query's condition? A query without condition matches everything.
bool matches(const Query& query, const rapidjson::Value& record, const EvalContext& context);
bool matches(const Condition& condition, const rapidjson::Value& record,
             const EvalContext& context);
// One predicate on a top-level field, given that field's "value" (nullptr: the record has no
// such field): exactly what matches() decides for the predicate, without looking the field up
// in a record object. For a subtable field it returns false (rows need the record).
bool matchesValue(const Predicate& predicate, const rapidjson::Value* value,
                  const EvalContext& context);

// <0 / 0 / >0: a sorts before / same as / after b under `orderBy` (pass defaultOrderBy() when the
// query has none). Deterministic for any input (missing values sort first ascending).
int compare(const std::vector<OrderKey>& orderBy, const rapidjson::Value& a,
            const rapidjson::Value& b);

// Sorts record pointers in place (stable) by `orderBy`, or by defaultOrderBy() when empty.
void sortRecords(std::vector<const rapidjson::Value*>& records,
                 const std::vector<OrderKey>& orderBy);

// Every field the query references (condition and order by), each once, in order of first
// appearance. Statistics declare these; the mirror checks it stores them.
std::vector<FieldRef> referencedFields(const Query& query);

}  // namespace teichaku::query
