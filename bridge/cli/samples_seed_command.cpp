#include <ostream>

#include "cli/command_list.h"
#include "cli/config_loading.h"
#include "cli/seed_uploader.h"
#include "cli/service_clients.h"
#include "log/log.h"

namespace teichaku::cli {
namespace {

bool parseCount(const std::string& text, std::uint64_t& out) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  out = std::stoull(text);
  return true;
}

ExitCode runSamplesSeed(Context& ctx) {
  seed::SeedOptions options;
  std::uint64_t cases = 0;
  if (!parseCount(ctx.args.value("cases"), cases) || cases > 1000000) {
    ctx.err << "エラー: --cases には 0 から 1000000 までの整数を指定してください。\n";
    return ExitCode::kConfigError;
  }
  if (!parseCount(ctx.args.value("seed"), options.seed)) {
    ctx.err << "エラー: --seed には 0 以上の整数を指定してください。\n";
    return ExitCode::kConfigError;
  }
  options.cases = cases;
  if (ctx.args.has("canary")) {
    options.canary = ctx.args.value("canary");
  }
  auto config = loadForCommand(ctx.args.value("config"), ctx.err);
  if (!config) {
    return ExitCode::kConfigError;
  }
  auto client = makeKintoneClient(*config, KintoneCredentials::kApiTokens);
  std::array<std::string, seed::kAllApps.size()> ids;
  for (seed::App app : seed::kAllApps) {
    const std::string name(seed::appKey(app));
    ids[static_cast<std::size_t>(app)] = appId(*config, name);
    if (ctx.args.has("append")) {
      continue;
    }
    auto existing = client->getRecords(ids[static_cast<std::size_t>(app)], "limit 1", {"$id"});
    if (!existing.outcome.isOk()) {
      ctx.err << "エラー: アプリ " << name << " を読めません（" << existing.outcome.messageId()
              << ": " << existing.outcome.message() << "）。\n";
      return existing.outcome.isRetry() ? ExitCode::kRetryLater : ExitCode::kRuntimeFailure;
    }
    if (!existing.json["records"].Empty()) {
      ctx.err << "エラー: アプリ " << name << "（アプリID " << ids[static_cast<std::size_t>(app)]
              << "）にはすでにレコードがあります。本番のデータを壊さないよう、試験データは入れませ"
                 "ん。\n"
              << "試験用のアプリに追加してよいときだけ --append を付けてください。\n";
      return ExitCode::kNeedsOperator;
    }
  }
  SeedUploader uploader(*client, ids);
  Outcome outcome = Outcome::ok();
  seed::generateStream(options, [&](seed::App app, std::string_view json) {
    if (outcome.isOk()) {
      outcome = uploader.add(app, json);
    }
  });
  if (outcome.isOk()) {
    outcome = uploader.finish();
  }
  for (seed::App app : seed::kAllApps) {
    ctx.out << "  " << seed::appKey(app) << ": " << uploader.posted(app) << " 件\n";
  }
  if (!outcome.isOk()) {
    ctx.err << "エラー: 試験データの登録が途中で止まりました（" << outcome.messageId() << ": "
            << outcome.message() << "）。\n";
    return outcome.isRetry() ? ExitCode::kRetryLater : ExitCode::kRuntimeFailure;
  }
  ctx.out << "試験データ（架空の人物）を登録しました。seed=" << options.seed << "\n";
  log::info("SEED_DONE", {{"cases", static_cast<std::int64_t>(cases)},
                          {"seed", static_cast<std::int64_t>(options.seed)}});
  return ExitCode::kOk;
}

}  // namespace

Command samplesSeedCommand() {
  return {"samples seed",
          "試験用の架空データを kintone（またはエミュレーター）に登録します",
          "samples seed --config FILE --cases N --seed S [--canary NAME] [--append]",
          "48センターぶんの架空の対象者・支援記録・タスク・共有・職員名簿・月次報告を、\n"
          "同じ --seed なら毎回同じ内容で作って登録します。実在の人物のデータは使いません。\n"
          "--canary を付けると、一部の対象者の氏名をその文字列にします（個人情報が Garoon や\n"
          "ログに出ないことを確かめる試験用）。レコードがすでにあるアプリには、--append を\n"
          "付けない限り登録しません（終了コード 4）。",
          {{"config", "FILE", true, false, "設定ファイル（TOML）"},
           {"cases", "N", true, false, "作る対象者の数"},
           {"seed", "S", true, false, "乱数の種（同じ値なら同じデータ）"},
           {"canary", "NAME", false, false, "一部の対象者に使う目印の氏名"},
           {"append", "", false, false, "レコードのあるアプリにも追加する"}},
          runSamplesSeed};
}

}  // namespace teichaku::cli
