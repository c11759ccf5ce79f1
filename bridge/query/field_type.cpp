#include <array>
#include <utility>

#include "query/query.h"

namespace teichaku::query {
namespace {

struct TypeName {
  FieldType type;
  std::string_view name;
};

// kintone's type strings (record JSON "type", fields.json "type"); kintone-api.md §4.
constexpr std::array<TypeName, 33> kTypeNames{{
    {FieldType::kRecordNumber, "RECORD_NUMBER"},
    {FieldType::kId, "__ID__"},
    {FieldType::kRevision, "__REVISION__"},
    {FieldType::kCreator, "CREATOR"},
    {FieldType::kCreatedTime, "CREATED_TIME"},
    {FieldType::kModifier, "MODIFIER"},
    {FieldType::kUpdatedTime, "UPDATED_TIME"},
    {FieldType::kSingleLineText, "SINGLE_LINE_TEXT"},
    {FieldType::kMultiLineText, "MULTI_LINE_TEXT"},
    {FieldType::kRichText, "RICH_TEXT"},
    {FieldType::kNumber, "NUMBER"},
    {FieldType::kCalc, "CALC"},
    {FieldType::kRadioButton, "RADIO_BUTTON"},
    {FieldType::kCheckBox, "CHECK_BOX"},
    {FieldType::kMultiSelect, "MULTI_SELECT"},
    {FieldType::kDropDown, "DROP_DOWN"},
    {FieldType::kUserSelect, "USER_SELECT"},
    {FieldType::kOrganizationSelect, "ORGANIZATION_SELECT"},
    {FieldType::kGroupSelect, "GROUP_SELECT"},
    {FieldType::kDate, "DATE"},
    {FieldType::kTime, "TIME"},
    {FieldType::kDateTime, "DATETIME"},
    {FieldType::kLink, "LINK"},
    {FieldType::kFile, "FILE"},
    {FieldType::kSubtable, "SUBTABLE"},
    {FieldType::kCategory, "CATEGORY"},
    {FieldType::kStatus, "STATUS"},
    {FieldType::kStatusAssignee, "STATUS_ASSIGNEE"},
    {FieldType::kReferenceTable, "REFERENCE_TABLE"},
    {FieldType::kGroup, "GROUP"},
    {FieldType::kLabel, "LABEL"},
    {FieldType::kSpacer, "SPACER"},
    {FieldType::kHr, "HR"},
}};

}  // namespace

std::optional<FieldType> fieldTypeFromString(std::string_view kintoneType) {
  for (const auto& entry : kTypeNames) {
    if (entry.name == kintoneType) {
      return entry.type;
    }
  }
  return std::nullopt;
}

std::string_view toString(FieldType type) {
  for (const auto& entry : kTypeNames) {
    if (entry.type == type) {
      return entry.name;
    }
  }
  return "UNKNOWN";
}

std::string_view toString(Operator op) {
  switch (op) {
    case Operator::kEq:
      return "=";
    case Operator::kNe:
      return "!=";
    case Operator::kGt:
      return ">";
    case Operator::kLt:
      return "<";
    case Operator::kGe:
      return ">=";
    case Operator::kLe:
      return "<=";
    case Operator::kIn:
      return "in";
    case Operator::kNotIn:
      return "not in";
    case Operator::kLike:
      return "like";
    case Operator::kNotLike:
      return "not like";
    case Operator::kIsEmpty:
      return "is";
    case Operator::kIsNotEmpty:
      return "is not";
  }
  return "?";
}

MapSchema& MapSchema::add(std::string name, FieldRef field) {
  for (auto& entry : fields_) {
    if (entry.first == name) {
      entry.second = std::move(field);
      return *this;
    }
  }
  fields_.emplace_back(std::move(name), std::move(field));
  return *this;
}

MapSchema& MapSchema::add(std::string code, FieldType type, std::string subtableCode,
                          std::vector<std::string> options) {
  FieldRef field{code, type, std::move(subtableCode), std::move(options)};
  return add(std::move(code), std::move(field));
}

std::optional<FieldRef> MapSchema::resolve(std::string_view name) const {
  for (const auto& entry : fields_) {
    if (entry.first == name) {
      return entry.second;
    }
  }
  return std::nullopt;
}

}  // namespace teichaku::query
