#include "directory_client.h"

#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {
namespace {

tb_result emptyResult() {
  tb_result r{};
  r.struct_size = sizeof(r);
  r.status = TB_OK;
  return r;
}

std::string text(const char* s) {
  return s != nullptr ? std::string(s) : std::string();
}

}  // namespace

DirectoryClient::DirectoryClient(const tb_provision_request* request)
    : directory_(request != nullptr && TB_HAS_FIELD(request, tb_provision_request, directory)
                     ? request->directory
                     : nullptr) {
  if (directory_ == nullptr || !TB_HAS_FIELD(directory_, tb_directory, print)) {
    throw plugin::Failure::fail("ACCOUNTS_NO_DIRECTORY",
                                "cybozu.com のユーザー情報が渡されていません。"
                                "teichaku-bridge accounts plan / apply から実行してください。");
  }
}

DirectorySnapshot DirectoryClient::snapshot(const std::vector<std::string>& codes) const {
  DirectorySnapshot out;
  std::vector<const char*> c;
  c.reserve(codes.size());
  for (const auto& code : codes) {
    c.push_back(code.c_str());
  }
  tb_result result = emptyResult();
  const tb_status status = directory_->snapshot(
      directory_->context, c.data(), c.size(),
      [](void* user, const tb_directory_organization* o) -> int {
        static_cast<DirectorySnapshot*>(user)->organizations[text(o->code)] = text(o->name);
        return 0;
      },
      [](void* user, const tb_directory_user* u) -> int {
        AccountState s;
        s.code = text(u->code);
        s.name = text(u->name);
        s.surName = text(u->sur_name);
        s.givenName = text(u->given_name);
        s.surNameReading = text(u->sur_name_reading);
        s.givenNameReading = text(u->given_name_reading);
        s.email = text(u->email);
        s.organization = text(u->organization);
        s.valid = u->valid != 0;
        s.kintone = u->kintone != 0;
        s.garoon = u->garoon != 0;
        static_cast<DirectorySnapshot*>(user)->users[s.code] = std::move(s);
        return 0;
      },
      &out, &result);
  if (status != TB_OK) {
    throw plugin::Failure(status, result.message_id, result.message);
  }
  return out;
}

void DirectoryClient::apply(std::vector<tb_directory_change>& changes) const {
  if (changes.empty()) {
    return;
  }
  tb_result result = emptyResult();
  const tb_status status =
      directory_->apply(directory_->context, changes.data(), changes.size(), &result);
  if (status != TB_OK) {
    throw plugin::Failure(status, result.message_id, result.message);
  }
}

void DirectoryClient::print(const std::string& line) const {
  directory_->print(directory_->context, line.c_str());
}

}  // namespace teichaku::accounts_plugin
