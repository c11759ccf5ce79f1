#include "accounts/directory_table.h"

#include <exception>

#include "log/log.h"
#include "teichaku/plugin.hpp"

struct tb_directory_context {
  teichaku::accounts::Directory* directory = nullptr;
  std::function<void(const std::string&)> print;
  tb_directory table{};
};

namespace teichaku::accounts {
namespace {

std::string text(const char* s) {
  return s != nullptr ? std::string(s) : std::string();
}

tb_status fail(tb_result* result, const char* id, const std::string& message) {
  return plugin::setResult(result, TB_FAIL, id, message);
}

tb_status snapshot(tb_directory_context* context, const char* const* codes, size_t codeCount,
                   tb_directory_organization_callback onOrganization,
                   tb_directory_user_callback onUser, void* user, tb_result* result) {
  try {
    std::vector<std::string> wanted;
    for (size_t i = 0; i < codeCount; ++i) {
      wanted.push_back(text(codes[i]));
    }
    DirectorySnapshot s;
    const Outcome outcome = context->directory->snapshot(wanted, s);
    if (!outcome.isOk()) {
      return plugin::setResult(result, outcome.isRetry() ? TB_RETRY : TB_FAIL, outcome.messageId(),
                               outcome.message());
    }
    for (const auto& o : s.organizations) {
      tb_directory_organization entry{sizeof(tb_directory_organization), o.code.c_str(),
                                      o.name.c_str()};
      if (onOrganization != nullptr && onOrganization(user, &entry) != 0) {
        break;
      }
    }
    for (const auto& u : s.users) {
      tb_directory_user entry{};
      entry.struct_size = sizeof(entry);
      entry.code = u.code.c_str();
      entry.name = u.name.c_str();
      entry.sur_name = u.surName.c_str();
      entry.given_name = u.givenName.c_str();
      entry.sur_name_reading = u.surNameReading.c_str();
      entry.given_name_reading = u.givenNameReading.c_str();
      entry.email = u.email.c_str();
      entry.organization = u.organization.c_str();
      entry.valid = u.valid ? 1 : 0;
      entry.kintone = u.kintone ? 1 : 0;
      entry.garoon = u.garoon ? 1 : 0;
      if (onUser != nullptr && onUser(user, &entry) != 0) {
        break;
      }
    }
    return plugin::setResult(result, TB_OK, "", "");
  } catch (const std::exception& e) {
    return fail(result, "PLUGIN_SERVICE_FAILED",
                std::string("ユーザー情報を読めません: ") + e.what());
  }
}

tb_status apply(tb_directory_context* context, tb_directory_change* changes, size_t count,
                tb_result* result) {
  try {
    std::vector<DirectoryChange> batch;
    for (size_t i = 0; i < count; ++i) {
      const tb_directory_change& c = changes[i];
      if (!TB_HAS_FIELD(&c, tb_directory_change, message)) {
        return fail(result, "PLUGIN_BAD_REQUEST", "変更の構造体が古すぎます。");
      }
      DirectoryChange d;
      d.action = static_cast<tb_directory_action>(c.action);
      d.code = text(c.code);
      d.name = text(c.name);
      d.surName = text(c.sur_name);
      d.givenName = text(c.given_name);
      d.surNameReading = text(c.sur_name_reading);
      d.givenNameReading = text(c.given_name_reading);
      d.email = text(c.email);
      d.organization = text(c.organization);
      d.centre = text(c.centre);
      d.centreName = text(c.centre_name);
      d.kintone = c.kintone != 0;
      d.garoon = c.garoon != 0;
      if (d.code.empty()) {
        return fail(result, "PLUGIN_BAD_REQUEST", "変更にログイン名（code）がありません。");
      }
      batch.push_back(std::move(d));
    }
    context->directory->apply(batch);
    for (size_t i = 0; i < count; ++i) {
      const Outcome& r = batch[i].result;
      changes[i].status = r.isOk() ? TB_OK : (r.isRetry() ? TB_RETRY : TB_FAIL);
      plugin::copyTruncated(changes[i].message,
                            r.isOk() ? std::string() : r.messageId() + ": " + r.message());
    }
    return plugin::setResult(result, TB_OK, "", "");
  } catch (const std::exception& e) {
    return fail(result, "PLUGIN_SERVICE_FAILED", std::string("変更を適用できません: ") + e.what());
  }
}

void print(tb_directory_context* context, const char* line) {
  try {
    context->print(text(line));
  } catch (const std::exception&) {
    // Output to the operator failed (a closed pipe): the plugin cannot act on it.
    log::warning("PLUGIN_SERVICE_FAILED", {{"service", "directory.print"}});
  }
}

}  // namespace

DirectoryTable::DirectoryTable(Directory& directory, std::function<void(const std::string&)> out)
    : context_(std::make_unique<tb_directory_context>()) {
  context_->directory = &directory;
  context_->print = std::move(out);
  tb_directory& t = context_->table;
  t.struct_size = sizeof(tb_directory);
  t.context = context_.get();
  t.snapshot = snapshot;
  t.apply = apply;
  t.print = print;
}

DirectoryTable::~DirectoryTable() = default;

const tb_directory* DirectoryTable::table() const {
  return &context_->table;
}

}  // namespace teichaku::accounts
