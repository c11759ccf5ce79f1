// `teichaku-bridge run --config FILE`: the daemon in the foreground (systemd Type=exec).
// The order matters: signals are blocked before any thread exists, the single-instance
// lock is taken before the store is opened (two daemons must never migrate or deliver at
// the same time), then the subsystems start (daemon::BridgeDaemon).
#include <chrono>
#include <csignal>
#include <filesystem>
#include <ostream>

#include "cli/command_list.h"
#include "cli/config_loading.h"
#include "cli/service_clients.h"
#include "cli/version.h"
#include "cybozu/cybozu_user_client.h"
#include "daemon/bridge_daemon.h"
#include "daemon/instance_lock.h"
#include "daemon/signal_waiter.h"
#include "garoon/garoon_client.h"
#include "log/log.h"
#include "log/setup.h"
#include "mapping/mapping.h"
#include "sync/sync_command.h"

namespace teichaku::cli {
namespace {

std::string readSecret(const config::SecretRef& ref) {
  std::string value = ref.read();
  log::redactor()->addSecret(value);
  return value;
}

kintone::TransportConfig transportFor(const config::Config& c) {
  kintone::TransportConfig t;
  if (!c.kintone.caFile.empty()) {
    t.caInfo = c.kintone.caFile;
  }
  if (!c.kintone.proxy.empty()) {
    t.proxy = c.kintone.proxy;
  }
  t.totalTimeout = std::chrono::seconds(c.kintone.requestTimeoutSeconds);
  return t;
}

daemon::ServiceFactory serviceFactory() {
  daemon::ServiceFactory f;
  f.openStore = [](const config::Config& c) { return sync::openMirror(c); };
  f.kintone = [](const config::Config& c) {
    return makeKintoneClient(c, KintoneCredentials::kApiTokens);
  };
  f.garoon = [](const config::Config& c) {
    garoon::GaroonClientConfig g;
    g.baseUrl = c.garoon.baseUrl;
    g.password = kintone::PasswordAuth{c.garoon.username, readSecret(c.garoon.password)};
    g.transport = transportFor(c);
    return std::make_unique<garoon::GaroonClient>(std::move(g));
  };
  f.cybozu = [](const config::Config& c) {
    cybozu::CybozuClientConfig z;
    z.baseUrl = c.cybozu.baseUrl;
    z.admin = kintone::PasswordAuth{c.cybozu.adminLogin, readSecret(c.cybozu.adminPassword)};
    z.transport = transportFor(c);
    return std::make_unique<cybozu::CybozuUserClient>(std::move(z));
  };
  f.webhookSecret = [](const config::Config& c) {
    return c.server.webhookSecret.present() ? readSecret(c.server.webhookSecret) : std::string();
  };
  f.loadConfig = [](const std::string& path) {
    return config::loadConfig(path, loadOptionsFor(path));
  };
  f.applyLogging = [](const config::Config& c) {
    log::configureLogging(c.logging, log::redactor());
  };
  return f;
}

// The data folder holds the lock, the mirror and the audit head: private to the service user.
bool ensureDataDir(const std::string& folder, std::ostream& err) {
  std::error_code error;
  if (!std::filesystem::exists(folder) && std::filesystem::create_directories(folder, error)) {
    std::filesystem::permissions(folder, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, error);
  }
  if (error) {
    err << "エラー: データフォルダ " << folder << " を作成できません（" << error.message()
        << "）。[bridge] data_dir と権限を確認してください。\n";
    return false;
  }
  return true;
}

std::int64_t systemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

ExitCode runDaemon(Context& ctx) {
  daemon::SignalWaiter signals;  // before any thread starts
  // A webhook sender or probe that hangs up early must not kill the daemon: writes then
  // fail with EPIPE, which the server handles.
  std::signal(SIGPIPE, SIG_IGN);
  const std::string path = ctx.args.value("config");
  auto config = loadForCommand(path, ctx.err);
  if (!config) {
    return ExitCode::kConfigError;
  }
  if (!ensureDataDir(config->dataDir, ctx.err)) {
    return ExitCode::kConfigError;
  }
  const std::string lockPath = daemon::lockPathFor(config->dataDir);
  pid_t holder = 0;
  auto lock = daemon::InstanceLock::acquire(lockPath, holder);
  if (!lock) {
    ctx.err << "エラー: このデータフォルダでは別の teichaku-bridge run"
            << (holder > 0 ? "（pid " + std::to_string(holder) + "）" : std::string())
            << " が動いています。ロックファイル: " << lockPath
            << "\n同じデータフォルダで二つ同時には動かせません。\n";
    log::error("DAEMON_ALREADY_RUNNING", {{"lock", lockPath}, {"pid", std::to_string(holder)}});
    return ExitCode::kNeedsOperator;
  }
  std::optional<mapping::Mapping> map;
  try {
    map = mapping::loadMapping(config->mappingFile);
  } catch (const mapping::MappingError& e) {
    ctx.err << e.what() << '\n';
    return ExitCode::kConfigError;
  }
  for (const auto& key : map->personalKeys()) {
    log::redactor()->addPersonalKey(key);
  }
  daemon::BridgeDaemon bridge(std::move(*config), std::move(*map), serviceFactory(), systemNowMs);
  try {
    bridge.start();
  } catch (const std::exception& e) {
    ctx.err << "エラー: 起動できませんでした（" << e.what() << "）。\n";
    log::error("DAEMON_START_FAILED", {{"reason", e.what()}});
    return ExitCode::kRuntimeFailure;
  }
  log::notice("BRIDGE_STARTED", {{"version", kVersion}, {"config", path}});
  ctx.out << "teichaku-bridge run: 起動しました（HTTP ポート " << bridge.port()
          << "）。SIGTERM で停止、SIGHUP で設定を読み直します。" << std::endl;
  for (;;) {
    const int signal = signals.wait();
    if (signal != SIGHUP) {
      break;
    }
    bridge.reload();
  }
  bridge.stop();
  log::notice("BRIDGE_STOPPED", {});
  return ExitCode::kOk;
}

}  // namespace

Command runCommand() {
  return {"run",
          "デーモンとして常駐し、Webhook・定期同期・通知を処理します",
          "run --config FILE",
          "ミラーの同期（差分同期・夜間の書き戻しと照合）、Webhook の受け付け、通知の規則、\n"
          "送信待ち（outbox）の配信、プラグインの定期実行を行います。HTTP では /healthz、\n"
          "/readyz、/metrics を返します。SIGTERM / SIGINT で処理中の分を終えて止まり\n"
          "（終了コード 0）、SIGHUP で設定ファイルを読み直します（誤りがあれば前の設定のまま）。\n"
          "同じデータフォルダで二つ目を起動すると終了コード 4 で止まります。\n"
          "詳しくは docs/daemon.md を見てください。",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"}},
          runDaemon};
}

}  // namespace teichaku::cli
