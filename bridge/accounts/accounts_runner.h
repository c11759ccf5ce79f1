#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "audit/audit_log.h"
#include "config/config.h"

// `teichaku-bridge accounts plan | apply | rotate`. The only code that reads the
// cybozu.com common administrator's password ([cybozu] admin_password_*): the sync and
// alert paths never hold it. plan/apply run the provisioner plugin instance with the
// directory service (plugin_abi.h tb_directory); rotate runs on the host alone.
// Each returns an ExitCode number; messages (Japanese) go to `err`, results to `out`.
namespace teichaku::accounts {

struct AccountsOptions {
  std::string instance;  // [plugins.<instance>]; "" = the only provisioner_accounts one
  std::string roster;    // plan: --roster
  std::string plan;      // plan: --out; apply: --plan
  std::string outDir;    // apply: --out (password files; "" = the plan's folder); rotate: --out
  std::string centre;    // rotate: --centre (centre code)
};

int runAccountsPlan(const config::Config& config, audit::AuditLog& audit,
                    const AccountsOptions& options, std::ostream& out, std::ostream& err);
// Exit 4 (kNeedsOperator) when the plan no longer matches cybozu.com.
int runAccountsApply(const config::Config& config, audit::AuditLog& audit,
                     const AccountsOptions& options, std::ostream& out, std::ostream& err);
int runAccountsRotate(const config::Config& config, audit::AuditLog& audit,
                      const AccountsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace teichaku::accounts
