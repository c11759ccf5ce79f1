#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "emulator/cybozu/test_requests.h"
#include "emulator/garoon/garoon_service.h"

// Shared set-up for the Garoon service tests: a tenant with a sender account, two
// staff members and a kintone-only user, and one registered external notification.
// Garoon ids (from DirectoryOptions defaults): Administrator 1001, bridge 1002,
// staff1 1003, staff2 1004, kintoneonly 1005. Organization "office" is Garoon id 501.
namespace teichaku::emulator::garoon {

inline constexpr const char* kFixedNow = "2026-04-01T00:00:00Z";

class GaroonServiceTest : public ::testing::Test {
 protected:
  GaroonServiceTest() {
    cybozu::DirectoryOptions options;
    options.adminPassword = "cybozu";
    directory_ = std::make_shared<cybozu::UserDirectory>(options);
    std::vector<cybozu::UserInput> users;
    for (const char* code : {"bridge", "staff1", "staff2", "kintoneonly"}) {
      cybozu::UserInput input;
      input.code = code;
      input.name = std::string(code) + "-name";
      input.password = std::string("pw-") + code;
      input.services =
          std::set<std::string>{std::string(code) == "kintoneonly" ? "kintone" : "garoon"};
      users.push_back(input);
    }
    EXPECT_FALSE(directory_->addUsers(users));
    cybozu::OrganizationInput office;
    office.code = "office";
    office.name = "支援センター";
    EXPECT_FALSE(directory_->addOrganizations({office}));
    EXPECT_FALSE(directory_->setUserOrganizations({{"staff2", {{"office", ""}}}}));

    GaroonConfig config;
    config.notificationApps.push_back(
        {"teichaku", "定着支援", {"https://example.cybozu.com/k/"}, {"bridge"}});
    config.facilities.push_back({"7", "room1", "相談室"});
    config.clock = [] { return *cybozu::parseRfc3339(kFixedNow); };
    configure(config);
  }

  void configure(GaroonConfig config) {
    service_ = std::make_unique<GaroonService>(directory_, std::move(config));
  }

  Response call(const std::string& method, const std::string& path, const std::string& body = "",
                const std::string& login = "bridge") {
    return service_->handle(testing::makeRequest(method, path, body, login, "pw-" + login));
  }
  Response get(const std::string& path, std::vector<std::pair<std::string, std::string>> query,
               const std::string& login) {
    auto request = testing::makeRequest("GET", path, "", login, "pw-" + login);
    request.query = std::move(query);
    return service_->handle(request);
  }
  static std::string errorCode(const Response& response) {
    const auto json = testing::parse(response.body);
    return json.HasMember("error") ? json["error"]["errorCode"].GetString() : "";
  }

  std::shared_ptr<cybozu::UserDirectory> directory_;
  std::unique_ptr<GaroonService> service_;
};

}  // namespace teichaku::emulator::garoon
