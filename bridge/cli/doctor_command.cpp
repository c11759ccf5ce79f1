// `teichaku-bridge doctor`: the first-install check against the real services. It reads
// and never writes (the one exception, a test notice, only on request), and prints a
// Japanese checklist that says what to fix. The checks are in doctor_*_checks.cpp.
#include <ostream>

#include "cli/command_list.h"
#include "cli/config_loading.h"
#include "cli/doctor_checklist.h"
#include "cli/doctor_checks.h"
#include "log/log.h"
#include "log/setup.h"
#include "mapping/mapping.h"

namespace teichaku::cli {
namespace {

std::optional<mapping::Mapping> checkMapping(const config::Config& config, Checklist& list) {
  try {
    mapping::Mapping map = mapping::loadMapping(config.mappingFile);
    for (const auto& key : map.personalKeys()) {
      log::redactor()->addPersonalKey(key);
    }
    list.pass("マッピング " + config.mappingFile + " を読み込みました（アプリ " +
              std::to_string(map.apps.size()) + " 個）。");
    return map;
  } catch (const mapping::MappingError& e) {
    list.fail("マッピング " + config.mappingFile + " に誤りがあります: " + e.what(),
              "[bridge] mapping_file とその内容を直してください（teichaku-bridge check-config でも"
              "確かめられます）。");
    return std::nullopt;
  }
}

ExitCode runDoctor(Context& ctx) {
  const std::string path = ctx.args.value("config");
  Checklist list(ctx.out);
  ctx.out << "teichaku-bridge doctor — 導入時の点検（データは変更しません）\n";
  list.section("設定");
  // Secrets are checked below, one checklist line each, instead of stopping the load.
  config::LoadOptions options = loadOptionsFor(path);
  options.checkSecrets = false;
  config::LoadResult loaded = config::loadConfig(path, options);
  if (!loaded.ok()) {
    list.fail("設定ファイル " + path + " を読み込めません（" +
                  std::to_string(loaded.errors.size()) + " 件の誤り）。",
              "次の各行を直してから、もう一度 doctor を実行してください。");
    for (const auto& error : loaded.errors) {
      ctx.out << "    " << error.format() << '\n';
    }
    list.printSummary();
    log::error("CONFIG_INVALID", {{"file", path}, {"errors", loaded.errors.size()}});
    return ExitCode::kConfigError;
  }
  const config::Config& config = *loaded.config;
  log::configureLogging(config.logging, log::redactor());
  list.pass("設定ファイル " + config.file + " を読み込みました。");
  std::optional<mapping::Mapping> map = checkMapping(config, list);

  std::set<std::string> usableApps = checkLocalFiles(config, list);
  checkKintoneApps(config, map ? &*map : nullptr, usableApps, list);
  checkGaroon(config, ctx.args.value("notify-operator"), list);
  checkCybozu(config, list);
  checkTls(config, list);
  list.printSummary();
  log::notice("DOCTOR_FINISHED", {{"passed", list.passed()},
                                  {"failed", list.failed()},
                                  {"unreachable", list.unreachableCount()}});
  return list.exitCode();
}

}  // namespace

Command doctorCommand() {
  return {
      "doctor",
      "導入時に接続・権限・アプリ設定を点検します（データは変更しません）",
      "doctor --config FILE [--notify-operator LOGIN]",
      "設定ファイル、データフォルダと鍵ファイルの権限、kintone の各アプリ（API トークン、\n"
      "レコード閲覧の権限、マッピングとフォームの照合）、Garoon（ログイン、外部通知コード）、\n"
      "cybozu.com User API、TLS を順に確かめ、✔（合格）✘（要対処）！（参考）で示します。\n"
      "kintone と User API は読むだけで、何も書き込みません。--notify-operator を付けたときだけ、\n"
      "その人に Garoon の試験通知を 1 件送ります（唯一の書き込み）。\n"
      "終了コード: 0 すべて合格 / 4 直すべき項目あり / 3 接続できないサービスあり /\n"
      "2 設定ファイルを読み込めない。",
      {{"config", "FILE", true, false, "設定ファイル（TOML）"},
       {"notify-operator", "LOGIN", false, false,
        "この Garoon ログイン名の人に試験通知を 1 件送る"}},
      runDoctor};
}

}  // namespace teichaku::cli
