#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/emulator.h"
#include "core/http_server.h"
#include "cybozu/cybozu_user_client.h"
#include "support/temp_dir.h"

// A bridge configuration with [cybozu] and a provisioner_accounts instance, pointed at the
// in-process emulator (kintone + cybozu.com User API on a loopback port). Commands run
// through cli::dispatch() exactly as the secretariat types them.
namespace teichaku::accounts::testing {

struct CliRun {
  int code = 0;
  std::string out;
  std::string err;
};

struct Centre {
  std::string code;
  std::string name;
};

// One roster row; the CSV is written with the header of samples/rosters/staff-roster.csv
// plus 異動先センター.
struct Row {
  std::string login;
  std::string surName;
  std::string givenName;
  std::string email;
  std::string centre;
  std::string status = "在籍";
  std::string leaveDate;
  std::string destination;
};

// An active (在籍) row.
Row activeRow(const std::string& login, const std::string& surName, const std::string& givenName,
              const std::string& email, const std::string& centre);

// The 48 centres of samples/apps/centres.json.
const std::vector<Centre>& sampleCentres();

class AccountsFixture : public ::testing::Test {
 protected:
  static constexpr const char* kAdminPassword = "admin-pass-for-accounts";

  void SetUp() override;
  void TearDown() override;

  CliRun run(const std::vector<std::string>& argv);
  std::string rosterCsv(const std::vector<Row>& rows) const;
  std::string writeRoster(const std::string& name, const std::vector<Row>& rows);
  std::string path(const std::string& name) const { return (dir.path() / name).string(); }

  std::unique_ptr<cybozu::CybozuUserClient> client(const std::string& login,
                                                   const std::string& password) const;
  std::unique_ptr<cybozu::CybozuUserClient> admin() const {
    return client("Administrator", kAdminPassword);
  }
  // Signs in through the emulator's User API (GET users.json with the user's password).
  bool canLogIn(const std::string& login, const std::string& password) const;
  // login -> password from every *-passwords-*.csv file in `folder`.
  static std::map<std::string, std::string> readPasswordFiles(const std::string& folder,
                                                              const std::string& kind);
  // login -> organization code, from GET organization/users.json of every organization.
  std::map<std::string, std::string> organizationOfUsers() const;

  ::teichaku::testing::TempDir dir;
  std::string config;
  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<emulator::HttpServer> server_;
};

}  // namespace teichaku::accounts::testing
