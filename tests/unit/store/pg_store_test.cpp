#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>

#include "store_contract.h"

// The store contract against PostgreSQL. With TEICHAKU_TEST_PG unset, a throwaway
// cluster is started by tests/support/pg-cluster.sh for the whole run (ctest runs
// this executable as one test so that one cluster serves every case). Missing
// PostgreSQL binaries are a failure, not a skip: the HA engine must stay tested.
namespace teichaku::store::testing {
namespace {

std::string g_base;

std::string sourceDir() {
  const char* dir = std::getenv("TEICHAKU_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

class PostgresCluster : public ::testing::Environment {
 public:
  void SetUp() override {
    Poco::Data::PostgreSQL::Connector::registerConnector();
    if (const char* given = std::getenv("TEICHAKU_TEST_PG"); given != nullptr && *given != '\0') {
      g_base = given;
      return;
    }
    ASSERT_TRUE(std::filesystem::exists("/usr/lib/postgresql/15/bin/initdb"))
        << "PostgreSQL server binaries are missing (/usr/lib/postgresql/15/bin). Install "
           "postgresql-15 (tests/run.sh does) or set TEICHAKU_TEST_PG to a connection string.";
    char pattern[] = "/tmp/tpg-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    script_ = sourceDir() + "/tests/support/pg-cluster.sh";
    std::FILE* out = ::popen((script_ + " start " + dir_).c_str(), "r");
    ASSERT_NE(out, nullptr);
    char line[512] = {};
    std::string text;
    while (std::fgets(line, sizeof line, out) != nullptr)
      text += line;
    const int status = ::pclose(out);
    ASSERT_EQ(status, 0) << "pg-cluster.sh start failed; see " << dir_ << "/initdb.log and " << dir_
                         << "/server.log";
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
      text.pop_back();
    ASSERT_FALSE(text.empty());
    g_base = text;
  }

  void TearDown() override {
    if (dir_.empty())
      return;
    const int status = std::system((script_ + " stop " + dir_).c_str());
    EXPECT_EQ(status, 0) << "pg-cluster.sh stop failed for " << dir_;
    std::filesystem::remove_all(dir_);
  }

 private:
  std::string dir_;
  std::string script_;
};

const auto* const g_cluster = ::testing::AddGlobalTestEnvironment(new PostgresCluster);

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, StoreContract, PostgresEngine);

}  // namespace

const std::string& postgresBase() {
  if (g_base.empty())
    throw std::runtime_error("no PostgreSQL test server");
  return g_base;
}

PostgresEngine::PostgresEngine() {
  static std::atomic<int> counter{0};
  database_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  Poco::Data::Session admin("postgresql", postgresBase() + " dbname=postgres");
  admin << "CREATE DATABASE " + database_, now;
}

PostgresEngine::~PostgresEngine() {
  Poco::Data::Session admin("postgresql", postgresBase() + " dbname=postgres");
  admin << "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)", now;
}

}  // namespace teichaku::store::testing
