#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "common/secret_file.h"
#include "config/config.h"
#include "config/path_expansion.h"

namespace teichaku::config {
namespace {

// Reads the typed values out of a document that already passed the schema, and
// checks what the schema cannot: paths, secret files, environment variables.
class Builder {
 public:
  Builder(const std::string& file, const LoadOptions& options, ConfigErrors& errors)
      : file_(file),
        baseDir_(std::filesystem::path(file).parent_path().string()),
        options_(options),
        errors_(errors) {}

  std::string string(const toml::table& t, const std::string& key, const std::string& fallback) {
    return t[key].value_or(fallback);
  }

  template <typename T>
  T integer(const toml::table& t, const std::string& key, T fallback) {
    return static_cast<T>(t[key].value_or(static_cast<std::int64_t>(fallback)));
  }

  bool boolean(const toml::table& t, const std::string& key, bool fallback) {
    return t[key].value_or(fallback);
  }

  std::string path(const toml::table& t, const std::string& key, const std::string& path,
                   const std::string& fallback) {
    const toml::node* node = t.get(key);
    std::string raw = node != nullptr ? node->value_or(std::string()) : fallback;
    if (raw.empty()) {
      return {};
    }
    std::string error;
    auto expanded = expandPath(raw, baseDir_, error);
    if (!expanded) {
      errors_.push_back(
          errorAt(node != nullptr ? node->source() : t.source(), file_, path + "." + key, error));
      return {};
    }
    return *expanded;
  }

  SecretRef secret(const toml::table& t, const std::string& name, const std::string& path) {
    SecretRef ref;
    if (const toml::node* fileNode = t.get(name + "_file")) {
      ref.kind = SecretRef::Kind::kFile;
      ref.keyPath = path + "." + name + "_file";
      std::string error;
      auto expanded = expandPath(fileNode->value_or(std::string()), baseDir_, error);
      if (!expanded) {
        errors_.push_back(errorAt(fileNode->source(), file_, ref.keyPath, error));
        return ref;
      }
      ref.reference = *expanded;
      if (options_.checkSecrets) {
        if (auto problem = checkSecretFile(ref.reference)) {
          errors_.push_back(errorAt(fileNode->source(), file_, ref.keyPath, *problem));
        }
      }
    } else if (const toml::node* envNode = t.get(name + "_env")) {
      ref.kind = SecretRef::Kind::kEnv;
      ref.keyPath = path + "." + name + "_env";
      ref.reference = envNode->value_or(std::string());
      const char* v = std::getenv(ref.reference.c_str());
      if (options_.checkSecrets && (v == nullptr || *v == '\0')) {
        errors_.push_back(errorAt(envNode->source(), file_, ref.keyPath,
                                  "環境変数 " + ref.reference + " が設定されていません。"));
      }
    }
    return ref;
  }

  const std::string& baseDir() const { return baseDir_; }

 private:
  std::string file_;
  std::string baseDir_;
  const LoadOptions& options_;
  ConfigErrors& errors_;
};

// https only; plain http is for the local emulator on a loopback host (the kintone
// client enforces the same rule on every request, kintone-api.md §8.1).
bool isAcceptableBaseUrl(const std::string& url) {
  if (url.rfind("https://", 0) == 0) {
    return url.size() > 8;
  }
  for (const char* host : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    const std::string h(host);
    if (url.rfind(h, 0) == 0 &&
        (url.size() == h.size() || url[h.size()] == ':' || url[h.size()] == '/')) {
      return true;
    }
  }
  return false;
}

void checkBaseUrl(const toml::table& t, const std::string& path, const std::string& file,
                  ConfigErrors& errors) {
  const toml::node* node = t.get("base_url");
  if (node != nullptr && node->is_string() && !isAcceptableBaseUrl(node->value_or(std::string()))) {
    errors.push_back(errorAt(
        node->source(), file, path + ".base_url",
        "https:// で始まるURLにしてください（http は試験用の 127.0.0.1 / localhost だけに使えます）。"));
  }
}

const toml::table& tableOr(const toml::table& root, const std::string& key) {
  static const toml::table empty;
  const toml::table* t = root[key].as_table();
  return t != nullptr ? *t : empty;
}

void buildKintone(const toml::table& t, Builder& b, KintoneConfig& k) {
  k.baseUrl = b.string(t, "base_url", "");
  k.caFile = b.path(t, "ca_file", "kintone", "");
  k.proxy = b.string(t, "proxy", "");
  k.adminLogin = b.string(t, "admin_login", "");
  k.adminPassword = b.secret(t, "admin_password", "kintone");
  k.basicAuthUser = b.string(t, "basic_auth_user", "");
  k.basicAuthPassword = b.secret(t, "basic_auth_password", "kintone");
  k.clientCertFile = b.path(t, "client_cert_file", "kintone", "");
  k.clientCertPassword = b.secret(t, "client_cert_password", "kintone");
  k.maxConcurrency = b.integer(t, "max_concurrency", k.maxConcurrency);
  k.cursorShare = b.integer(t, "cursor_share", k.cursorShare);
  k.dailyRequestBudget = b.integer(t, "daily_request_budget", k.dailyRequestBudget);
  k.budgetCeilingPercent = b.integer(t, "budget_ceiling_percent", k.budgetCeilingPercent);
  k.requestTimeoutSeconds = b.integer(t, "request_timeout_seconds", k.requestTimeoutSeconds);
  for (auto&& [key, node] : tableOr(t, "apps")) {
    const toml::table& app = *node.as_table();
    KintoneApp a;
    a.name = std::string(key.str());
    a.appId = b.integer<std::int64_t>(app, "app_id", 0);
    if (app.contains("guest_space_id")) {
      a.guestSpaceId = b.integer<std::int64_t>(app, "guest_space_id", 0);
    }
    a.apiToken = b.secret(app, "api_token", "kintone.apps." + a.name);
    k.apps.emplace(a.name, a);
  }
}

std::vector<std::string> strings(const toml::table& t, const std::string& key) {
  std::vector<std::string> out;
  if (const toml::array* a = t[key].as_array()) {
    for (const auto& v : *a) {
      out.push_back(v.value_or(std::string()));
    }
  }
  return out;
}

// archive needs the centres it stores for; check writes CSV listings only, and a job is
// either a statistics archive or a data check.
void checkArchiveKeys(const toml::table& t, const PluginJob& job, const Config& c,
                      const std::string& path, const std::string& file, ConfigErrors& errors) {
  // Both store their results in the report archive app (月次報告).
  if ((job.archive || job.check) && !c.kintone.apps.contains("reports")) {
    const char* key = job.archive ? "archive" : "check";
    errors.push_back(errorAt(t.get(key)->source(), file, path + "." + key,
                             std::string(key) +
                                 " = true には月次報告アプリの設定 [kintone.apps.reports] が"
                                 "必要です。"));
  }
  if (job.archive && job.centres.empty()) {
    errors.push_back(errorAt(t.get("archive")->source(), file, path + ".archive",
                             "archive = true には centres（センター名かコード、すべてなら "
                             "[\"*\"]）が必要です。"));
  }
  if (job.archive && job.check) {
    errors.push_back(errorAt(t.get("check")->source(), file, path + ".check",
                             "archive と check は同じ定期実行に指定できません。別の "
                             "[[schedule.jobs]] に分けてください。"));
  }
  if (job.check && !job.formats.empty()) {
    errors.push_back(errorAt(t.get("formats")->source(), file, path + ".formats",
                             "check = true のときは formats を指定できません（点検の一覧は CSV "
                             "です）。"));
  }
}

// [[schedule.jobs]]: the schema checked the keys and types; here the schedule's form
// and that the plugin instance exists and is enabled.
void buildPluginJobs(const toml::table& schedule, Config& c, Builder& b, const std::string& file,
                     ConfigErrors& errors) {
  const toml::array* jobs = schedule["jobs"].as_array();
  if (jobs == nullptr) {
    return;
  }
  std::size_t index = 0;
  for (const auto& element : *jobs) {
    const toml::table& t = *element.as_table();
    const std::string path = "schedule.jobs[" + std::to_string(index++) + "]";
    PluginJob job;
    job.plugin = b.string(t, "plugin", "");
    job.when = b.string(t, "when", "");
    job.period = b.string(t, "period", "");
    job.outDir = b.path(t, "out", path, "");
    job.formats = strings(t, "formats");
    job.centres = strings(t, "centres");
    job.archive = b.boolean(t, "archive", false);
    job.check = b.boolean(t, "check", false);
    checkArchiveKeys(t, job, c, path, file, errors);
    std::string error;
    if (auto parsed = parseWallClockSchedule(job.when, error)) {
      job.schedule = *parsed;
    } else {
      errors.push_back(errorAt(t.get("when")->source(), file, path + ".when", error));
    }
    auto instance = c.plugins.find(job.plugin);
    if (instance == c.plugins.end()) {
      errors.push_back(errorAt(t.get("plugin")->source(), file, path + ".plugin",
                               "プラグインのインスタンス '" + job.plugin + "' は [plugins." +
                                   job.plugin + "] にありません。"));
    } else if (!instance->second.enabled) {
      errors.push_back(errorAt(t.get("plugin")->source(), file, path + ".plugin",
                               "[plugins." + job.plugin +
                                   "] は enabled = false です。有効にするか、この定期実行を"
                                   "消してください。"));
    }
    c.schedule.jobs.push_back(std::move(job));
  }
}

}  // namespace

std::string SecretRef::read() const {
  switch (kind) {
    case Kind::kFile:
      try {
        return readSecretFile(reference);
      } catch (const std::runtime_error& e) {
        throw std::runtime_error(keyPath + ": " + e.what());
      }
    case Kind::kEnv: {
      const char* v = std::getenv(reference.c_str());
      if (v == nullptr || *v == '\0') {
        throw std::runtime_error(keyPath + ": 環境変数 " + reference + " が設定されていません。");
      }
      return v;
    }
    case Kind::kNone:
      break;
  }
  throw std::runtime_error(keyPath + ": 秘密情報が設定されていません。");
}

namespace {

// toml++ walks tables in key order; people read a file top to bottom.
void sortByPosition(ConfigErrors& errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const ConfigError& a, const ConfigError& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
}

LoadResult load(const std::string& path, const LoadOptions& options);

}  // namespace

LoadResult loadConfig(const std::string& path, const LoadOptions& options) {
  LoadResult result = load(path, options);
  sortByPosition(result.errors);
  if (!result.errors.empty()) {
    result.config.reset();
  }
  return result;
}

namespace {

LoadResult load(const std::string& path, const LoadOptions& options) {
  LoadResult result;
  const std::string file = std::filesystem::absolute(path).lexically_normal().string();
  toml::table document;
  try {
    document = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source();
    if (where.begin.line == 0) {
      result.errors.push_back(
          {file, 0, 0, "", "設定ファイルを読めません。パスと権限を確認してください。"});
    } else {
      result.errors.push_back(errorAt(
          where, file, "",
          std::string("TOMLの書き方が正しくありません（") + std::string(e.description()) + "）。"));
    }
    return result;
  }

  validateTable(document, bridgeSchema(), "", file, result.errors);
  for (auto&& [key, node] : tableOr(document, "plugins")) {
    const toml::table* instance = node.as_table();
    if (instance == nullptr) {
      continue;
    }
    const std::string instancePath = "plugins." + std::string(key.str());
    if (options.pluginCheck) {
      options.pluginCheck(*instance, instancePath, file, result.errors);
    } else if (const toml::node* type = instance->get("type")) {
      // Without a plugin host nothing can vouch for the plugin's own keys.
      result.errors.push_back(
          errorAt(type->source(), file, instancePath + ".type",
                  "プラグインを検査できません（プラグインの読み込み機能がありません）。"));
    }
  }
  if (!result.errors.empty()) {
    return result;
  }

  Config c;
  c.file = file;
  Builder b(file, options, result.errors);
  const toml::table& bridge = tableOr(document, "bridge");
  c.dataDir = b.path(bridge, "data_dir", "bridge", "");
  c.mappingFile = b.path(bridge, "mapping_file", "bridge", "");
  buildKintone(tableOr(document, "kintone"), b, c.kintone);
  for (const char* section : {"kintone", "garoon", "cybozu"}) {
    checkBaseUrl(tableOr(document, section), section, file, result.errors);
  }

  if (const toml::table* g = document["garoon"].as_table()) {
    c.garoon.enabled = b.boolean(*g, "enabled", false);
    c.garoon.baseUrl = b.string(*g, "base_url", "");
    c.garoon.username = b.string(*g, "username", "");
    c.garoon.password = b.secret(*g, "password", "garoon");
    c.garoon.notificationAppCode = b.string(*g, "notification_app_code", "");
  }
  if (const toml::table* cz = document["cybozu"].as_table()) {
    c.cybozu.enabled = b.boolean(*cz, "enabled", false);
    c.cybozu.baseUrl = b.string(*cz, "base_url", "");
    c.cybozu.adminLogin = b.string(*cz, "admin_login", "");
    c.cybozu.adminPassword = b.secret(*cz, "admin_password", "cybozu");
  }

  const toml::table& store = tableOr(document, "store");
  c.store.engine = b.string(store, "engine", "sqlite");
  c.store.sqlitePath = b.path(store, "sqlite_path", "store", c.dataDir + "/mirror.db");
  c.store.postgresqlDsn = b.secret(store, "postgresql_dsn", "store");
  c.store.keyFile = b.path(store, "key_file", "store", "");
  c.store.auditHeadFile = b.path(store, "audit_head_file", "store", c.dataDir + "/audit-head");
  if (c.store.engine == "postgresql" && !c.store.postgresqlDsn.present()) {
    result.errors.push_back(errorAt(store.source(), file, "store.postgresql_dsn",
                                    "engine = \"postgresql\" のときは postgresql_dsn_file か "
                                    "postgresql_dsn_env が必要です。"));
  }

  const toml::table& server = tableOr(document, "server");
  c.server.listen = b.string(server, "listen", c.server.listen);
  c.server.webhookSecret = b.secret(server, "webhook_secret", "server");
  c.server.tlsCertFile = b.path(server, "tls_cert_file", "server", "");
  c.server.tlsKeyFile = b.path(server, "tls_key_file", "server", "");
  c.server.maxBodyBytes = b.integer(server, "max_body_bytes", c.server.maxBodyBytes);
  if (c.server.tlsCertFile.empty() != c.server.tlsKeyFile.empty()) {
    result.errors.push_back(errorAt(server.source(), file, "server.tls_cert_file",
                                    "tls_cert_file と tls_key_file は両方指定してください。"));
  }

  const toml::table& schedule = tableOr(document, "schedule");
  c.schedule.incrementalPollMinutes =
      b.integer(schedule, "incremental_poll_minutes", c.schedule.incrementalPollMinutes);
  c.schedule.incrementalOverlapMinutes =
      b.integer(schedule, "incremental_overlap_minutes", c.schedule.incrementalOverlapMinutes);
  c.schedule.nightlyAt = b.string(schedule, "nightly_at", c.schedule.nightlyAt);
  c.schedule.reconcileMaxDeletePercent =
      b.integer(schedule, "reconcile_max_delete_percent", c.schedule.reconcileMaxDeletePercent);
  c.schedule.directoryRefreshMinutes =
      b.integer(schedule, "directory_refresh_minutes", c.schedule.directoryRefreshMinutes);
  c.schedule.outboxIntervalSeconds =
      b.integer(schedule, "outbox_interval_seconds", c.schedule.outboxIntervalSeconds);
  {
    int hour = 0;
    int minute = 0;
    if (!parseHourMinute(c.schedule.nightlyAt, hour, minute)) {
      const toml::node* n = schedule.get("nightly_at");
      result.errors.push_back(errorAt(n != nullptr ? n->source() : schedule.source(), file,
                                      "schedule.nightly_at",
                                      "\"HH:MM\" の形（例 \"02:30\"）で書いてください。"));
    }
  }

  const toml::table& rules = tableOr(document, "rules");
  c.rules.releaseWindowDays = b.integer(rules, "release_window_days", c.rules.releaseWindowDays);
  c.rules.receiptReminderHours =
      b.integer(rules, "receipt_reminder_hours", c.rules.receiptReminderHours);
  c.rules.taskDueSoonDays = b.integer(rules, "task_due_soon_days", c.rules.taskDueSoonDays);
  c.rules.digestHourJst = b.integer(rules, "digest_hour_jst", c.rules.digestHourJst);
  c.rules.outboxMaxAttempts = b.integer(rules, "outbox_max_attempts", c.rules.outboxMaxAttempts);

  const toml::table& logging = tableOr(document, "logging");
  c.logging.level = b.string(logging, "level", c.logging.level);
  c.logging.console = b.boolean(logging, "console", c.logging.console);
  c.logging.file = b.path(logging, "file", "logging", "");
  c.logging.rotation = b.string(logging, "rotation", c.logging.rotation);
  c.logging.archives = b.integer(logging, "archives", c.logging.archives);
  c.logging.syslog = b.boolean(logging, "syslog", c.logging.syslog);

  const toml::table& plugins = tableOr(document, "plugins");
  c.pluginDirectory = b.path(plugins, "directory", "plugins", "");
  c.document = std::move(document);
  for (auto&& [key, node] : tableOr(c.document, "plugins")) {
    if (const toml::table* instance = node.as_table()) {
      PluginInstance p;
      p.name = std::string(key.str());
      p.type = (*instance)["type"].value_or(std::string());
      p.enabled = (*instance)["enabled"].value_or(true);
      c.plugins.emplace(p.name, p);
    }
  }
  buildPluginJobs(tableOr(c.document, "schedule"), c, b, file, result.errors);
  if (result.errors.empty()) {
    result.config = std::move(c);
  }
  return result;
}

}  // namespace
}  // namespace teichaku::config
