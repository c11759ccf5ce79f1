#include "sync/record_conversion.h"

#include <gtest/gtest.h>

namespace teichaku::sync {
namespace {

constexpr const char* kMapping = R"(format = 1
[apps.cases.fields]
name = { code = "氏名", personal = true, clear = false }
status = { code = "現在の状況", personal = false, clear = true }
request_date = { code = "依頼日", personal = false, clear = true }
age = { code = "年齢", personal = true, clear = true }
staff = { code = "担当者", personal = false, clear = true }
kinds = { code = "種別", personal = false, clear = true }
transfers = { code = "移行先", personal = true, clear = true }
transfer_form = { table = "移行先", code = "移行形態", personal = true, clear = true }
transfer_name = { table = "移行先", code = "移行先名称", personal = true, clear = false }
)";

// A record as GET records.json returns it (kintone-api.md §4), with fields the mapping does
// not name (住所, 作成者) that must not reach the mirror.
constexpr const char* kRecord = R"({
 "$id":{"type":"__ID__","value":"42"},
 "$revision":{"type":"__REVISION__","value":"7"},
 "更新日時":{"type":"UPDATED_TIME","value":"2026-04-01T09:15:00Z"},
 "作成者":{"type":"CREATOR","value":{"code":"sato","name":"佐藤"}},
 "住所":{"type":"SINGLE_LINE_TEXT","value":"東京都千代田区"},
 "氏名":{"type":"SINGLE_LINE_TEXT","value":"山田 花子"},
 "現在の状況":{"type":"DROP_DOWN","value":"支援中"},
 "依頼日":{"type":"DATE","value":"2025-05-01"},
 "年齢":{"type":"NUMBER","value":"67"},
 "担当者":{"type":"USER_SELECT","value":[{"code":"tanaka","name":"田中 一郎"}]},
 "種別":{"type":"CHECK_BOX","value":["A","B"]},
 "移行先":{"type":"SUBTABLE","value":[
   {"id":"901","value":{"移行形態":{"type":"DROP_DOWN","value":"自宅"},
                        "移行先名称":{"type":"SINGLE_LINE_TEXT","value":"山田方"},
                        "移行日":{"type":"DATE","value":"2025-06-01"}}}]}
})";

class RecordConversionTest : public ::testing::Test {
 protected:
  void SetUp() override { record_.Parse(kRecord); }
  mapping::Mapping mapping_ = mapping::parseMapping(kMapping, "m.toml");
  rapidjson::Document record_;
};

TEST_F(RecordConversionTest, BodyHoldsOnlyMappedFieldsInByteOrder) {
  const std::string body = canonicalBody(*mapping_.app("cases"), record_);
  // Expected fragments written by hand: unmapped fields (住所, 作成者, inner 移行日) and user
  // display names are gone; inner fields sorted by code; $id first ("$" sorts before letters).
  EXPECT_EQ(body.find("東京都"), std::string::npos);
  EXPECT_EQ(body.find("佐藤"), std::string::npos);
  EXPECT_EQ(body.find("田中"), std::string::npos);
  EXPECT_EQ(body.find("移行日"), std::string::npos);
  EXPECT_NE(body.find(R"("担当者":{"type":"USER_SELECT","value":[{"code":"tanaka"}]})"),
            std::string::npos)
      << body;
  EXPECT_NE(
      body.find(
          R"("移行先":{"type":"SUBTABLE","value":[{"id":"901","value":{"移行先名称":{"type":"SINGLE_LINE_TEXT","value":"山田方"},"移行形態":{"type":"DROP_DOWN","value":"自宅"}}}]})"),
      std::string::npos)
      << body;
  EXPECT_EQ(body.rfind(R"({"$id":{"type":"__ID__","value":"42"},"$revision":)", 0), 0u) << body;
}

TEST_F(RecordConversionTest, SameRecordInAnyMemberOrderGivesTheSameBody) {
  rapidjson::Document reordered;
  reordered.SetObject();
  auto& a = reordered.GetAllocator();
  for (auto it = record_.MemberEnd(); it != record_.MemberBegin();) {
    --it;
    reordered.AddMember(rapidjson::Value(it->name, a), rapidjson::Value(it->value, a), a);
  }
  EXPECT_EQ(canonicalBody(*mapping_.app("cases"), reordered),
            canonicalBody(*mapping_.app("cases"), record_));
}

TEST_F(RecordConversionTest, RecordInputCarriesIdsClearValuesAndChildRows) {
  store::RecordInput in = toRecordInput(*mapping_.app("cases"), record_);
  EXPECT_EQ(in.app, "cases");
  EXPECT_EQ(in.id, 42);
  EXPECT_EQ(in.revision, 7);
  EXPECT_EQ(in.updatedAt, "2026-04-01T09:15:00Z");
  store::ClearMap expected = {
      {"現在の状況", std::string("支援中")},
      {"依頼日", store::Date{"2025-05-01"}},
      {"年齢", 67.0},
      {"担当者", std::string(R"(["tanaka"])")},
      {"種別", std::string(R"(["A","B"])")},
  };
  EXPECT_EQ(in.clear, expected);  // 氏名 (clear = false) is not there
  ASSERT_EQ(in.children.size(), 1u);
  EXPECT_EQ(in.children[0], (store::ChildRow{"移行先", 901, {{"移行形態", std::string("自宅")}}}));
}

TEST_F(RecordConversionTest, FilterBodyHoldsOnlyTheSealedFilterFields) {
  // Without sealed_filter fields there is no filter body.
  EXPECT_EQ(toRecordInput(*mapping_.app("cases"), record_).filterBody, "");
  const mapping::Mapping withFilter = mapping::parseMapping(
      std::string(kMapping) +
          "birth = { code = \"生年月日\", personal = true, clear = false, sealed_filter = true }\n"
          "kana = { code = \"ふりがな\", personal = true, clear = false, sealed_filter = true }\n",
      "m.toml");
  rapidjson::Document record;
  record.Parse(kRecord);
  auto& a = record.GetAllocator();
  rapidjson::Value birth(rapidjson::kObjectType);
  birth.AddMember("type", "DATE", a);
  birth.AddMember("value", "1950-02-28", a);
  record.AddMember(rapidjson::Value("生年月日", a), birth, a);
  // ふりがな is absent from this record: it is left out, not written as empty.
  const store::RecordInput in = toRecordInput(*withFilter.app("cases"), record);
  EXPECT_EQ(in.filterBody, R"({"生年月日":{"type":"DATE","value":"1950-02-28"}})");
  EXPECT_NE(in.body.find("1950-02-28"), std::string::npos) << "the body keeps it too";
  EXPECT_EQ(in.clear.count("生年月日"), 0u) << "never in clear";
}

TEST(ClearValueTest, EmptyValuesAreNull) {
  for (const char* field :
       {R"({"type":"DATE","value":null})", R"({"type":"NUMBER","value":""})",
        R"({"type":"CHECK_BOX","value":[]})", R"({"type":"DROP_DOWN","value":""})"}) {
    rapidjson::Document d;
    d.Parse(field);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(clearValueOf(d))) << field;
  }
  rapidjson::Document text;
  text.Parse(R"({"type":"NUMBER","value":"12abc"})");
  EXPECT_EQ(clearValueOf(text), store::ClearValue(std::string("12abc")));
}

TEST(RecordFormatTest, MissingIdIsAnErrorNamingTheApp) {
  mapping::Mapping m = mapping::parseMapping(kMapping, "m.toml");
  rapidjson::Document d;
  d.Parse(R"({"$revision":{"type":"__REVISION__","value":"1"}})");
  try {
    toRecordInput(*m.app("cases"), d);
    FAIL();
  } catch (const RecordFormatError& e) {
    EXPECT_NE(std::string(e.what()).find("'cases'"), std::string::npos);
  }
}

}  // namespace
}  // namespace teichaku::sync
