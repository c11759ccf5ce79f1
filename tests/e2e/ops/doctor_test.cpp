#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "cli/command.h"
#include "core/emulator.h"
#include "kintone/auth.h"
#include "recording_front.h"
#include "support/temp_dir.h"

// `doctor` against the in-process emulator: a tenant with the six sample apps deployed by
// `apps deploy`, a Garoon sender "bridge" and a staff member "operator1", the external
// notification "teichaku" (garoon-cybozu-api.md A2 "Prerequisite") and the User API.
namespace teichaku::cli {
namespace {

const char* const kApps[] = {"cases", "support_records", "tasks", "shares", "staff", "reports"};
constexpr const char* kAdminPassword = "admin-pass-for-tests";

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

int countLinesStartingWith(const std::string& text, const std::string& prefix) {
  int count = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    count += line.rfind(prefix, 0) == 0 ? 1 : 0;
  }
  return count;
}

class OpsDoctor : public ::testing::Test {
 protected:
  void SetUp() override {
    // Any loopback port: the front's port is only known once the emulator exists.
    const std::string garoon =
        dir.write("emulator.json", R"({"garoon":{"notificationApps":[{"code":"teichaku",
        "name":"定着支援","allowedUrlPrefixes":["http://127.0.0.1:"],"allowedSenders":["bridge"]}]}})");
    emulator::EmulatorOptions options;
    options.adminPassword = kAdminPassword;
    options.configFiles = {garoon};
    emulator_ = std::make_unique<emulator::Emulator>(options);
    std::string seed = R"({"apps":[)";
    for (int i = 0; i < 6; ++i) {
      seed += std::string(i ? "," : "") + R"({"id":)" + std::to_string(101 + i) +
              R"(,"name":"app)" + std::to_string(i) + R"(","tokens":[{"token":"tok-)" + kApps[i] +
              R"(-0123456789","permissions":["view","add","edit","delete"]}]})";
    }
    seed += "]}";
    rapidjson::Document doc;
    doc.Parse(seed.c_str());
    emulator_->applyConfig(doc);
    ASSERT_EQ(control("POST", "/__emulator/cybozu/seed",
                      R"({"users":[{"code":"bridge","name":"連携","password":"pw-bridge",
                      "services":["garoon"]},{"code":"operator1","name":"担当","password":
                      "pw-operator1","services":["garoon"]}]})")
                  .status,
              200);
    front_ = std::make_unique<ops_testing::RecordingFront>(*emulator_);

    dir.write("admin-password", kAdminPassword);
    dir.write("garoon-password", "pw-bridge");
    for (const char* app : kApps) {
      dir.write(std::string("token-") + app, std::string("tok-") + app + "-0123456789");
    }
    std::filesystem::create_directories(dir.path() / "data");
    std::filesystem::permissions(dir.path() / "data", std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
    config_ = writeConfig(front_->baseUrl());
    ASSERT_EQ(run({"key", "init", "--config", config_}).code, 0);
    CliRun deploy =
        run({"apps", "deploy", "--config", config_, "--apps",
             std::string(std::getenv("TEICHAKU_SOURCE_DIR")) + "/samples/apps/apps.toml"});
    ASSERT_EQ(deploy.code, 0) << deploy.err;
    front_->clear();
  }

  std::string writeConfig(const std::string& baseUrl, const std::string& garoonUrl = "") {
    std::ostringstream c;
    const std::string root = std::getenv("TEICHAKU_SOURCE_DIR");
    c << "[bridge]\ndata_dir = \"" << dir.path().string() << "/data\"\n"
      << "mapping_file = \"" << root << "/mappings/raito-plus.toml\"\n"
      << "[kintone]\nbase_url = \"" << baseUrl << "\"\n"
      << "admin_login = \"Administrator\"\nadmin_password_file = \"admin-password\"\n";
    for (int i = 0; i < 6; ++i) {
      c << "[kintone.apps." << kApps[i] << "]\napp_id = " << 101 + i
        << "\napi_token_file = \"token-" << kApps[i] << "\"\n";
    }
    c << "[garoon]\nenabled = true\nbase_url = \"" << (garoonUrl.empty() ? baseUrl : garoonUrl)
      << "\"\nusername = \"bridge\"\npassword_file = \"garoon-password\"\n"
      << "notification_app_code = \"teichaku\"\n"
      << "[cybozu]\nenabled = true\nbase_url = \"" << baseUrl << "\"\n"
      << "admin_login = \"Administrator\"\nadmin_password_file = \"admin-password\"\n"
      << "[store]\nkey_file = \"mirror.keys\"\n[logging]\nconsole = false\n";
    return dir.write("bridge.toml", c.str(), 0644);
  }

  CliRun run(std::vector<std::string> argv) {
    std::ostringstream out;
    std::ostringstream err;
    int code = dispatch(argv, out, err);
    return {code, out.str(), err.str()};
  }

  emulator::Response control(const std::string& method, const std::string& path,
                             const std::string& body = "",
                             const std::map<std::string, std::string>& headers = {}) {
    emulator::Request request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.headers = headers;
    request.headers["content-type"] = "application/json";
    return emulator_->serve(request).response;
  }

  // Requests that could change data: anything but GET.
  std::vector<std::string> writesSeen() const {
    std::vector<std::string> writes;
    for (const auto& r : front_->seen()) {
      if (r.method != "GET") {
        writes.push_back(r.method + " " + r.path);
      }
    }
    return writes;
  }

  rapidjson::Document garoonItems() {
    rapidjson::Document doc;
    doc.Parse(control("GET", "/__emulator/garoon/notifications/items").body.c_str());
    return doc;
  }

  testing::TempDir dir;
  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<ops_testing::RecordingFront> front_;
  std::string config_;
};

TEST_F(OpsDoctor, AllChecksPassOnTheDeployedSampleAppsWithoutAnyWrite) {
  CliRun doctor = run({"doctor", "--config", config_});
  EXPECT_EQ(doctor.code, 0) << doctor.out << doctor.err;
  EXPECT_EQ(countLinesStartingWith(doctor.out, "✘"), 0) << doctor.out;
  // Counted by hand: config, mapping, data folder, key file, secrets (5); per app token,
  // view permission, schema (6 × 3 = 18); Garoon login and notification code (2); User
  // API (1); TLS (1). The mirror does not exist yet: a ！ line, not a ✔.
  EXPECT_EQ(countLinesStartingWith(doctor.out, "✔"), 27) << doctor.out;
  for (int i = 0; i < 6; ++i) {
    const std::string app =
        std::string("kintone アプリ ") + kApps[i] + "（app_id " + std::to_string(101 + i) + "）: ";
    EXPECT_NE(doctor.out.find("✔ " + app + "API トークンが受け付けられました"), std::string::npos)
        << app;
    EXPECT_NE(doctor.out.find("✔ " + app + "レコード閲覧の権限があります"), std::string::npos);
    EXPECT_NE(doctor.out.find("✔ " + app + "マッピングの "), std::string::npos);
  }
  EXPECT_NE(doctor.out.find("書き込まずには確かめられません"), std::string::npos);
  EXPECT_NE(doctor.out.find("https://cybozu.dev/ja/kintone/docs/rest-api/overview/authentication/"),
            std::string::npos);
  EXPECT_NE(doctor.out.find("✔ 証明書の検証は常に有効です"), std::string::npos);
  EXPECT_NE(doctor.out.find("結果: ✔ 27、✘ 0"), std::string::npos) << doctor.out;

  EXPECT_FALSE(front_->seen().empty());
  EXPECT_TRUE(writesSeen().empty()) << writesSeen().front();
  EXPECT_EQ(garoonItems()["items"].Size(), 0u);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "data" / "mirror.db"))
      << "doctor must not create the mirror";
  for (const std::string& secret : {std::string("tok-cases-0123456789"), std::string("pw-bridge"),
                                    std::string(kAdminPassword)}) {
    EXPECT_EQ(doctor.out.find(secret), std::string::npos);
    EXPECT_EQ(doctor.err.find(secret), std::string::npos);
  }
}

TEST_F(OpsDoctor, AWrongTokenNamesTheAppAndWhatToDo) {
  dir.write("token-shares", "tok-wrong-9999999999");
  CliRun doctor = run({"doctor", "--config", config_});
  EXPECT_EQ(doctor.code, 4) << doctor.out;
  // The emulator answers an unknown token with 401 GAIA_IA01 (tests/emulator/README.md,
  // "Unconfirmed codes chosen here"; kintone-api.md §1.2).
  EXPECT_NE(
      doctor.out.find("✘ kintone アプリ shares（app_id 104）: API トークンが受け付けられませんで"
                      "した（GAIA_IA01）。\n    → 対処: "),
      std::string::npos)
      << doctor.out;
  EXPECT_NE(doctor.out.find("[kintone.apps.shares] api_token_file"), std::string::npos);
  EXPECT_EQ(countLinesStartingWith(doctor.out, "✘"), 1) << doctor.out;
  EXPECT_EQ(doctor.out.find("tok-wrong-9999999999"), std::string::npos);
  EXPECT_TRUE(writesSeen().empty());
}

TEST_F(OpsDoctor, AFieldMissingFromTheAppIsNamed) {
  const std::map<std::string, std::string> admin{
      {"x-cybozu-authorization", kintone::base64(std::string("Administrator:") + kAdminPassword)}};
  ASSERT_EQ(control("DELETE", "/k/v1/preview/app/form/fields.json",
                    R"({"app":"101","fields":["ふりがな"]})", admin)
                .status,
            200);
  ASSERT_EQ(
      control("POST", "/k/v1/preview/app/deploy.json", R"({"apps":[{"app":"101"}]})", admin).status,
      200);
  for (int i = 0; i < 100; ++i) {
    emulator::Request status;
    status.method = "GET";
    status.path = "/k/v1/preview/app/deploy.json";
    status.query = {{"apps[0]", "101"}};
    status.headers = admin;
    if (emulator_->serve(status).response.body.find("SUCCESS") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CliRun doctor = run({"doctor", "--config", config_});
  EXPECT_EQ(doctor.code, 4) << doctor.out;
  EXPECT_NE(
      doctor.out.find("✘ kintone アプリ cases（app_id 101）: アプリ 'cases' のフォームにフィールド"
                      "コード 'ふりがな' がありません。"),
      std::string::npos)
      << doctor.out;
  EXPECT_NE(doctor.out.find("raito-plus.toml:"), std::string::npos);
  EXPECT_EQ(countLinesStartingWith(doctor.out, "✘"), 1) << doctor.out;
  EXPECT_TRUE(writesSeen().empty());
}

TEST_F(OpsDoctor, NotifyOperatorSendsOneTestNoticeAndNothingElse) {
  CliRun first = run({"doctor", "--config", config_, "--notify-operator", "operator1"});
  EXPECT_EQ(first.code, 0) << first.out;
  EXPECT_NE(first.out.find("唯一の書き込み"), std::string::npos);
  EXPECT_NE(first.out.find("✔ 外部通知コード 'teichaku' で operator1 に試験通知を送りました"),
            std::string::npos)
      << first.out;
  CliRun second = run({"doctor", "--config", config_, "--notify-operator", "operator1"});
  EXPECT_EQ(second.code, 0) << second.out;
  const std::vector<std::string> expected{"POST /g/api/v1/notification/items",
                                          "POST /g/api/v1/notification/items"};
  EXPECT_EQ(writesSeen(), expected);
  // The same notificationKey both times: the second run updated the first notice (A2).
  rapidjson::Document items = garoonItems();
  ASSERT_EQ(items["items"].Size(), 1u);
  EXPECT_STREQ(items["items"][0]["title"].GetString(), "teichaku-bridge 接続テスト");
}

TEST_F(OpsDoctor, AnUnknownOperatorIsRefusedBeforeAnyWrite) {
  CliRun doctor = run({"doctor", "--config", config_, "--notify-operator", "nobody"});
  EXPECT_EQ(doctor.code, 4);
  EXPECT_NE(doctor.out.find("✘ Garoon にログイン名 nobody の利用者が見つかりません。"),
            std::string::npos)
      << doctor.out;
  EXPECT_TRUE(writesSeen().empty());
}

TEST_F(OpsDoctor, AnUnreachableGaroonExits3) {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  config_ = writeConfig(front_->baseUrl(), "http://127.0.0.1:1");
  CliRun doctor = run({"doctor", "--config", config_});
  EXPECT_EQ(doctor.code, 3) << doctor.out;
  EXPECT_NE(doctor.out.find("✘ Garoon に接続できません"), std::string::npos) << doctor.out;
  EXPECT_NE(doctor.out.find("[garoon] base_url"), std::string::npos);
}

TEST_F(OpsDoctor, AReadableKeyFileMustBeFixed) {
  std::filesystem::permissions(dir.path() / "mirror.keys", std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  CliRun doctor = run({"doctor", "--config", config_});
  EXPECT_EQ(doctor.code, 4) << doctor.out;
  EXPECT_NE(doctor.out.find("✘ 暗号鍵ファイル（[store] key_file）が使えません。"),
            std::string::npos)
      << doctor.out;
  EXPECT_NE(doctor.out.find("chmod 600"), std::string::npos);
}

TEST_F(OpsDoctor, AConfigThatDoesNotLoadExits2WithItsErrors) {
  const std::string broken = dir.write("broken.toml", "[bridge]\nno_such_key = 1\n", 0644);
  CliRun doctor = run({"doctor", "--config", broken});
  EXPECT_EQ(doctor.code, 2) << doctor.out;
  EXPECT_NE(doctor.out.find("✘ 設定ファイル " + broken + " を読み込めません"), std::string::npos)
      << doctor.out;
  EXPECT_NE(doctor.out.find("broken.toml:"), std::string::npos) << "errors carry file and line";
  EXPECT_TRUE(front_->seen().empty()) << "nothing is contacted without a configuration";
}

}  // namespace
}  // namespace teichaku::cli
