#include "plugin_host/host_table.h"

#include <Poco/Logger.h>

#include <cstdio>
#include <exception>
#include <vector>

#include "log/log.h"
#include "plugin_host/path_safety.h"
#include "plugin_host/record_id.h"
#include "teichaku/plugin.hpp"

struct tb_host_context {
  std::string instance;
  teichaku::plugin_host::PluginInfo plugin;
  teichaku::plugin_host::InstanceConfig config;
  teichaku::plugin_host::HostServices services;
  tb_host table{};
};

namespace teichaku::plugin_host {
namespace {

using plugin::setResult;

tb_status fromOutcome(const Outcome& outcome, tb_result* result) {
  switch (outcome.kind()) {
    case OutcomeKind::kOk:
      return setResult(result, TB_OK, "", "");
    case OutcomeKind::kRetry:
      return setResult(result, TB_RETRY, outcome.messageId(), outcome.message());
    case OutcomeKind::kFail:
      break;
  }
  return setResult(result, TB_FAIL, outcome.messageId(), outcome.message());
}

// Runs a service body; a C++ exception becomes a Fail for the plugin to read.
template <typename Body>
tb_status serve(tb_result* result, Body&& body) noexcept {
  try {
    return fromOutcome(body(), result);
  } catch (const std::exception& e) {
    return setResult(result, TB_FAIL, "PLUGIN_SERVICE_FAILED",
                     std::string("ホストのサービスが失敗しました: ") + e.what());
  }
}

Outcome requireCapability(const tb_host_context& c, std::uint64_t capability, const char* what) {
  if ((c.plugin.capabilities & capability) == 0) {
    return Outcome::fail("PLUGIN_CAPABILITY_MISSING",
                         "プラグイン " + c.plugin.name + " は「" + what +
                             "」を記述子で宣言していないため使えません。");
  }
  return Outcome::ok();
}

Outcome unavailable(const tb_host_context& c, const char* what) {
  return Outcome::fail("PLUGIN_SERVICE_UNAVAILABLE",
                       "インスタンス " + c.instance + " では「" + what + "」が使えません。");
}

bool isMessageId(const char* id) {
  if (id == nullptr || *id < 'A' || *id > 'Z') {
    return false;
  }
  for (const char* c = id; *c != '\0'; ++c) {
    if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_')) {
      return false;
    }
  }
  return true;
}

// A key from a plugin must not be able to forge another field of the line.
std::string cleanKey(const char* key) {
  std::string k = key != nullptr && *key != '\0' ? key : "_";
  for (char& ch : k) {
    if (ch == ' ' || ch == '=' || ch == '"' || static_cast<unsigned char>(ch) < 0x20) {
      ch = '_';
    }
  }
  return k;
}

Poco::Message::Priority priorityOf(std::int32_t level) {
  switch (level) {
    case TB_LOG_DEBUG:
      return Poco::Message::PRIO_DEBUG;
    case TB_LOG_INFO:
      return Poco::Message::PRIO_INFORMATION;
    case TB_LOG_NOTICE:
      return Poco::Message::PRIO_NOTICE;
    case TB_LOG_WARNING:
      return Poco::Message::PRIO_WARNING;
    default:
      return Poco::Message::PRIO_ERROR;
  }
}

void hostLog(tb_host_context* c, std::int32_t level, const char* messageId, const tb_field* fields,
             std::size_t count) {
  const std::string source = "plugin." + c->instance;
  try {
    Poco::Logger& logger = Poco::Logger::get(source);
    const auto priority = priorityOf(level);
    if (!logger.is(priority)) {
      return;
    }
    const char* id = isMessageId(messageId) ? messageId : "PLUGIN_MESSAGE";
    // log::format masks personal keys and quotes values; an empty id yields " k=v".
    std::string line = log::format(id, {{"instance", c->instance}, {"plugin", c->plugin.name}});
    for (std::size_t i = 0; fields != nullptr && i < count; ++i) {
      line += log::format(
          "", {{cleanKey(fields[i].key), fields[i].value != nullptr ? fields[i].value : ""}});
    }
    logger.log(Poco::Message(source, log::redactor()->redact(line), priority));
  } catch (const std::exception& e) {
    // The logger itself failed; nothing else can report it and the plugin must not
    // see an exception, so the process's error stream is the last resort.
    std::fputs(("PLUGIN_LOG_FAILED " + source + ": " + e.what() + "\n").c_str(), stderr);
  }
}

int configString(tb_host_context* c, const char* key, const char** value) {
  const char* v = key != nullptr ? c->config.string(key) : nullptr;
  if (value != nullptr) {
    *value = v;
  }
  return v != nullptr ? 1 : 0;
}

int configInteger(tb_host_context* c, const char* key, std::int64_t* value) {
  auto v = key != nullptr ? c->config.integer(key) : std::nullopt;
  if (v && value != nullptr) {
    *value = *v;
  }
  return v ? 1 : 0;
}

int configBoolean(tb_host_context* c, const char* key, std::int32_t* value) {
  auto v = key != nullptr ? c->config.boolean(key) : std::nullopt;
  if (v && value != nullptr) {
    *value = *v ? 1 : 0;
  }
  return v ? 1 : 0;
}

std::size_t configArraySize(tb_host_context* c, const char* key) {
  return key != nullptr ? c->config.arraySize(key) : 0;
}

const char* configArrayItem(tb_host_context* c, const char* key, std::size_t index) {
  return key != nullptr ? c->config.arrayItem(key, index) : nullptr;
}

tb_status mirrorQuery(tb_host_context* c, const char* app, const char* query,
                      const char* const* fields, std::size_t fieldCount,
                      tb_record_callback callback, void* user, tb_result* result) {
  return serve(result, [&]() -> Outcome {
    Outcome allowed = requireCapability(*c, TB_CAP_READ_MIRROR, "ミラーの読み取り");
    if (!allowed.isOk()) {
      return allowed;
    }
    if (c->services.mirror == nullptr || c->services.audit == nullptr) {
      return unavailable(*c, "ミラーの読み取り");  // no read without an audit trail
    }
    if (app == nullptr || *app == '\0' || callback == nullptr) {
      return Outcome::fail("PLUGIN_BAD_REQUEST", "アプリ名とコールバックを指定してください。");
    }
    AuditEvent event{c->instance, c->plugin.name, "read", app, {}, {}, {}};
    for (std::size_t i = 0; fields != nullptr && i < fieldCount; ++i) {
      event.fieldCodes.emplace_back(fields[i] != nullptr ? fields[i] : "");
    }
    Outcome outcome = c->services.mirror->forEach(
        app, query != nullptr ? query : "", event.fieldCodes, [&](std::string_view json) {
          event.recordIds.push_back(recordIdOf(json));
          return callback(user, json.data(), json.size()) == 0;
        });
    // Whatever was handed over is audited, also when the read ended early.
    c->services.audit->record(event);
    return outcome;
  });
}

// One audited read for many queries: the ids of the records handed over, the field codes.
tb_status mirrorQueryMany(tb_host_context* c, const char* app, const char* const* queries,
                          std::size_t queryCount, const char* const* fields, std::size_t fieldCount,
                          tb_record_matches_callback callback, void* user, tb_result* result) {
  return serve(result, [&]() -> Outcome {
    Outcome allowed = requireCapability(*c, TB_CAP_READ_MIRROR, "ミラーの読み取り");
    if (!allowed.isOk()) {
      return allowed;
    }
    if (c->services.mirror == nullptr || c->services.audit == nullptr) {
      return unavailable(*c, "ミラーの読み取り");  // no read without an audit trail
    }
    if (app == nullptr || *app == '\0' || callback == nullptr ||
        (queries == nullptr && queryCount > 0)) {
      return Outcome::fail("PLUGIN_BAD_REQUEST",
                           "アプリ名・クエリ・コールバックを指定してください。");
    }
    std::vector<std::string> texts;
    texts.reserve(queryCount);
    for (std::size_t i = 0; i < queryCount; ++i) {
      texts.emplace_back(queries[i] != nullptr ? queries[i] : "");
    }
    AuditEvent event{c->instance, c->plugin.name, "read", app, {}, {}, {}};
    for (std::size_t i = 0; fields != nullptr && i < fieldCount; ++i) {
      event.fieldCodes.emplace_back(fields[i] != nullptr ? fields[i] : "");
    }
    Outcome outcome = c->services.mirror->forEachMany(
        app, texts, event.fieldCodes,
        [&](const std::string& id, std::string_view json, const std::vector<std::uint8_t>& m) {
          event.recordIds.push_back(id);
          return callback(user, json.data(), json.size(), m.data(), m.size()) == 0;
        });
    // Whatever was handed over is audited, also when the read ended early.
    c->services.audit->record(event);
    return outcome;
  });
}

tb_status writeFile(tb_host_context* c, const char* fileName, const void* data, std::size_t size,
                    tb_result* result) {
  return serve(result, [&]() -> Outcome {
    Outcome allowed = requireCapability(*c, TB_CAP_WRITE_FILES, "ファイル出力");
    if (!allowed.isOk()) {
      return allowed;
    }
    if (c->services.output == nullptr || c->services.audit == nullptr) {
      return unavailable(*c, "ファイル出力");
    }
    if (fileName == nullptr || !isSafeFileName(fileName) || (data == nullptr && size > 0)) {
      return Outcome::fail("PLUGIN_UNSAFE_FILE_NAME",
                           "出力ファイル名はフォルダを含まない名前にしてください（先頭の . "
                           "や制御文字は使えません）。");
    }
    Outcome outcome = c->services.output->writeFile(
        c->instance, fileName, std::string_view(static_cast<const char*>(data), size));
    if (outcome.isOk()) {
      c->services.audit->record(
          AuditEvent{c->instance, c->plugin.name, "write_file", {}, {}, {}, fileName});
    }
    return outcome;
  });
}

tb_status attachFile(tb_host_context* c, const char* app, const char* recordId,
                     const char* fieldCode, const char* fileName, const void* data,
                     std::size_t size, tb_result* result) {
  return serve(result, [&]() -> Outcome {
    Outcome allowed = requireCapability(*c, TB_CAP_ATTACH_TO_RECORD, "レコードへの添付");
    if (!allowed.isOk()) {
      return allowed;
    }
    if (c->services.output == nullptr || c->services.audit == nullptr) {
      return unavailable(*c, "レコードへの添付");
    }
    if (app == nullptr || recordId == nullptr || fieldCode == nullptr || fileName == nullptr ||
        !isSafeFileName(fileName) || (data == nullptr && size > 0)) {
      return Outcome::fail("PLUGIN_UNSAFE_FILE_NAME",
                           "添付先（アプリ・レコード・フィールド）と安全なファイル名を指定して"
                           "ください。");
    }
    Outcome outcome =
        c->services.output->attachFile(c->instance, app, recordId, fieldCode, fileName,
                                       std::string_view(static_cast<const char*>(data), size));
    if (outcome.isOk()) {
      c->services.audit->record(AuditEvent{
          c->instance, c->plugin.name, "attach_file", app, {recordId}, {fieldCode}, fileName});
    }
    return outcome;
  });
}

std::int64_t nowUnixMs(tb_host_context* c) {
  const auto now =
      c->services.clock != nullptr ? c->services.clock->now() : std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
}

int progress(tb_host_context* c, std::uint64_t done, std::uint64_t total, const char* stage) {
  if (c->services.progress == nullptr) {
    return 0;
  }
  try {
    return c->services.progress->report(c->instance, done, total, stage != nullptr ? stage : "")
               ? 0
               : 1;
  } catch (const std::exception& e) {
    log::warning("PLUGIN_SERVICE_FAILED", {{"instance", c->instance}, {"reason", e.what()}});
    return 0;  // a broken progress display is no reason to stop the work
  }
}

}  // namespace

HostTable::HostTable(std::string instance, const PluginInfo& plugin, InstanceConfig config,
                     HostServices services)
    : context_(new tb_host_context{std::move(instance), plugin, std::move(config), services, {}}) {
  tb_host& t = context_->table;
  t.struct_size = sizeof(tb_host);
  t.abi_version = TB_ABI_VERSION;
  t.context = context_.get();
  t.instance_name = context_->instance.c_str();
  t.log = hostLog;
  t.config_string = configString;
  t.config_integer = configInteger;
  t.config_boolean = configBoolean;
  t.config_array_size = configArraySize;
  t.config_array_item = configArrayItem;
  t.mirror_query = mirrorQuery;
  t.write_file = writeFile;
  t.attach_file = attachFile;
  t.now_unix_ms = nowUnixMs;
  t.progress = progress;
  t.mirror_query_many = mirrorQueryMany;
}

HostTable::~HostTable() = default;

const tb_host* HostTable::host() const {
  return &context_->table;
}

}  // namespace teichaku::plugin_host
