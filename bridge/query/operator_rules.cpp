#include "query/operator_rules.h"

namespace teichaku::query::detail {
namespace {

bool isComparison(Operator op) {
  return op == Operator::kEq || op == Operator::kNe || op == Operator::kGt || op == Operator::kLt ||
         op == Operator::kGe || op == Operator::kLe;
}
bool isInList(Operator op) {
  return op == Operator::kIn || op == Operator::kNotIn;
}
bool isLike(Operator op) {
  return op == Operator::kLike || op == Operator::kNotLike;
}
bool isEmptyTest(Operator op) {
  return op == Operator::kIsEmpty || op == Operator::kIsNotEmpty;
}
bool isEquality(Operator op) {
  return op == Operator::kEq || op == Operator::kNe;
}

bool isDateFunction(Function function) {
  return function != Function::kLoginUser && function != Function::kPrimaryOrganization;
}

}  // namespace

bool operatorAllowed(FieldType type, Operator op) {
  switch (type) {
    case FieldType::kRecordNumber:
    case FieldType::kId:
    case FieldType::kRevision:
    case FieldType::kNumber:
    case FieldType::kCalc:
      return isComparison(op) || isInList(op);
    case FieldType::kCreator:
    case FieldType::kModifier:
    case FieldType::kCheckBox:
    case FieldType::kRadioButton:
    case FieldType::kDropDown:
    case FieldType::kMultiSelect:
    case FieldType::kUserSelect:
    case FieldType::kOrganizationSelect:
    case FieldType::kGroupSelect:
    case FieldType::kStatusAssignee:  // not in DOC:query's table; treated like USER_SELECT
      return isInList(op);
    case FieldType::kCreatedTime:
    case FieldType::kUpdatedTime:
    case FieldType::kDateTime:
    case FieldType::kDate:
    case FieldType::kTime:
      return isComparison(op);
    case FieldType::kSingleLineText:
    case FieldType::kLink:
      return isEquality(op) || isInList(op) || isLike(op);
    case FieldType::kMultiLineText:
    case FieldType::kRichText:  // `is empty` observed to work (OBS:emu-query)
    case FieldType::kFile:      // `is empty` observed to work (OBS:emu-query)
      return isLike(op) || isEmptyTest(op);
    case FieldType::kStatus:
      return isEquality(op) || isInList(op);
    case FieldType::kSubtable:
    case FieldType::kCategory:
    case FieldType::kReferenceTable:
    case FieldType::kGroup:
    case FieldType::kLabel:
    case FieldType::kSpacer:
    case FieldType::kHr:
      return false;
  }
  return false;
}

bool functionAllowed(FieldType type, Function function) {
  switch (type) {
    case FieldType::kCreator:
    case FieldType::kModifier:
    case FieldType::kUserSelect:
    case FieldType::kStatusAssignee:
      return function == Function::kLoginUser;
    case FieldType::kOrganizationSelect:
      return function == Function::kPrimaryOrganization;
    case FieldType::kCreatedTime:
    case FieldType::kUpdatedTime:
    case FieldType::kDateTime:
      return isDateFunction(function);
    case FieldType::kDate:
      return isDateFunction(function) && function != Function::kNow;
    default:
      return false;
  }
}

bool sortable(const FieldRef& field) {
  if (field.inSubtable()) {
    return false;  // observed: table fields cannot be sorted (kintone-api.md §5.1)
  }
  switch (field.type) {
    case FieldType::kCheckBox:
    case FieldType::kMultiSelect:
    case FieldType::kFile:
    case FieldType::kUserSelect:
    case FieldType::kOrganizationSelect:
    case FieldType::kGroupSelect:
    case FieldType::kSubtable:
    case FieldType::kCategory:
    case FieldType::kStatusAssignee:
    case FieldType::kReferenceTable:
    case FieldType::kGroup:
    case FieldType::kLabel:
    case FieldType::kSpacer:
    case FieldType::kHr:
      return false;
    default:
      return true;
  }
}

bool isNumericType(FieldType type) {
  return type == FieldType::kId || type == FieldType::kRevision ||
         type == FieldType::kRecordNumber || type == FieldType::kNumber;
}

bool isDateTimeType(FieldType type) {
  return type == FieldType::kDateTime || type == FieldType::kCreatedTime ||
         type == FieldType::kUpdatedTime;
}

bool isChoiceType(FieldType type) {
  return type == FieldType::kRadioButton || type == FieldType::kCheckBox ||
         type == FieldType::kMultiSelect || type == FieldType::kDropDown ||
         type == FieldType::kStatus;
}

bool isEntityType(FieldType type) {
  return type == FieldType::kCreator || type == FieldType::kModifier ||
         type == FieldType::kUserSelect || type == FieldType::kOrganizationSelect ||
         type == FieldType::kGroupSelect || type == FieldType::kStatusAssignee;
}

}  // namespace teichaku::query::detail
