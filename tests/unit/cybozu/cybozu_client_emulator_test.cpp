#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <set>
#include <vector>

#include "cybozu/cybozu_user_client.h"
#include "emulator/cybozu/cybozu_user_service.h"
#include "emulator/cybozu/user_directory.h"
#include "service_server.h"

// The User API client against the emulator's CybozuUserService (tests/emulator/cybozu) on a
// loopback socket: 500 users across 48 organizations, as a council-sized tenant.
namespace teichaku::cybozu {
namespace {

namespace emu = teichaku::emulator;

std::string numbered(const char* prefix, int n) {
  char text[32];
  std::snprintf(text, sizeof text, "%s%04d", prefix, n);
  return text;
}

class CybozuClientEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emu::cybozu::DirectoryOptions options;
    options.adminPassword = "cybozu";
    directory_ = std::make_shared<emu::cybozu::UserDirectory>(options);
    service_ = std::make_unique<emu::cybozu::CybozuUserService>(directory_);
    server_ = std::make_unique<garoon::testing::ServiceServer>(
        std::vector<emu::Service*>{service_.get()});
  }

  std::unique_ptr<CybozuUserClient> client(const std::string& login = "Administrator",
                                           const std::string& password = "cybozu") {
    CybozuClientConfig config;
    config.baseUrl = server_->baseUrl();
    config.admin = {login, password};
    config.retry.base = std::chrono::milliseconds(1);
    return std::make_unique<CybozuUserClient>(
        config, [] { return 0.5; },
        [this](std::chrono::milliseconds delay) { sleeps_.push_back(delay); });
  }

  std::size_t changesNamed(const std::string& action) const {
    const auto changes = directory_->changes();
    return static_cast<std::size_t>(std::count_if(
        changes.begin(), changes.end(), [&](const auto& c) { return c.action == action; }));
  }

  // 48 organizations org-0000..org-0047 and 500 users u0000..u0499, user i in org i % 48.
  void seedTenant(CybozuUserClient& admin) {
    std::vector<OrganizationInput> organizations;
    for (int i = 0; i < 48; ++i) {
      organizations.push_back({numbered("org-", i), "センター" + std::to_string(i), {}, ""});
    }
    ASSERT_TRUE(admin.addOrganizations(organizations).outcome.isOk());
    std::vector<UserInput> users;
    std::vector<UserOrganizations> memberships;
    for (int i = 0; i < 500; ++i) {
      UserInput user;
      user.code = numbered("u", i);
      user.password = "Pass-" + std::to_string(i) + "-x";
      user.name = "職員" + std::to_string(i);
      users.push_back(user);
      memberships.push_back({user.code, {{numbered("org-", i % 48), ""}}});
    }
    const BatchResult added = admin.addUsers(users);
    ASSERT_TRUE(added.outcome.isOk()) << added.outcome.message();
    EXPECT_EQ(added.itemsDone, 500u);
    const BatchResult placed = admin.setUserOrganizations(memberships);
    ASSERT_TRUE(placed.outcome.isOk()) << placed.outcome.message();
  }

  std::shared_ptr<emu::cybozu::UserDirectory> directory_;
  std::unique_ptr<emu::cybozu::CybozuUserService> service_;
  std::unique_ptr<garoon::testing::ServiceServer> server_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

// B2: at most 100 items per write, size 1–100 per read.
TEST_F(CybozuClientEmulatorTest, FiveHundredUsersInBatchesReadBackInPages) {
  auto admin = client();
  seedTenant(*admin);
  EXPECT_EQ(changesNamed("users.add"), 5u);
  EXPECT_EQ(changesNamed("userOrganizations.replace"), 5u);

  const int before = server_->requestsSeen();
  const auto all = admin->getUsers();
  ASSERT_TRUE(all.outcome.isOk()) << all.outcome.message();
  ASSERT_EQ(all.value.size(), 501u);               // and the built-in Administrator
  EXPECT_EQ(server_->requestsSeen() - before, 6);  // five full pages and one of 1
  std::set<std::string> codes;
  for (const auto& user : all.value) {
    codes.insert(user.code);
  }
  EXPECT_EQ(codes.size(), 501u);
  EXPECT_TRUE(codes.count("u0499"));

  // Users 0, 48, ..., 480 are in org-0000: 11 of them.
  const auto members = admin->getOrganizationUsers("org-0000");
  ASSERT_TRUE(members.outcome.isOk()) << members.outcome.message();
  EXPECT_EQ(members.value.size(), 11u);
  const auto organizations = admin->getOrganizations();
  ASSERT_TRUE(organizations.outcome.isOk());
  EXPECT_EQ(organizations.value.size(), 48u);

  // 150 codes ask in two calls of at most 100 codes.
  std::vector<std::string> wanted;
  for (int i = 100; i < 250; ++i) {
    wanted.push_back(numbered("u", i));
  }
  const auto some = admin->getUsers(wanted);
  ASSERT_TRUE(some.outcome.isOk());
  EXPECT_EQ(some.value.size(), 150u);
}

// B2 #7: userOrganizations.json replaces the user's whole list.
TEST_F(CybozuClientEmulatorTest, MovingAUserReplacesTheirOrganizations) {
  auto admin = client();
  seedTenant(*admin);
  const auto before = admin->getUserOrganizations("u0001");
  ASSERT_TRUE(before.outcome.isOk()) << before.outcome.message();
  ASSERT_EQ(before.value.size(), 1u);
  EXPECT_EQ(before.value[0].organization.code, "org-0001");

  ASSERT_TRUE(admin->setUserOrganizations({{"u0001", {{"org-0002", ""}}}}).outcome.isOk());
  const auto after = admin->getUserOrganizations("u0001");
  ASSERT_TRUE(after.outcome.isOk());
  ASSERT_EQ(after.value.size(), 1u);
  EXPECT_EQ(after.value[0].organization.code, "org-0002");
  EXPECT_EQ(admin->getOrganizationUsers("org-0001").value.size(), 10u);  // 11 at the start

  ASSERT_TRUE(admin->setUserOrganizations({{"u0001", {}}}).outcome.isOk());
  EXPECT_TRUE(admin->getUserOrganizations("u0001").value.empty());
}

// B2 #10, #11: services are replaced per user.
TEST_F(CybozuClientEmulatorTest, ServicesCodesAndDeletion) {
  auto admin = client();
  seedTenant(*admin);
  std::vector<UserServices> licences;
  for (int i = 0; i < 150; ++i) {
    licences.push_back({numbered("u", i), {"kintone", "garoon"}});
  }
  const BatchResult licensed = admin->setUserServices(licences);
  ASSERT_TRUE(licensed.outcome.isOk()) << licensed.outcome.message();
  EXPECT_EQ(licensed.itemsDone, 150u);
  ASSERT_TRUE(admin->setUserServices({{"u0007", {"kintone"}}}).outcome.isOk());
  const auto services = admin->getUserServices({"u0006", "u0007", "u0200"});
  ASSERT_TRUE(services.outcome.isOk()) << services.outcome.message();
  ASSERT_EQ(services.value.size(), 3u);
  std::map<std::string, std::set<std::string>> byCode;
  for (const auto& user : services.value) {
    byCode[user.code] = {user.services.begin(), user.services.end()};
  }
  EXPECT_EQ(byCode["u0006"], (std::set<std::string>{"garoon", "kintone"}));
  EXPECT_EQ(byCode["u0007"], (std::set<std::string>{"kintone"}));
  EXPECT_TRUE(byCode["u0200"].empty());
  EXPECT_EQ(admin->setUserServices({{"u0001", {"Garoon"}}}).outcome.messageId(),
            "CYBOZU_INVALID_ARGUMENT");

  ASSERT_TRUE(admin->changeUserCodes({{"u0002", "u0002-renamed"}}).outcome.isOk());
  EXPECT_EQ(admin->getUsers({"u0002-renamed"}).value.size(), 1u);

  std::vector<std::string> leaving;
  for (int i = 250; i < 500; ++i) {
    leaving.push_back(numbered("u", i));
  }
  const BatchResult deleted = admin->deleteUsers(leaving);
  ASSERT_TRUE(deleted.outcome.isOk()) << deleted.outcome.message();
  EXPECT_EQ(changesNamed("users.delete"), 3u);
  EXPECT_EQ(admin->getUsers().value.size(), 251u);
}

TEST_F(CybozuClientEmulatorTest, ErrorsKeepPasswordsOutAndCountDoneBatches) {
  auto admin = client();
  std::vector<UserInput> users;
  for (int i = 0; i < 150; ++i) {
    UserInput user;
    user.code = numbered("dup", i == 120 ? 5 : i);  // the second batch repeats dup0005
    user.password = "Canary-Secret-" + std::to_string(i);
    user.name = "n";
    users.push_back(user);
  }
  const BatchResult result = admin->addUsers(users);
  EXPECT_TRUE(result.outcome.isFail());
  EXPECT_EQ(result.itemsDone, 100u);
  EXPECT_EQ(result.errorCode, "CB_VA01");
  EXPECT_EQ(result.outcome.messageId(), "CYBOZU_VALIDATION_FAILED");
  EXPECT_EQ(result.outcome.message().find("Canary-Secret"), std::string::npos);

  const auto denied = client("dup0001", "Canary-Secret-1")->deleteUsers({"dup0002"});
  EXPECT_EQ(denied.outcome.messageId(), "CYBOZU_PERMISSION_DENIED");
  EXPECT_EQ(denied.errorCode, "CB_NO02");
  const auto wrong = client("Administrator", "Canary-Wrong")->getUsers();
  EXPECT_EQ(wrong.outcome.messageId(), "CYBOZU_AUTH_FAILED");
  EXPECT_EQ(wrong.outcome.message().find("Canary-Wrong"), std::string::npos);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(CybozuClientEmulatorTest, RetriesAfter503) {
  server_->failNext(1);
  const auto users = client()->getUsers();
  ASSERT_TRUE(users.outcome.isOk()) << users.outcome.message();
  EXPECT_EQ(users.value.size(), 1u);
  EXPECT_EQ(sleeps_.size(), 1u);
}

}  // namespace
}  // namespace teichaku::cybozu
