// `outbox list|retry|drop`: what an operator needs when the deliverer has parked an
// action (reliability.md §1.7). Payloads are never shown: they are sealed and may name
// people. Retry and drop are written to the audit log with actor "operator".
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "cli/command_list.h"
#include "cli/config_loading.h"
#include "log/log.h"
#include "store/mirror_store.h"
#include "sync/sync_command.h"

namespace teichaku::cli {
namespace {

constexpr std::int64_t kJstOffsetSeconds = 9 * 60 * 60;  // Japan has no daylight saving

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string jstTime(std::int64_t unixMs) {
  std::time_t seconds = static_cast<std::time_t>(unixMs / 1000 + kJstOffsetSeconds);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M", &tm);
  return buffer;
}

const char* stateLabel(store::OutboxState state) {
  switch (state) {
    case store::OutboxState::kPending:
      return "送信待ち";
    case store::OutboxState::kInFlight:
      return "送信中";
    case store::OutboxState::kDone:
      return "送信済み";
    case store::OutboxState::kParked:
      return "保留";
    case store::OutboxState::kDropped:
      return "取り消し";
  }
  return "";
}

// Columns are padded by display width. Hand-written instead of wcwidth(3), which
// depends on the process locale (a service often runs with LANG=C): CJK, kana and
// full-width forms take two columns, everything else one.
std::size_t displayWidth(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::uint32_t code = lead;
    std::size_t length = 1;
    if (lead >= 0xF0) {
      code = lead & 0x07u;
      length = 4;
    } else if (lead >= 0xE0) {
      code = lead & 0x0Fu;
      length = 3;
    } else if (lead >= 0xC0) {
      code = lead & 0x1Fu;
      length = 2;
    }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    }
    const bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
                      (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                      (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
                      (code >= 0xFFE0 && code <= 0xFFE6) || code >= 0x20000;
    width += wide ? 2 : 1;
    i += length;
  }
  return width;
}

void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], displayWidth(row[c]));
    }
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) {
        line.append(widths[c] - displayWidth(row[c]) + 2, ' ');
      }
    }
    out << line << '\n';
  }
}

std::vector<std::string> rowOf(const store::OutboxItem& item) {
  const bool scheduled = item.state == store::OutboxState::kPending;
  return {std::to_string(item.id),
          item.key,
          item.kind,
          std::string(stateLabel(item.state)) + "(" + store::toString(item.state) + ")",
          std::to_string(item.attempts),
          scheduled ? jstTime(item.nextAttemptAt) : "-",
          item.lastError.empty() ? "-" : item.lastError};
}

// A decimal number in [min, max]; nullopt otherwise.
std::optional<std::int64_t> parseNumber(const std::string& text, std::int64_t min,
                                        std::int64_t max) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const std::int64_t value = std::stoll(text);
  if (value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

// What every outbox command opens: the configuration and the mirror. Prints the reason
// and returns the exit code when it cannot.
struct OutboxSession {
  std::optional<config::Config> config;
  std::unique_ptr<store::MirrorStore> store;
};

std::optional<ExitCode> openSession(Context& ctx, OutboxSession& session) {
  session.config = loadForCommand(ctx.args.value("config"), ctx.err);
  if (!session.config) {
    return ExitCode::kConfigError;
  }
  try {
    session.store = sync::openMirror(*session.config);
  } catch (const std::exception& e) {
    ctx.err << "エラー: ミラーDBを開けません: " << e.what() << '\n';
    return ExitCode::kRuntimeFailure;
  }
  return std::nullopt;
}

std::optional<std::int64_t> idArgument(Context& ctx) {
  auto id = parseNumber(ctx.args.value("id"), 1, INT64_MAX);
  if (!id) {
    ctx.err
        << "エラー: --id には outbox list に表示された番号（1 以上の整数）を指定してください。\n";
  }
  return id;
}

void describeItem(std::ostream& out, const store::OutboxItem& item) {
  out << "ID " << item.id << "（種類 " << item.kind << "、キー " << item.key << "、状態 "
      << stateLabel(item.state) << "、試行 " << item.attempts << " 回）";
}

ExitCode runList(Context& ctx) {
  std::optional<store::OutboxState> state;
  if (ctx.args.has("state")) {
    state = store::parseOutboxState(ctx.args.value("state"));
    if (!state) {
      ctx.err << "エラー: --state は pending、in_flight、done、parked、dropped のどれかです。\n";
      return ExitCode::kConfigError;
    }
  }
  auto limit = parseNumber(ctx.args.value("limit", "100"), 1, 100000);
  if (!limit) {
    ctx.err << "エラー: --limit は 1 から 100000 までの整数です。\n";
    return ExitCode::kConfigError;
  }
  OutboxSession session;
  if (auto failed = openSession(ctx, session)) {
    return *failed;
  }
  std::vector<store::OutboxItem> items;
  try {
    items = session.store->listOutbox(state, *limit);
  } catch (const std::exception& e) {
    ctx.err << "エラー: 送信の一覧を読めません: " << e.what() << '\n';
    return ExitCode::kRuntimeFailure;
  }
  if (items.empty()) {
    ctx.out << "該当する送信はありません。\n";
    return ExitCode::kOk;
  }
  std::vector<std::vector<std::string>> rows{
      {"ID", "キー", "種類", "状態", "試行", "次回試行(JST)", "最後のエラー"}};
  std::size_t parked = 0;
  for (const auto& item : items) {
    rows.push_back(rowOf(item));
    parked += item.state == store::OutboxState::kParked ? 1 : 0;
  }
  printTable(ctx.out, rows);
  ctx.out << items.size() << " 件を表示しました。";
  if (static_cast<std::int64_t>(items.size()) == *limit) {
    ctx.out << "（--limit " << *limit << " で打ち切り）";
  }
  ctx.out << '\n';
  if (parked > 0) {
    ctx.out << "保留の送信は原因を直してから outbox retry --id N で再送するか、"
               "outbox drop --id N で取り消してください（docs/operations.md）。\n";
  }
  return ExitCode::kOk;
}

ExitCode runRetry(Context& ctx) {
  auto id = idArgument(ctx);
  if (!id) {
    return ExitCode::kConfigError;
  }
  OutboxSession session;
  if (auto failed = openSession(ctx, session)) {
    return *failed;
  }
  try {
    auto item = session.store->outboxItem(*id);
    if (!item) {
      ctx.err << "エラー: ID " << *id << " の送信はありません。\n";
      return ExitCode::kConfigError;
    }
    if (item->state != store::OutboxState::kParked) {
      ctx.err << "エラー: ";
      describeItem(ctx.err, *item);
      ctx.err << "は保留ではないため再送できません。再送できるのは保留（parked）の送信だけです。\n";
      return ExitCode::kConfigError;
    }
    audit::AuditLog audit(*session.store, session.config->store.auditHeadFile);
    store::Transaction transaction(*session.store);
    if (!session.store->requeue(*id, nowMs())) {
      ctx.err << "エラー: ID " << *id << " の状態が変わったため再送しませんでした。outbox list "
              << "で確かめてください。\n";
      return ExitCode::kConfigError;
    }
    audit.append({"operator",
                  "outbox.retry",
                  "",
                  {},
                  {},
                  "id=" + std::to_string(*id) + " kind=" + item->kind + " key=" + item->key});
    transaction.commit();
    log::notice("OUTBOX_REQUEUED", {{"id", *id}, {"kind", item->kind}});
    ctx.out << "ID " << *id
            << " を送信待ちに戻しました。デーモンが次の配送で送ります（試行回数は 0 から）。\n";
    return ExitCode::kOk;
  } catch (const std::exception& e) {
    ctx.err << "エラー: 再送の登録に失敗しました: " << e.what() << '\n';
    return ExitCode::kRuntimeFailure;
  }
}

bool confirmed(Context& ctx, const store::OutboxItem& item) {
  if (ctx.args.has("yes")) {
    return true;
  }
  describeItem(ctx.out, item);
  ctx.out << "を取り消します。取り消した送信は二度と送られません。よろしいですか？ [y/N]: ";
  ctx.out.flush();
  std::string answer;
  if (!std::getline(std::cin, answer)) {
    ctx.out << '\n';
    return false;
  }
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES";
}

ExitCode runDrop(Context& ctx) {
  auto id = idArgument(ctx);
  if (!id) {
    return ExitCode::kConfigError;
  }
  OutboxSession session;
  if (auto failed = openSession(ctx, session)) {
    return *failed;
  }
  try {
    auto item = session.store->outboxItem(*id);
    if (!item) {
      ctx.err << "エラー: ID " << *id << " の送信はありません。\n";
      return ExitCode::kConfigError;
    }
    if (item->state != store::OutboxState::kParked && item->state != store::OutboxState::kPending) {
      ctx.err << "エラー: ";
      describeItem(ctx.err, *item);
      ctx.err << "は取り消せません。取り消せるのは保留（parked）と送信待ち（pending）だけです。\n";
      return ExitCode::kConfigError;
    }
    if (!confirmed(ctx, *item)) {
      ctx.out << "取り消しを中止しました（何も変更していません）。\n";
      return ExitCode::kRuntimeFailure;
    }
    audit::AuditLog audit(*session.store, session.config->store.auditHeadFile);
    store::Transaction transaction(*session.store);
    if (!session.store->dropOutbox(*id)) {
      ctx.err << "エラー: ID " << *id << " の状態が変わったため取り消しませんでした。outbox list "
              << "で確かめてください。\n";
      return ExitCode::kConfigError;
    }
    audit.append({"operator",
                  "outbox.drop",
                  "",
                  {},
                  {},
                  "id=" + std::to_string(*id) + " kind=" + item->kind + " key=" + item->key});
    transaction.commit();
    log::notice("OUTBOX_DROPPED", {{"id", *id}, {"kind", item->kind}});
    ctx.out << "ID " << *id
            << " を取り消しました。この送信は送られません（監査ログに記録しました）。\n";
    return ExitCode::kOk;
  } catch (const std::exception& e) {
    ctx.err << "エラー: 取り消しに失敗しました: " << e.what() << '\n';
    return ExitCode::kRuntimeFailure;
  }
}

const OptionSpec kConfigOption{"config", "FILE", true, false, "設定ファイル（TOML）"};
const OptionSpec kIdOption{"id", "N", true, false, "outbox list に表示された ID"};

}  // namespace

Command outboxListCommand() {
  return {"outbox list",
          "送信待ち・保留中の送信を一覧表示します",
          "outbox list --config FILE [--state STATE] [--limit N]",
          "Garoon 通知・予定、kintone への書き戻しなど、送信予定の操作を ID 順に表示します。\n"
          "内容（ペイロード）は暗号化されており、個人を特定しうるため表示しません。\n"
          "状態: pending 送信待ち / in_flight 送信中 / done 送信済み / parked 保留（失敗が続き\n"
          "人の確認を待っています）/ dropped 取り消し。",
          {kConfigOption,
           {"state", "STATE", false, false,
            "この状態だけを表示（pending|in_flight|done|parked|dropped）"},
           {"limit", "N", false, false, "表示する最大件数（既定 100）"}},
          runList};
}

Command outboxRetryCommand() {
  return {"outbox retry",
          "保留された送信をもう一度送信待ちに戻します",
          "outbox retry --config FILE --id N",
          "保留（parked）の送信を送信待ちに戻し、試行回数を 0 にします。原因（権限、外部通知の\n"
          "設定など）を直してから実行してください。監査ログに記録します。",
          {kConfigOption, kIdOption},
          runRetry};
}

Command outboxDropCommand() {
  return {"outbox drop",
          "保留された送信を取り消します",
          "outbox drop --config FILE --id N [--yes]",
          "保留（parked）または送信待ち（pending）の送信を取り消します。取り消した送信は二度と\n"
          "送られず、同じ操作が改めて登録されることもありません。確認を求めます（--yes で省略）。\n"
          "監査ログに記録します。",
          {kConfigOption, kIdOption, {"yes", "", false, false, "確認せずに取り消す"}},
          runDrop};
}

}  // namespace teichaku::cli
