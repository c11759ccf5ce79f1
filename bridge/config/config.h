#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config_error.h"
#include "config/schedule_when.h"
#include "config/schema.h"

// The validated, typed configuration of one bridge instance. Built only from a file
// that passed the schema; secrets are held as references (file or environment
// variable), resolved by the component that needs them, never stored here.
namespace teichaku::config {

struct SecretRef {
  enum class Kind { kNone, kFile, kEnv };
  Kind kind = Kind::kNone;
  std::string reference;  // absolute path (after ${VAR} expansion) or variable name
  std::string keyPath;    // e.g. "kintone.apps.cases.api_token_file", for messages

  bool present() const { return kind != Kind::kNone; }
  // Reads the secret. Throws std::runtime_error with a Japanese message naming the
  // key and the file or variable (never the value).
  std::string read() const;
};

struct KintoneApp {
  std::string name;  // instance name in [kintone.apps.<name>]
  std::int64_t appId = 0;
  std::optional<std::int64_t> guestSpaceId;
  SecretRef apiToken;
};

struct KintoneConfig {
  std::string baseUrl;
  std::string caFile;  // extra CA bundle (tests use a test CA); verification stays on
  std::string proxy;
  // Only `apps deploy` uses these: creating apps and fields needs a user with app
  // management rights (API tokens cannot create apps, kintone-api.md §1.2).
  std::string adminLogin;
  SecretRef adminPassword;
  std::string basicAuthUser;
  SecretRef basicAuthPassword;
  std::string clientCertFile;
  SecretRef clientCertPassword;
  int maxConcurrency = 4;
  int cursorShare = 3;
  std::int64_t dailyRequestBudget = 10000;
  int budgetCeilingPercent = 90;
  int requestTimeoutSeconds = 60;
  std::map<std::string, KintoneApp> apps;
};

struct GaroonConfig {
  bool enabled = false;
  std::string baseUrl;
  std::string username;
  SecretRef password;
  std::string notificationAppCode;
};

struct CybozuAdminConfig {
  bool enabled = false;
  std::string baseUrl;
  std::string adminLogin;
  SecretRef adminPassword;
};

struct StoreConfig {
  std::string engine = "sqlite";
  std::string sqlitePath;     // absolute
  SecretRef postgresqlDsn;    // the connection string holds a password
  std::string keyFile;        // absolute; AES key ring
  std::string auditHeadFile;  // absolute; chain head kept outside the database
};

struct ServerConfig {
  std::string listen = "127.0.0.1:8710";
  SecretRef webhookSecret;
  std::string tlsCertFile;
  std::string tlsKeyFile;
  std::int64_t maxBodyBytes = 1048576;
};

// [[schedule.jobs]]: a plugin instance the daemon runs at a Japan wall-clock time,
// over a period computed from the run's date (e.g. the previous month).
struct PluginJob {
  std::string plugin;  // [plugins.<instance>]
  std::string when;    // as written, e.g. "monthly:1 06:00"
  WallClockSchedule schedule;
  // previous_day | previous_week (Mon–Sun) | previous_month | previous_fiscal_year |
  // fiscal_year_to_date
  std::string period;
  std::string outDir;  // absolute; files go to <outDir>/<instance>/…
  std::vector<std::string> formats;
  std::vector<std::string> centres;  // names or codes; ["*"] = every centre
  // archive: after the run, each centre's own run is stored in the reports app and its
  // staff are notified. check: the run is the data check; centres with findings get
  // their listing archived and a notice. At most one of the two.
  bool archive = false;
  bool check = false;
};

struct ScheduleConfig {
  int incrementalPollMinutes = 5;
  std::string nightlyAt = "02:30";
  int reconcileMaxDeletePercent = 5;
  int incrementalOverlapMinutes = 2;
  int directoryRefreshMinutes = 60;
  int outboxIntervalSeconds = 5;
  std::vector<PluginJob> jobs;
};

// [rules]: the settings of the notification rules (rules::RuleSettings).
struct RulesConfig {
  int releaseWindowDays = 30;
  int receiptReminderHours = 48;
  int taskDueSoonDays = 3;
  int digestHourJst = 8;
  int outboxMaxAttempts = 8;
};

struct LoggingConfig {
  std::string level = "information";
  bool console = true;
  std::string file;  // absolute, empty = none
  std::string rotation = "10 M";
  int archives = 10;
  bool syslog = false;
};

struct PluginInstance {
  std::string name;
  std::string type;
  bool enabled = true;
  // The whole [plugins.<name>] table is Config::document["plugins"][name].
};

struct Config {
  std::string file;     // absolute path of the file this came from
  std::string dataDir;  // absolute
  std::string mappingFile;
  KintoneConfig kintone;
  GaroonConfig garoon;
  CybozuAdminConfig cybozu;
  StoreConfig store;
  ServerConfig server;
  ScheduleConfig schedule;
  RulesConfig rules;
  LoggingConfig logging;
  std::string pluginDirectory;
  std::map<std::string, PluginInstance> plugins;
  toml::table document;  // the parsed file; plugin sections are read from it
};

struct LoadResult {
  std::optional<Config> config;
  ConfigErrors errors;
  bool ok() const { return config.has_value() && errors.empty(); }
};

struct LoadOptions {
  // Checks that secret files exist with safe permissions and that *_env variables
  // are set. On by default; turned off only where a secret is not needed.
  bool checkSecrets = true;
  // Extra validation of [plugins.<instance>] tables by type (set by the plugin host).
  TableCheck pluginCheck;
};

LoadResult loadConfig(const std::string& path, const LoadOptions& options = {});

// The schema of the bridge's configuration file, also used to print `help config`.
const TableSpec& bridgeSchema();

}  // namespace teichaku::config
