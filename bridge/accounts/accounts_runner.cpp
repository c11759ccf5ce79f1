#include "accounts/accounts_runner.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <optional>

#include "accounts/cybozu_directory.h"
#include "accounts/directory_table.h"
#include "accounts/provisioner_session.h"
#include "common/exit_codes.h"
#include "log/log.h"

namespace teichaku::accounts {
namespace {

int code(ExitCode c) {
  return static_cast<int>(c);
}

std::string nowIso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// The administrator credential is read here and nowhere else; it goes to the log
// redactor before any request is sent.
std::optional<cybozu::CybozuClientConfig> clientConfig(const config::Config& config,
                                                       std::ostream& err) {
  const auto& c = config.cybozu;
  if (!c.enabled) {
    err << "アカウント管理には設定ファイルの [cybozu] に enabled = true、base_url、admin_login、"
           "admin_password_file（または admin_password_env）が必要です。\n";
    return std::nullopt;
  }
  cybozu::CybozuClientConfig out;
  out.baseUrl = c.baseUrl;
  try {
    out.admin = kintone::PasswordAuth{c.adminLogin, c.adminPassword.read()};
  } catch (const std::exception& e) {
    err << "エラー: " << e.what() << "\n";
    return std::nullopt;
  }
  log::redactor()->addSecret(out.admin.password);
  if (!config.kintone.caFile.empty()) {
    out.transport.caInfo = config.kintone.caFile;  // the same tenant's certificate chain
  }
  if (!config.kintone.proxy.empty()) {
    out.transport.proxy = config.kintone.proxy;
  }
  return out;
}

void auditChange(audit::AuditLog& audit, const DirectoryChange& change) {
  audit::AuditEntry entry;
  entry.actor = "accounts";
  entry.action = auditAction(change.action);
  entry.detail = (change.action == TB_DIRECTORY_CREATE_ORGANIZATION ? "organization=" : "login=") +
                 change.code;
  audit.append(entry);
}

int exitFor(const Outcome& outcome) {
  if (outcome.isOk()) {
    return code(ExitCode::kOk);
  }
  if (outcome.isRetry()) {
    return code(ExitCode::kRetryLater);
  }
  if (outcome.messageId() == "ACCOUNTS_PLAN_STALE") {
    return code(ExitCode::kNeedsOperator);
  }
  if (outcome.messageId().rfind("ACCOUNTS_ROSTER_", 0) == 0 ||
      outcome.messageId() == "ACCOUNTS_PLAN_UNREADABLE" ||
      outcome.messageId() == "ACCOUNTS_CENTRES_FILE" ||
      outcome.messageId() == "ACCOUNTS_BAD_SETTING" ||
      outcome.messageId().rfind("PLUGIN_", 0) == 0) {
    return code(ExitCode::kConfigError);  // nothing was changed
  }
  return code(ExitCode::kRuntimeFailure);
}

// Writes every password file of `book` into `directory`; audited by file name and count.
bool writePasswordFiles(const PasswordBook& book, const std::string& directory,
                        audit::AuditLog& audit, std::ostream& out, std::ostream& err) {
  bool ok = true;
  const std::string createdAt = nowIso();
  for (const auto& file : book.files()) {
    try {
      const std::string path = writePasswordFile(directory, file, createdAt);
      audit::AuditEntry entry;
      entry.actor = "accounts";
      entry.action = "password_file.write";
      entry.detail = std::filesystem::path(path).filename().string() +
                     " accounts=" + std::to_string(file.entries.size());
      audit.append(entry);
      out << "パスワードファイル: " << path << "（" << file.entries.size() << " 人、mode 0600）\n";
    } catch (const std::exception& e) {
      err << "エラー: " << e.what() << "\n";
      ok = false;
    }
  }
  return ok;
}

}  // namespace

int runAccountsPlan(const config::Config& config, audit::AuditLog& audit,
                    const AccountsOptions& options, std::ostream& out, std::ostream& err) {
  if (options.roster.empty() || options.plan.empty()) {
    err << "--roster に名簿ファイル、--out に計画ファイルを指定してください。\n";
    return code(ExitCode::kConfigError);
  }
  auto choice = chooseProvisioner(config, options.instance, err);
  auto client = clientConfig(config, err);
  if (!choice || !client) {
    return code(ExitCode::kConfigError);
  }
  PasswordBook unused;  // plan never creates anything
  CybozuDirectory directory(*client, unused,
                            [&audit](const DirectoryChange& c) { auditChange(audit, c); });
  DirectoryTable table(directory, [&out](const std::string& line) { out << line << "\n"; });
  const Outcome outcome = runProvisioner(config, *choice, ProvisionStep::kPlan, options.roster,
                                         options.plan, table.table());
  if (!outcome.isOk()) {
    err << outcome.messageId() << ": " << outcome.message() << "\n";
    return exitFor(outcome);
  }
  audit::AuditEntry entry;
  entry.actor = "accounts";
  entry.action = "accounts.plan";
  entry.detail = std::filesystem::path(options.plan).filename().string();
  audit.append(entry);
  out << "計画を書き出しました: " << options.plan
      << "（内容を確認してから accounts apply --plan で適用します）\n";
  return code(ExitCode::kOk);
}

int runAccountsApply(const config::Config& config, audit::AuditLog& audit,
                     const AccountsOptions& options, std::ostream& out, std::ostream& err) {
  if (options.plan.empty()) {
    err << "--plan に計画ファイルを指定してください。\n";
    return code(ExitCode::kConfigError);
  }
  auto choice = chooseProvisioner(config, options.instance, err);
  auto client = clientConfig(config, err);
  if (!choice || !client) {
    return code(ExitCode::kConfigError);
  }
  const std::string outDir = !options.outDir.empty()
                                 ? options.outDir
                                 : std::filesystem::absolute(options.plan).parent_path().string();
  PasswordBook passwords;
  CybozuDirectory directory(*client, passwords,
                            [&audit](const DirectoryChange& c) { auditChange(audit, c); });
  DirectoryTable table(directory, [&out](const std::string& line) { out << line << "\n"; });
  const Outcome outcome =
      runProvisioner(config, *choice, ProvisionStep::kApply, "", options.plan, table.table());
  // Accounts that were created have these passwords whatever else failed: write them.
  const bool written = writePasswordFiles(passwords, outDir, audit, out, err);
  if (!outcome.isOk()) {
    err << outcome.messageId() << ": " << outcome.message() << "\n";
    return exitFor(outcome);
  }
  return code(written ? ExitCode::kOk : ExitCode::kRuntimeFailure);
}

int runAccountsRotate(const config::Config& config, audit::AuditLog& audit,
                      const AccountsOptions& options, std::ostream& out, std::ostream& err) {
  if (options.centre.empty() || options.outDir.empty()) {
    err << "--centre にセンターコード、--out に出力先フォルダを指定してください。\n";
    return code(ExitCode::kConfigError);
  }
  auto client = clientConfig(config, err);
  if (!client) {
    return code(ExitCode::kConfigError);
  }
  std::string prefix = "teichaku-";
  for (const auto& [instance, p] : config.plugins) {
    if (p.type == "provisioner_accounts" && p.enabled) {
      std::ostringstream ignored;
      if (auto choice = chooseProvisioner(config, instance, ignored)) {
        prefix = choice->organizationPrefix;
      }
    }
  }
  PasswordBook passwords;
  CybozuDirectory directory(*client, passwords, [](const DirectoryChange&) {});
  std::vector<std::string> failed;
  const Outcome outcome =
      directory.rotate(prefix + options.centre, client->admin.login, options.centre, failed);
  if (!outcome.isOk()) {
    err << outcome.messageId() << ": " << outcome.message() << "\n";
    return code(outcome.isRetry() ? ExitCode::kRetryLater : ExitCode::kRuntimeFailure);
  }
  std::size_t rotated = 0;
  for (const auto& file : passwords.files()) {
    for (const auto& e : file.entries) {
      audit::AuditEntry entry;
      entry.actor = "accounts";
      entry.action = "account.password_reset";
      entry.detail = "login=" + e.login;
      audit.append(entry);
      ++rotated;
    }
  }
  const bool written = writePasswordFiles(passwords, options.outDir, audit, out, err);
  for (const auto& f : failed) {
    err << "失敗: " << f << " のパスワードを変更できませんでした。\n";
  }
  out << "センター " << options.centre << ": " << rotated << " 人のパスワードを再発行しました"
      << (failed.empty() ? "" : "（失敗 " + std::to_string(failed.size()) + " 人）") << "\n";
  log::notice("ACCOUNTS_PASSWORDS_ROTATED",
              {{"centre", options.centre}, {"accounts", std::to_string(rotated)}});
  return code(failed.empty() && written ? ExitCode::kOk : ExitCode::kRuntimeFailure);
}

}  // namespace teichaku::accounts
