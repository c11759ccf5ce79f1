// App lifecycle: preview, fields, deploy, revisions (kintone-api.md §3.3).
#include <chrono>
#include <thread>

#include "emulator_fixture.h"
#include "seed_data.h"

namespace teichaku::emulator::testing {
namespace {

class EmulatorAppsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seed(kSeed);
  }
};

// §3.3: preview/app.json creates a pre-live app, fields are added in preview, deploy
// is asynchronous (PROCESSING then SUCCESS) and makes the app and fields live.
TEST_F(EmulatorAppsTest, CreateAddFieldsDeploy) {
  auto created = call("POST", "/k/v1/preview/app.json", R"({"name":"新アプリ"})");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string app = created.str("/app");
  EXPECT_EQ(call("GET", "/k/v1/app.json?id=" + app).code(), "GAIA_AP01");
  auto added = call(
      "POST", "/k/v1/preview/app/form/fields.json",
      R"({"app":)" + app +
          R"(,"properties":{"name":{"type":"SINGLE_LINE_TEXT","code":"name","label":"氏名"}}})");
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.body, R"({"revision":"2"})");
  auto preview = call("GET", "/k/v1/preview/app/form/fields.json?app=" + app);
  EXPECT_EQ(preview.str("/properties/name/label"), "氏名");
  EXPECT_EQ(call("POST", "/k/v1/preview/app/deploy.json", R"({"apps":[{"app":)" + app + "}]}").body,
            "{}");
  auto processing = call("GET", "/k/v1/preview/app/deploy.json?apps%5B0%5D=" + app);
  EXPECT_EQ(processing.str("/apps/0/status"), "PROCESSING");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // deployDelayMs default 200
  auto done = call("GET", "/k/v1/preview/app/deploy.json?apps%5B0%5D=" + app);
  EXPECT_EQ(done.str("/apps/0/status"), "SUCCESS");
  auto live = call("GET", "/k/v1/app/form/fields.json?app=" + app);
  EXPECT_EQ(live.str("/properties/name/type"), "SINGLE_LINE_TEXT");
  EXPECT_EQ(live.str("/revision"), "2");
  EXPECT_EQ(call("GET", "/k/v1/app.json?id=" + app).str("/name"), "新アプリ");
}

// §3.3: stale settings revision -> 409 GAIA_CO03.
TEST_F(EmulatorAppsTest, StaleSettingsRevision) {
  auto r = call("POST", "/k/v1/preview/app/form/fields.json",
                R"({"app":1,"revision":"0","properties":{"x":{"type":"NUMBER","code":"x"}}})");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.code(), "GAIA_CO03");
}

// §3.3: PUT renames/changes, DELETE removes; system fields cannot be added.
TEST_F(EmulatorAppsTest, UpdateAndDeleteFields) {
  auto put = call("PUT", "/k/v1/preview/app/form/fields.json",
                  R"({"app":2,"properties":{"title":{"code":"subject","label":"件名"}}})");
  ASSERT_EQ(put.status, 200) << put.body;
  auto fields = call("GET", "/k/v1/preview/app/form/fields.json?app=2");
  EXPECT_EQ(fields.str("/properties/subject/label"), "件名");
  EXPECT_EQ(fields.str("/properties/subject/type"), "SINGLE_LINE_TEXT");
  EXPECT_EQ(fields.str("/properties/title"), "<missing>");
  auto del =
      call("DELETE", "/k/v1/preview/app/form/fields.json", R"({"app":2,"fields":["subject"]})");
  EXPECT_EQ(del.status, 200);
  auto system = call("POST", "/k/v1/preview/app/form/fields.json",
                     R"({"app":2,"properties":{"s":{"type":"STATUS","code":"s"}}})");
  EXPECT_EQ(system.code(), "CB_VA01");
}

// §1.2: preview/app.json and apps.json do not accept API tokens.
TEST_F(EmulatorAppsTest, AppsApisRejectTokens) {
  EXPECT_EQ(call("GET", "/k/v1/apps.json", {}, {{"X-Cybozu-API-Token", "viewer-token"}}).status,
            403);
  auto apps = call("GET", "/k/v1/apps.json?limit=2");
  ASSERT_EQ(apps.status, 200);
  EXPECT_EQ(apps.json["apps"].Size(), 2u);
  EXPECT_EQ(call("GET", "/k/v1/apps.json?limit=101").status, 400);
  auto byCode = call("GET", "/k/v1/apps.json?codes%5B0%5D=CASE");
  ASSERT_EQ(byCode.json["apps"].Size(), 1u);
  EXPECT_EQ(byCode.str("/apps/0/appId"), "4");
  auto byName = call("GET", "/k/v1/apps.json?name=orkfl");
  ASSERT_EQ(byName.json["apps"].Size(), 1u);
  EXPECT_EQ(byName.str("/apps/0/name"), "workflow");
}

// §3.3: layout and views reads (cli-kintone reads fields then layout, §8.1).
TEST_F(EmulatorAppsTest, LayoutAndViewsReads) {
  auto layout = call("GET", "/k/v1/app/form/layout.json?app=1");
  ASSERT_EQ(layout.status, 200);
  EXPECT_TRUE(layout.json["layout"].IsArray());
  auto views = call("GET", "/k/v1/app/views.json?app=1");
  EXPECT_TRUE(views.json["views"].IsObject());
}

}  // namespace
}  // namespace teichaku::emulator::testing
