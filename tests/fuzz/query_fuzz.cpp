// libFuzzer target: any byte string is parsed as a kintone query against a fixed schema; when
// it parses, it is evaluated, sorted and inspected on fixed records. Must never crash, hit UB
// or leak.
#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "query/query.h"

namespace {

using teichaku::query::FieldType;

const teichaku::query::MapSchema& schema() {
  static const teichaku::query::MapSchema instance = [] {
    teichaku::query::MapSchema s;
    s.add("レコード番号", FieldType::kRecordNumber)
        .add("作成者", FieldType::kCreator)
        .add("作成日時", FieldType::kCreatedTime)
        .add("氏名", FieldType::kSingleLineText)
        .add("備考", FieldType::kMultiLineText)
        .add("年齢", FieldType::kNumber)
        .add("合計", FieldType::kCalc)
        .add("性別", FieldType::kRadioButton, {}, {"男性", "女性"})
        .add("障害", FieldType::kCheckBox, {}, {"身体", "知的"})
        .add("区分", FieldType::kDropDown)
        .add("担当者", FieldType::kUserSelect)
        .add("管理センター", FieldType::kOrganizationSelect)
        .add("依頼日", FieldType::kDate)
        .add("時刻", FieldType::kTime)
        .add("日時", FieldType::kDateTime)
        .add("添付", FieldType::kFile)
        .add("ステータス", FieldType::kStatus)
        .add("表", FieldType::kSubtable)
        .add("行日付", FieldType::kDate, "表")
        .add("行内容", FieldType::kSingleLineText, "表");
    return s;
  }();
  return instance;
}

// Well-formed, empty and deliberately mistyped values, so evaluation meets every shape.
constexpr std::string_view kRecords = R"([
{"$id":{"type":"__ID__","value":"1"},"レコード番号":{"type":"RECORD_NUMBER","value":"A-1"},
 "作成者":{"type":"CREATOR","value":{"code":"sato"}},
 "作成日時":{"type":"CREATED_TIME","value":"2024-03-31T15:00:00Z"},
 "氏名":{"type":"SINGLE_LINE_TEXT","value":"山田 keyword"},"備考":{"type":"MULTI_LINE_TEXT","value":" \n"},
 "年齢":{"type":"NUMBER","value":"45"},"合計":{"type":"CALC","value":"2024-01-01"},
 "性別":{"type":"RADIO_BUTTON","value":"男性"},"障害":{"type":"CHECK_BOX","value":["身体"]},
 "区分":{"type":"DROP_DOWN","value":null},"担当者":{"type":"USER_SELECT","value":[{"code":"sato"}]},
 "管理センター":{"type":"ORGANIZATION_SELECT","value":[]},"依頼日":{"type":"DATE","value":"2024-04-01"},
 "時刻":{"type":"TIME","value":"09:30"},"日時":{"type":"DATETIME","value":"2024-04-01T00:00:00Z"},
 "添付":{"type":"FILE","value":[{"name":"a.pdf"}]},"ステータス":{"type":"STATUS","value":"完了"},
 "表":{"type":"SUBTABLE","value":[{"id":"1","value":{"行日付":{"type":"DATE","value":"2024-03-01"},
   "行内容":{"type":"SINGLE_LINE_TEXT","value":"訪問"}}}]}},
{"$id":{"type":"__ID__","value":"x"},"年齢":{"type":"NUMBER","value":"1e999"},
 "作成者":{"type":"CREATOR","value":"not-an-object"},"障害":{"type":"CHECK_BOX","value":[1,null,{}]},
 "依頼日":{"type":"DATE","value":"9999-99-99"},"日時":{"type":"DATETIME","value":42},
 "表":{"type":"SUBTABLE","value":[{"id":"2"},7,{"value":[]}]},"添付":{"value":[{"name":5}]}},
{"$id":{"value":"3"}},
{}
])";

const rapidjson::Document& records() {
  static const rapidjson::Document document = [] {
    rapidjson::Document d;
    d.Parse(kRecords.data(), kRecords.size());
    return d;
  }();
  return document;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const teichaku::query::ParseResult result = teichaku::query::parse(text, schema());
  if (!result.ok()) {
    return 0;
  }
  teichaku::query::EvalContext context;
  context.nowEpochSeconds = 1711899000;  // 2024-03-31T15:30:00Z
  context.loginUser = "sato";
  std::vector<const rapidjson::Value*> pointers;
  for (const auto& record : records().GetArray()) {
    pointers.push_back(&record);
    (void)teichaku::query::matches(*result.query, record, context);
  }
  context.primaryOrganization = "tokyo";
  context.utcOffsetMinutes = -600;
  for (const auto& record : records().GetArray()) {
    (void)teichaku::query::matches(*result.query, record, context);
  }
  teichaku::query::sortRecords(pointers, result.query->orderBy);
  (void)teichaku::query::referencedFields(*result.query);
  return 0;
}
