#include <ostream>

#include "cli/command_list.h"
#include "cli/config_loading.h"
#include "crypto/key_file.h"

namespace teichaku::cli {
namespace {

ExitCode runKeyInit(Context& ctx) {
  auto config = loadForCommand(ctx.args.value("config"), ctx.err);
  if (!config) {
    return ExitCode::kConfigError;
  }
  crypto::initKeyFile(config->store.keyFile);
  ctx.out << "暗号鍵ファイル " << config->store.keyFile << " を作成しました（権限 0600）。\n"
          << "この鍵がないとミラーを読めません。鍵ファイルのバックアップを、ミラーとは別の安全な場"
             "所に保管してください。\n";
  return ExitCode::kOk;
}

ExitCode runKeyRotate(Context& ctx) {
  auto config = loadForCommand(ctx.args.value("config"), ctx.err);
  if (!config) {
    return ExitCode::kConfigError;
  }
  auto id = crypto::rotateKeyFile(config->store.keyFile);
  ctx.out << "新しい暗号鍵（鍵番号 " << id << "）を追加し、以後の書き込みに使います。\n"
          << "古い鍵は読み出し用に残しています。バックアップを更新してください。\n";
  return ExitCode::kOk;
}

const OptionSpec kConfigOption{"config", "FILE", true, false, "設定ファイル（TOML）"};

}  // namespace

Command keyInitCommand() {
  return {"key init",
          "ミラーの暗号鍵ファイルを作成します",
          "key init --config FILE",
          "[store] key_file に、個人情報を暗号化する鍵（AES-256）を1つ作ります（権限 0600）。\n"
          "すでにファイルがあるときは上書きしません（上書きすると今のミラーが読めなくなるため）。",
          {kConfigOption},
          runKeyInit};
}

Command keyRotateCommand() {
  return {"key rotate",
          "新しい暗号鍵に切り替えます（古い鍵は読み出し用に残します）",
          "key rotate --config FILE",
          "鍵ファイルに新しい鍵を追加し、以後の書き込みに使います。既存のレコードは古い鍵で\n"
          "読めるまま残り、次に同期されたときに新しい鍵で暗号化し直されます。",
          {kConfigOption},
          runKeyRotate};
}

}  // namespace teichaku::cli
