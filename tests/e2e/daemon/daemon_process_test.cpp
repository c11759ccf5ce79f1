#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/command.h"
#include "core/emulator.h"
#include "core/http_server.h"
#include "support/temp_dir.h"

// `teichaku-bridge run` as systemd runs it: a separate process, signals from outside.
namespace teichaku::cli {
namespace {

using namespace std::chrono_literals;

const char* const kApps[] = {"cases", "support_records", "tasks", "shares", "staff", "reports"};

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::uint16_t freePort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  return socket.address().port();
}

// GET http://127.0.0.1:port/path; -1 when nothing answers.
int httpGet(std::uint16_t port, const std::string& path, std::string* body = nullptr) {
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(2, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::stringstream text;
    text << in.rdbuf();
    if (body != nullptr) {
      *body = text.str();
    }
    return static_cast<int>(response.getStatus());
  } catch (const Poco::Exception&) {
    return -1;
  }
}

// The build folder: TEICHAKU_BINARY_DIR when ctest passes it, else the folder above this
// test executable (tests are built into <build>/tests/).
std::string binaryDir() {
  if (const char* dir = std::getenv("TEICHAKU_BINARY_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return std::filesystem::canonical("/proc/self/exe").parent_path().parent_path().string();
}

// A child process running the real binary, stdout and stderr to files.
class BridgeProcess {
 public:
  BridgeProcess(const std::string& config, const std::string& outFile, const std::string& errFile) {
    const std::string binary = binaryDir() + "/bin/teichaku-bridge";
    pid_ = ::fork();
    if (pid_ == 0) {
      const int out = ::open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(out, 1);
      ::dup2(err, 2);
      ::execl(binary.c_str(), binary.c_str(), "run", "--config", config.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~BridgeProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  pid_t pid() const { return pid_; }
  void signal(int sig) const { ::kill(pid_, sig); }
  bool alive() {
    if (exited_) {
      return false;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      status_ = status;
      return false;
    }
    return true;
  }
  // The exit code, or -1 when it did not exit normally within `timeout`.
  int waitExit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (alive() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(20ms);
    }
    if (!exited_) {
      return -1;
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = 0;
};

template <typename Predicate>
bool eventually(Predicate p, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (p()) {
      return true;
    }
    std::this_thread::sleep_for(50ms);
  }
  return p();
}

class DaemonProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator::EmulatorOptions options;
    options.adminPassword = "admin-pass-for-tests";
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
    server_ = std::make_unique<emulator::HttpServer>(*emulator_, emulator::ServerOptions{});
    server_->start();
    dir.write("admin-password", "admin-pass-for-tests");
    dir.write("webhook-secret", "0123456789abcdef0123456789abcdef");
    for (const char* app : kApps) {
      dir.write(std::string("token-") + app, std::string("tok-") + app + "-0123456789");
    }
    port_ = freePort();
    configPath_ = dir.write("bridge.toml", config(""), 0644);
  }
  void TearDown() override { server_->stop(); }

  std::string config(const std::string& extra) const {
    std::ostringstream c;
    const std::string root = std::getenv("TEICHAKU_SOURCE_DIR");
    c << "[bridge]\ndata_dir = \"" << dir.path().string() << "/data\"\n"
      << "mapping_file = \"" << root << "/mappings/raito-plus.toml\"\n"
      << "[kintone]\nbase_url = \"" << server_->baseUrl() << "\"\n"
      << "admin_login = \"Administrator\"\nadmin_password_file = \"admin-password\"\n";
    for (int i = 0; i < 6; ++i) {
      c << "[kintone.apps." << kApps[i] << "]\napp_id = " << 101 + i
        << "\napi_token_file = \"token-" << kApps[i] << "\"\n";
    }
    c << "[store]\nkey_file = \"mirror.keys\"\n"
      << "[server]\nlisten = \"127.0.0.1:" << port_
      << "\"\nwebhook_secret_file = \"webhook-secret\"\n"
      << "[logging]\nconsole = false\nfile = \"" << logPath() << "\"\n"
      << extra;
    return c.str();
  }

  std::string logPath() const { return (dir.path() / "bridge.log").string(); }

  int run(std::vector<std::string> argv) {
    std::ostringstream out;
    std::ostringstream err;
    int code = dispatch(argv, out, err);
    EXPECT_EQ(code, 0) << err.str();
    return code;
  }

  testing::TempDir dir;
  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<emulator::HttpServer> server_;
  std::uint16_t port_ = 0;
  std::string configPath_;
};

TEST_F(DaemonProcessTest, ReadyReloadRefusedThenAppliedSecondInstanceRefusedStopsOnSigterm) {
  const std::string root = std::getenv("TEICHAKU_SOURCE_DIR");
  ASSERT_EQ(run({"key", "init", "--config", configPath_}), 0);
  ASSERT_EQ(
      run({"apps", "deploy", "--config", configPath_, "--apps", root + "/samples/apps/apps.toml"}),
      0);
  ASSERT_EQ(run({"samples", "seed", "--config", configPath_, "--cases", "6", "--seed", "3"}), 0);
  ASSERT_EQ(run({"sync", "--config", configPath_, "--full"}), 0);

  const std::string out1 = (dir.path() / "run1.out").string();
  const std::string err1 = (dir.path() / "run1.err").string();
  BridgeProcess bridge(configPath_, out1, err1);
  ASSERT_TRUE(eventually([&] { return httpGet(port_, "/readyz") == 200; }, 30s))
      << readFile(err1) << readFile(logPath());
  EXPECT_EQ(httpGet(port_, "/healthz"), 200);
  std::string metrics;
  ASSERT_TRUE(eventually(
      [&] {
        return httpGet(port_, "/metrics", &metrics) == 200 &&
               metrics.find("teichaku_sync_lag_seconds{app=\"cases\"}") != std::string::npos;
      },
      30s))
      << metrics;
  EXPECT_NE(metrics.find("teichaku_outbox_items{state=\"pending\"} 0"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("teichaku_kintone_requests_today{app=\"cases\"}"), std::string::npos);
  EXPECT_NE(readFile(out1).find("起動しました"), std::string::npos);

  // A second `run` on the same data folder: refused, exit 4, names the lock and the pid.
  {
    const std::string err2 = (dir.path() / "run2.err").string();
    BridgeProcess second(configPath_, (dir.path() / "run2.out").string(), err2);
    EXPECT_EQ(second.waitExit(20s), 4);
    const std::string message = readFile(err2);
    EXPECT_NE(message.find("pid " + std::to_string(bridge.pid())), std::string::npos) << message;
    EXPECT_NE(message.find(dir.path().string() + "/data/teichaku-bridge.lock"), std::string::npos)
        << message;
  }
  EXPECT_TRUE(bridge.alive());

  // SIGHUP with an invalid file: refused, still running and ready with the old one.
  dir.write("bridge.toml", config("[schedule]\nincremental_poll_minutes = 0\n"), 0644);
  bridge.signal(SIGHUP);
  ASSERT_TRUE(eventually(
      [&] { return readFile(logPath()).find("CONFIG_RELOAD_REFUSED") != std::string::npos; }, 10s))
      << readFile(logPath());
  const std::string refused = readFile(logPath());
  EXPECT_NE(refused.find("key=schedule.incremental_poll_minutes"), std::string::npos) << refused;
  EXPECT_TRUE(bridge.alive());
  EXPECT_EQ(httpGet(port_, "/readyz"), 200);

  // SIGHUP with a valid file: applied.
  dir.write("bridge.toml", config("[rules]\ndigest_hour_jst = 7\n"), 0644);
  bridge.signal(SIGHUP);
  ASSERT_TRUE(eventually(
      [&] { return readFile(logPath()).find("CONFIG_RELOADED") != std::string::npos; }, 10s))
      << readFile(logPath());
  EXPECT_TRUE(bridge.alive());

  // SIGTERM: stops within a few seconds with exit code 0.
  const auto before = std::chrono::steady_clock::now();
  bridge.signal(SIGTERM);
  EXPECT_EQ(bridge.waitExit(10s), 0) << readFile(err1);
  EXPECT_LT(std::chrono::steady_clock::now() - before, 5s);
  EXPECT_NE(readFile(logPath()).find("BRIDGE_STOPPED"), std::string::npos);
  EXPECT_EQ(httpGet(port_, "/healthz"), -1) << "the listener is closed";
}

}  // namespace
}  // namespace teichaku::cli
