// --state DIR: kintone data survives a restart (README "Running").
#include <unistd.h>

#include <filesystem>

#include "core/json.h"
#include "emulator_fixture.h"
#include "kintone/kintone_service.h"

namespace teichaku::emulator::testing {
namespace {

class EmulatorPersistenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ =
        std::filesystem::temp_directory_path() / ("emulator-state-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    config_ = directory_ / "config.json";
    std::FILE* f = std::fopen(config_.c_str(), "w");
    std::fputs(R"({"apps":[{"id":1,"name":"p","fields":{"title":{"type":"SINGLE_LINE_TEXT"}}}]})",
               f);
    std::fclose(f);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::unique_ptr<Emulator> start() {
    EmulatorOptions options;
    options.adminPassword = kAdminPassword;
    options.configFiles = {config_.string()};
    options.stateDirectory = directory_.string();
    return std::make_unique<Emulator>(options);
  }

  static Response request(Emulator& emulator, const std::string& method, const std::string& path,
                          const std::string& body) {
    Request r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.headers["x-cybozu-authorization"] = adminAuthHeader();
    r.headers["content-type"] = "application/json";
    return emulator.serve(r).response;
  }

  std::filesystem::path directory_;
  std::filesystem::path config_;
};

TEST_F(EmulatorPersistenceTest, RecordsSurviveRestartAndConfigAppsAreNotReseeded) {
  {
    auto emulator = start();
    ASSERT_EQ(request(*emulator, "POST", "/k/v1/record.json",
                      R"({"app":1,"record":{"title":{"value":"残る"}}})")
                  .status,
              200);
    ASSERT_EQ(request(*emulator, "PUT", "/k/v1/record.json",
                      R"({"app":1,"id":1,"record":{"title":{"value":"更新後"}}})")
                  .status,
              200);
  }  // destruction saves
  auto emulator = start();
  Response r = request(*emulator, "GET", "/k/v1/record.json", R"({"app":1,"id":1})");
  ASSERT_EQ(r.status, 200) << r.body;
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  EXPECT_STREQ(doc["record"]["title"]["value"].GetString(), "更新後");
  EXPECT_STREQ(doc["record"]["$revision"]["value"].GetString(), "2");
  // Ids continue after the restored ones.
  Response next = request(*emulator, "POST", "/k/v1/record.json", R"({"app":1})");
  EXPECT_EQ(next.body, R"({"id":"2","revision":"1"})");
}

}  // namespace
}  // namespace teichaku::emulator::testing
