#include "accounts_fixture.h"

#include <rapidjson/document.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/command.h"

namespace teichaku::accounts::testing {

void AccountsFixture::SetUp() {
  emulator::EmulatorOptions options;
  options.adminPassword = kAdminPassword;
  emulator_ = std::make_unique<emulator::Emulator>(options);
  rapidjson::Document seed;
  seed.Parse(
      R"({"apps":[{"id":101,"name":"cases","tokens":[{"token":"tok-cases-0123456789","permissions":["view"]}]}]})");
  emulator_->applyConfig(seed);
  server_ = std::make_unique<emulator::HttpServer>(*emulator_, emulator::ServerOptions{});
  server_->start();
  dir.write("admin-password", kAdminPassword);
  dir.write("token-cases", "tok-cases-0123456789");
  const std::string root = std::getenv("TEICHAKU_SOURCE_DIR");
  std::ostringstream c;
  c << "[bridge]\ndata_dir = \"" << dir.path().string() << "/data\"\n"
    << "mapping_file = \"" << root << "/mappings/raito-plus.toml\"\n"
    << "[kintone]\nbase_url = \"" << server_->baseUrl() << "\"\n"
    << "[kintone.apps.cases]\napp_id = 101\napi_token_file = \"token-cases\"\n"
    << "[cybozu]\nenabled = true\nbase_url = \"" << server_->baseUrl() << "\"\n"
    << "admin_login = \"Administrator\"\nadmin_password_file = \"admin-password\"\n"
    << "[store]\nkey_file = \"mirror.keys\"\n"
    << "[logging]\nconsole = false\nfile = \"" << dir.path().string() << "/bridge.log\"\n"
    << "[plugins]\ndirectory = \"" << TEICHAKU_PLUGIN_DIR << "\"\n"
    << "[plugins.accounts]\ntype = \"provisioner_accounts\"\n"
    << "centres_file = \"" << root << "/samples/apps/centres.json\"\n";
  config = dir.write("bridge.toml", c.str(), 0644);
  ASSERT_EQ(run({"key", "init", "--config", config}).code, 0);
}

void AccountsFixture::TearDown() {
  server_->stop();
}

CliRun AccountsFixture::run(const std::vector<std::string>& argv) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = cli::dispatch(argv, out, err);
  return {code, out.str(), err.str()};
}

std::string AccountsFixture::rosterCsv(const std::vector<Row>& rows) const {
  std::string text =
      "\xEF\xBB\xBFログイン名,姓,名,姓かな,名かな,メールアドレス,センターコード,所属センター,役職,在籍状況,"
      "着任日,離任日,異動先センター\r\n";
  for (const auto& r : rows) {
    text += r.login + "," + r.surName + "," + r.givenName + ",しょくいん,たろう," + r.email + "," +
            r.centre + ",,相談員," + r.status + ",2020-04-01," + r.leaveDate + "," + r.destination +
            "\r\n";
  }
  return text;
}

std::string AccountsFixture::writeRoster(const std::string& name, const std::vector<Row>& rows) {
  return dir.write(name, rosterCsv(rows));
}

Row activeRow(const std::string& login, const std::string& surName, const std::string& givenName,
              const std::string& email, const std::string& centre) {
  Row r;
  r.login = login;
  r.surName = surName;
  r.givenName = givenName;
  r.email = email;
  r.centre = centre;
  return r;
}

const std::vector<Centre>& sampleCentres() {
  static const std::vector<Centre> all = [] {
    std::ifstream in(std::string(std::getenv("TEICHAKU_SOURCE_DIR")) +
                     "/samples/apps/centres.json");
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc;
    doc.Parse(text.str().c_str());
    std::vector<Centre> out;
    for (const auto& c : doc["centres"].GetArray()) {
      out.push_back({c["code"].GetString(), c["name"].GetString()});
    }
    return out;
  }();
  return all;
}

std::unique_ptr<cybozu::CybozuUserClient> AccountsFixture::client(
    const std::string& login, const std::string& password) const {
  cybozu::CybozuClientConfig c;
  c.baseUrl = server_->baseUrl();
  c.admin = {login, password};
  c.retry.base = std::chrono::milliseconds(1);
  c.retry.maxAttempts = 2;
  return std::make_unique<cybozu::CybozuUserClient>(
      c, [] { return 0.5; }, [](std::chrono::milliseconds) {});
}

bool AccountsFixture::canLogIn(const std::string& login, const std::string& password) const {
  // GET users.json needs no privilege, only a valid sign-in (garoon-cybozu-api.md B1
  // "Required privilege"); a wrong password or a suspended user gets 401.
  return client(login, password)->getUsers({login}).outcome.isOk();
}

std::map<std::string, std::string> AccountsFixture::readPasswordFiles(const std::string& folder,
                                                                      const std::string& kind) {
  std::map<std::string, std::string> out;
  if (!std::filesystem::exists(folder)) {
    return out;
  }
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kind + "-passwords-", 0) != 0) {
      continue;
    }
    std::ifstream in(entry.path());
    std::string line;
    bool body = false;
    while (std::getline(in, line)) {
      if (line == "ログイン名,パスワード") {
        body = true;
      } else if (body && !line.empty()) {
        const auto comma = line.find(',');
        out[line.substr(0, comma)] = line.substr(comma + 1);
      }
    }
  }
  return out;
}

std::map<std::string, std::string> AccountsFixture::organizationOfUsers() const {
  std::map<std::string, std::string> out;
  auto a = admin();
  for (const auto& o : a->getOrganizations().value) {
    for (const auto& u : a->getOrganizationUsers(o.code).value) {
      out[u.code] = o.code;
    }
  }
  return out;
}

}  // namespace teichaku::accounts::testing
