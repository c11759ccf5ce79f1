// cybozu-emulator: kintone (and, when built in, Garoon and the cybozu.com User API) on a
// local port, for tests. Prints "ready <base URL>" as the first stdout line once accepting.
#include <Poco/Exception.h>

#include <csignal>
#include <iostream>
#include <stdexcept>
#include <string>

#include "common/exit_codes.h"
#include "common/secret_file.h"
#include "core/emulator.h"
#include "core/http_server.h"

namespace {

constexpr const char* kUsage =
    "使い方: cybozu-emulator --listen HOST:PORT (--admin-password PW | --admin-password-file "
    "FILE)\n"
    "                        [--config FILE.toml|FILE.json] [--state DIR]\n"
    "                        [--tls-cert FILE --tls-key FILE]\n";

struct Arguments {
  std::string listen = "127.0.0.1:0";
  std::string adminPassword;
  std::string config;
  std::string tlsCert;
  std::string tlsKey;
  std::string state;
};

Arguments parseArguments(int argc, char** argv) {
  Arguments args;
  for (int i = 1; i < argc; ++i) {
    std::string name = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        throw std::invalid_argument(name + " には値が必要です。");
      }
      return argv[++i];
    };
    if (name == "--listen") {
      args.listen = value();
    } else if (name == "--admin-password") {
      args.adminPassword = value();
    } else if (name == "--admin-password-file") {
      args.adminPassword = teichaku::readSecretFile(value());
    } else if (name == "--config") {
      args.config = value();
    } else if (name == "--tls-cert") {
      args.tlsCert = value();
    } else if (name == "--tls-key") {
      args.tlsKey = value();
    } else if (name == "--state") {
      args.state = value();
    } else {
      throw std::invalid_argument("不明なオプションです: " + name);
    }
  }
  if (args.adminPassword.empty()) {
    throw std::invalid_argument(
        "--admin-password または --admin-password-file を指定してください。");
  }
  if (args.tlsCert.empty() != args.tlsKey.empty()) {
    throw std::invalid_argument("--tls-cert と --tls-key は両方指定してください。");
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args;
  try {
    args = parseArguments(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n" << kUsage;
    return 2;
  }
  // Block the stop signals before any thread starts, then wait for one of them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  try {
    teichaku::emulator::EmulatorOptions options;
    options.adminPassword = args.adminPassword;
    if (!args.config.empty()) {
      options.configFiles.push_back(args.config);
    }
    options.stateDirectory = args.state;
    teichaku::emulator::Emulator emulator(options);
    teichaku::emulator::ServerOptions serverOptions;
    auto colon = args.listen.rfind(':');
    serverOptions.host = args.listen.substr(0, colon);
    serverOptions.port = static_cast<std::uint16_t>(std::stoi(args.listen.substr(colon + 1)));
    serverOptions.tlsCertFile = args.tlsCert;
    serverOptions.tlsKeyFile = args.tlsKey;
    teichaku::emulator::HttpServer server(emulator, serverOptions);
    server.start();
    std::cout << "ready " << server.baseUrl() << std::endl;
    int signal = 0;
    sigwait(&stopSignals, &signal);
    server.stop();
  } catch (const Poco::Exception& e) {
    std::cerr << "起動に失敗しました: " << e.displayText() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "起動に失敗しました: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
