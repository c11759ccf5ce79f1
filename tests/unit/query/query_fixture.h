#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "query/query.h"

namespace teichaku::query::testing {

// A case-management app shaped like the Raito Plus 対象者 app (BRIEF.md), Japanese codes.
inline MapSchema caseSchema() {
  MapSchema schema;
  schema.add("レコード番号", FieldType::kRecordNumber)
      .add("作成者", FieldType::kCreator)
      .add("作成日時", FieldType::kCreatedTime)
      .add("更新日時", FieldType::kUpdatedTime)
      .add("氏名", FieldType::kSingleLineText)
      .add("備考", FieldType::kMultiLineText)
      .add("本文", FieldType::kRichText)
      .add("年齢", FieldType::kNumber)
      .add("合計", FieldType::kCalc)
      .add("性別", FieldType::kRadioButton, {}, {"男性", "女性"})
      .add("障害", FieldType::kCheckBox, {}, {"身体", "知的", "精神", "発達"})
      .add("依頼区分", FieldType::kDropDown, {}, {"特別調整", "一般調整", "相談支援"})
      .add("支援機関", FieldType::kMultiSelect)
      .add("担当者", FieldType::kUserSelect)
      .add("管理センター", FieldType::kOrganizationSelect)
      .add("グループ", FieldType::kGroupSelect)
      .add("依頼日", FieldType::kDate)
      .add("面談時刻", FieldType::kTime)
      .add("面談日時", FieldType::kDateTime)
      .add("リンク", FieldType::kLink)
      .add("添付", FieldType::kFile)
      .add("ステータス", FieldType::kStatus)
      .add("カテゴリー", FieldType::kCategory)
      .add("支援記録", FieldType::kSubtable)
      .add("記録日", FieldType::kDate, "支援記録")
      .add("内容", FieldType::kSingleLineText, "支援記録")
      .add("区分", FieldType::kDropDown, "支援記録", {"電話", "訪問"});
  return schema;
}

// Four records in kintone's read format (kintone-api.md §4). Record 4 is sparse on purpose.
inline constexpr std::string_view kRecordsJson = R"([
{"$id":{"type":"__ID__","value":"1"},"$revision":{"type":"__REVISION__","value":"3"},
 "レコード番号":{"type":"RECORD_NUMBER","value":"TK-1"},
 "作成者":{"type":"CREATOR","value":{"code":"sato","name":"佐藤"}},
 "作成日時":{"type":"CREATED_TIME","value":"2024-03-31T15:00:00Z"},
 "更新日時":{"type":"UPDATED_TIME","value":"2024-04-01T01:00:00Z"},
 "氏名":{"type":"SINGLE_LINE_TEXT","value":"山田 太郎"},
 "備考":{"type":"MULTI_LINE_TEXT","value":"電話で連絡済み\n次回 keyword 確認"},
 "本文":{"type":"RICH_TEXT","value":"<div>gamma keyword</div>"},
 "年齢":{"type":"NUMBER","value":"45"},
 "合計":{"type":"CALC","value":"1200.5"},
 "性別":{"type":"RADIO_BUTTON","value":"男性"},
 "障害":{"type":"CHECK_BOX","value":["身体","精神"]},
 "依頼区分":{"type":"DROP_DOWN","value":"特別調整"},
 "支援機関":{"type":"MULTI_SELECT","value":["福祉事務所"]},
 "担当者":{"type":"USER_SELECT","value":[{"code":"sato","name":"佐藤"}]},
 "管理センター":{"type":"ORGANIZATION_SELECT","value":[{"code":"tokyo","name":"東京"}]},
 "グループ":{"type":"GROUP_SELECT","value":[]},
 "依頼日":{"type":"DATE","value":"2024-04-01"},
 "面談時刻":{"type":"TIME","value":"09:30"},
 "面談日時":{"type":"DATETIME","value":"2024-03-31T15:30:00Z"},
 "リンク":{"type":"LINK","value":"https://example.com/a"},
 "添付":{"type":"FILE","value":[{"contentType":"application/pdf","fileKey":"k1","name":"支援計画書.pdf","size":"10"}]},
 "ステータス":{"type":"STATUS","value":"支援中"},
 "カテゴリー":{"type":"CATEGORY","value":[]},
 "支援記録":{"type":"SUBTABLE","value":[
   {"id":"10","value":{"記録日":{"type":"DATE","value":"2024-03-01"},
                       "内容":{"type":"SINGLE_LINE_TEXT","value":"電話相談"},
                       "区分":{"type":"DROP_DOWN","value":"電話"}}},
   {"id":"11","value":{"記録日":{"type":"DATE","value":"2024-03-15"},
                       "内容":{"type":"SINGLE_LINE_TEXT","value":"自宅訪問"},
                       "区分":{"type":"DROP_DOWN","value":"訪問"}}}]}},
{"$id":{"type":"__ID__","value":"2"},"$revision":{"type":"__REVISION__","value":"1"},
 "レコード番号":{"type":"RECORD_NUMBER","value":"TK-2"},
 "作成者":{"type":"CREATOR","value":{"code":"suzuki","name":"鈴木"}},
 "作成日時":{"type":"CREATED_TIME","value":"2024-03-31T14:59:00Z"},
 "更新日時":{"type":"UPDATED_TIME","value":"2024-03-31T14:59:00Z"},
 "氏名":{"type":"SINGLE_LINE_TEXT","value":"佐藤 花子"},
 "備考":{"type":"MULTI_LINE_TEXT","value":"   \n\t"},
 "本文":{"type":"RICH_TEXT","value":""},
 "年齢":{"type":"NUMBER","value":"9"},
 "合計":{"type":"CALC","value":""},
 "性別":{"type":"RADIO_BUTTON","value":"女性"},
 "障害":{"type":"CHECK_BOX","value":[]},
 "依頼区分":{"type":"DROP_DOWN","value":null},
 "支援機関":{"type":"MULTI_SELECT","value":[]},
 "担当者":{"type":"USER_SELECT","value":[{"code":"suzuki","name":"鈴木"}]},
 "管理センター":{"type":"ORGANIZATION_SELECT","value":[{"code":"osaka","name":"大阪"}]},
 "グループ":{"type":"GROUP_SELECT","value":[{"code":"staff","name":"職員"}]},
 "依頼日":{"type":"DATE","value":"2024-03-31"},
 "面談時刻":{"type":"TIME","value":"14:00"},
 "面談日時":{"type":"DATETIME","value":"2024-04-01T00:00:00Z"},
 "リンク":{"type":"LINK","value":""},
 "添付":{"type":"FILE","value":[]},
 "ステータス":{"type":"STATUS","value":"未処理"},
 "カテゴリー":{"type":"CATEGORY","value":[]},
 "支援記録":{"type":"SUBTABLE","value":[
   {"id":"20","value":{"記録日":{"type":"DATE","value":"2024-03-20"},
                       "内容":{"type":"SINGLE_LINE_TEXT","value":"訪問"},
                       "区分":{"type":"DROP_DOWN","value":"訪問"}}}]}},
{"$id":{"type":"__ID__","value":"3"},"$revision":{"type":"__REVISION__","value":"7"},
 "レコード番号":{"type":"RECORD_NUMBER","value":"TK-3"},
 "作成者":{"type":"CREATOR","value":{"code":"sato","name":"佐藤"}},
 "作成日時":{"type":"CREATED_TIME","value":"2024-04-07T00:00:00Z"},
 "更新日時":{"type":"UPDATED_TIME","value":"2024-04-07T00:00:00Z"},
 "氏名":{"type":"SINGLE_LINE_TEXT","value":"Keyword Tanaka"},
 "備考":{"type":"MULTI_LINE_TEXT","value":""},
 "本文":{"type":"RICH_TEXT","value":"keywords only"},
 "年齢":{"type":"NUMBER","value":"100"},
 "合計":{"type":"CALC","value":"-3"},
 "性別":{"type":"RADIO_BUTTON","value":"男性"},
 "障害":{"type":"CHECK_BOX","value":["知的"]},
 "依頼区分":{"type":"DROP_DOWN","value":"一般調整"},
 "支援機関":{"type":"MULTI_SELECT","value":["病院","福祉事務所"]},
 "担当者":{"type":"USER_SELECT","value":[]},
 "管理センター":{"type":"ORGANIZATION_SELECT","value":[]},
 "グループ":{"type":"GROUP_SELECT","value":[]},
 "依頼日":{"type":"DATE","value":"2024-04-30"},
 "面談時刻":{"type":"TIME","value":null},
 "面談日時":{"type":"DATETIME","value":""},
 "リンク":{"type":"LINK","value":"http://x.example"},
 "添付":{"type":"FILE","value":[]},
 "ステータス":{"type":"STATUS","value":"完了"},
 "カテゴリー":{"type":"CATEGORY","value":["要注意"]},
 "支援記録":{"type":"SUBTABLE","value":[]}},
{"$id":{"type":"__ID__","value":"4"},"$revision":{"type":"__REVISION__","value":"1"},
 "レコード番号":{"type":"RECORD_NUMBER","value":"TK-4"},
 "氏名":{"type":"SINGLE_LINE_TEXT","value":""},
 "年齢":{"type":"NUMBER","value":""}}
])";

// 2024-03-31T15:30:00Z = 2024-04-01 00:30 JST, a Monday (`date -u -d 2024-03-31T15:30:00Z +%s`).
inline constexpr int64_t kNow = 1711899000;

inline EvalContext jstContext() {
  EvalContext context;
  context.nowEpochSeconds = kNow;
  context.utcOffsetMinutes = 540;
  context.loginUser = "sato";
  context.primaryOrganization = "tokyo";
  return context;
}

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    records_.Parse(kRecordsJson.data(), kRecordsJson.size());
    ASSERT_FALSE(records_.HasParseError());
  }

  Query parseOk(std::string_view text) {
    ParseResult result = parse(text, schema_);
    EXPECT_TRUE(result.ok()) << text << " -> " << result.error.code << " " << result.error.message;
    return result.ok() ? std::move(*result.query) : Query{};
  }

  ParseError parseFail(std::string_view text, const ParseOptions& options = {}) {
    ParseResult result = parse(text, schema_, options);
    EXPECT_FALSE(result.ok()) << text << " unexpectedly parsed";
    return result.error;
  }

  // $id of every fixture record the query matches, in fixture order.
  std::vector<int> ids(std::string_view text, const EvalContext& context = jstContext()) {
    const Query query = parseOk(text);
    std::vector<int> matched;
    for (const auto& record : records_.GetArray()) {
      if (matches(query, record, context)) {
        matched.push_back(std::stoi(record["$id"]["value"].GetString()));
      }
    }
    return matched;
  }

  MapSchema schema_ = caseSchema();
  rapidjson::Document records_;
};

using Ids = std::vector<int>;

}  // namespace teichaku::query::testing
