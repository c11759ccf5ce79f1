#pragma once

// Optional C++ helpers for plugin authors, on top of plugin_abi.h. Header-only, so a
// plugin links nothing of the host. The rule it enforces: no exception leaves the
// plugin. Throw teichaku::plugin::Failure (or anything) inside guard(); the caller
// on the other side of the boundary sees a status and a message.
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "teichaku/plugin_abi.h"

namespace teichaku::plugin {

// An outcome other than Ok, thrown by plugin code and turned into a status by guard().
class Failure : public std::runtime_error {
 public:
  Failure(tb_status status, std::string messageId, const std::string& message)
      : std::runtime_error(message), status_(status), messageId_(std::move(messageId)) {}
  static Failure fail(std::string id, const std::string& message) {
    return Failure(TB_FAIL, std::move(id), message);
  }
  static Failure retry(std::string id, const std::string& message) {
    return Failure(TB_RETRY, std::move(id), message);
  }
  tb_status status() const { return status_; }
  const std::string& messageId() const { return messageId_; }

 private:
  tb_status status_;
  std::string messageId_;
};

// Copies `text` into a fixed buffer, cutting at a UTF-8 character boundary so a
// truncated Japanese message stays valid text.
template <std::size_t N>
void copyTruncated(char (&buffer)[N], std::string_view text) {
  std::size_t n = text.size() < N - 1 ? text.size() : N - 1;
  while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0u) == 0x80u) {
    --n;  // text[n] continues a character that would be cut: drop the whole character
  }
  std::memcpy(buffer, text.data(), n);
  buffer[n] = '\0';
}

inline tb_status setResult(tb_result* result, tb_status status, std::string_view id,
                           std::string_view message) {
  if (result != nullptr && TB_HAS_FIELD(result, tb_result, message)) {
    result->status = status;
    copyTruncated(result->message_id, id);
    copyTruncated(result->message, message);
  }
  return status;
}

// Runs `body` (returning void) and reports its outcome in `result`. Every
// extern "C" function of a plugin that can fail should be a guard() call.
template <typename Body>
tb_status guard(tb_result* result, Body&& body) noexcept {
  try {
    body();
    return setResult(result, TB_OK, "", "");
  } catch (const Failure& e) {
    return setResult(result, e.status(), e.messageId(), e.what());
  } catch (const std::exception& e) {
    return setResult(result, TB_FAIL, "PLUGIN_EXCEPTION", e.what());
  } catch (...) {
    return setResult(result, TB_FAIL, "PLUGIN_EXCEPTION", "プラグインで不明な例外が発生しました。");
  }
}

// The host's services, as C++. Every call that fails throws Failure with the host's
// message, so plugin logic reads straight through.
class Host {
 public:
  explicit Host(const tb_host* host) : host_(host) {
    if (host_ == nullptr || !TB_HAS_FIELD(host_, tb_host, progress)) {
      throw Failure::fail("PLUGIN_HOST_TOO_OLD", "ホストのサービス表が古すぎます。");
    }
  }

  std::string instanceName() const { return host_->instance_name; }

  void log(tb_log_level level, const char* messageId,
           std::initializer_list<std::pair<std::string, std::string>> fields = {}) const {
    std::vector<tb_field> c;
    c.reserve(fields.size());
    for (const auto& f : fields) {
      c.push_back(tb_field{f.first.c_str(), f.second.c_str()});
    }
    host_->log(host_->context, level, messageId, c.data(), c.size());
  }

  std::optional<std::string> configString(const char* key) const {
    const char* value = nullptr;
    if (host_->config_string(host_->context, key, &value) == 0 || value == nullptr) {
      return std::nullopt;
    }
    return std::string(value);
  }
  std::optional<std::int64_t> configInteger(const char* key) const {
    std::int64_t value = 0;
    if (host_->config_integer(host_->context, key, &value) == 0) {
      return std::nullopt;
    }
    return value;
  }
  std::optional<bool> configBoolean(const char* key) const {
    std::int32_t value = 0;
    if (host_->config_boolean(host_->context, key, &value) == 0) {
      return std::nullopt;
    }
    return value != 0;
  }
  std::vector<std::string> configStringArray(const char* key) const {
    std::vector<std::string> items;
    std::size_t n = host_->config_array_size(host_->context, key);
    for (std::size_t i = 0; i < n; ++i) {
      const char* item = host_->config_array_item(host_->context, key, i);
      items.emplace_back(item != nullptr ? item : "");
    }
    return items;
  }

  // Calls `onRecord(json)` for each matching record; it returns false to stop.
  // Exceptions thrown by onRecord stop the query and are rethrown here, after the
  // host has returned (they never unwind through host frames).
  void mirrorQuery(const std::string& app, const std::string& query,
                   const std::vector<std::string>& fields,
                   const std::function<bool(std::string_view)>& onRecord) const {
    struct State {
      const std::function<bool(std::string_view)>* onRecord;
      std::exception_ptr error;
    } state{&onRecord, nullptr};
    std::vector<const char*> codes;
    codes.reserve(fields.size());
    for (const auto& f : fields) {
      codes.push_back(f.c_str());
    }
    tb_result result = emptyResult();
    tb_status status = host_->mirror_query(
        host_->context, app.c_str(), query.c_str(), codes.data(), codes.size(),
        [](void* user, const char* json, std::size_t length) -> int {
          auto* s = static_cast<State*>(user);
          try {
            return (*s->onRecord)(std::string_view(json, length)) ? 0 : 1;
          } catch (...) {
            s->error = std::current_exception();
            return 1;
          }
        },
        &state, &result);
    if (state.error) {
      std::rethrow_exception(state.error);
    }
    throwUnlessOk(status, result);
  }

  void writeFile(const std::string& fileName, std::string_view data) const {
    tb_result result = emptyResult();
    throwUnlessOk(
        host_->write_file(host_->context, fileName.c_str(), data.data(), data.size(), &result),
        result);
  }

  void attachFile(const std::string& app, const std::string& recordId, const std::string& fieldCode,
                  const std::string& fileName, std::string_view data) const {
    tb_result result = emptyResult();
    throwUnlessOk(
        host_->attach_file(host_->context, app.c_str(), recordId.c_str(), fieldCode.c_str(),
                           fileName.c_str(), data.data(), data.size(), &result),
        result);
  }

  std::int64_t nowUnixMs() const { return host_->now_unix_ms(host_->context); }

  // Returns false when the host asks the plugin to stop.
  bool progress(std::uint64_t done, std::uint64_t total, const char* stage) const {
    return host_->progress(host_->context, done, total, stage) == 0;
  }

 private:
  static tb_result emptyResult() {
    tb_result r{};
    r.struct_size = sizeof(tb_result);
    r.status = TB_OK;
    return r;
  }
  static void throwUnlessOk(tb_status status, const tb_result& result) {
    if (status != TB_OK) {
      throw Failure(status, result.message_id, result.message);
    }
  }

  const tb_host* host_;
};

}  // namespace teichaku::plugin
