#pragma once

#include "query/query.h"

// Which operators and functions each field type accepts (kintone-api.md §5.2, from DOC:query's
// per-type table and OBS:emu-query).
namespace teichaku::query::detail {

bool operatorAllowed(FieldType type, Operator op);
bool functionAllowed(FieldType type, Function function);
// Types kintone cannot sort by in `order by` (multi-valued and layout types); see README.
bool sortable(const FieldRef& field);

// Value families the evaluator and the literal conversion share.
bool isNumericType(FieldType type);   // $id, $revision, RECORD_NUMBER, NUMBER
bool isDateTimeType(FieldType type);  // DATETIME, CREATED_TIME, UPDATED_TIME
bool isChoiceType(FieldType type);    // option-list types checked against FieldRef::options
bool isEntityType(FieldType type);    // values are {"code":..} objects or arrays of them

}  // namespace teichaku::query::detail
