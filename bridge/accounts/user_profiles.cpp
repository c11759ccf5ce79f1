#include "accounts/user_profiles.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

#include "cybozu/classify_cybozu.h"
#include "cybozu/user_api_payloads.h"
#include "garoon/password_headers.h"

namespace teichaku::accounts {
namespace {

constexpr int kMaxPages = 100000;  // a server that always answers full pages must not loop us

cybozu::UserApiRequests makeRequests(const cybozu::CybozuClientConfig& config) {
  if (auto problem = garoon::checkServiceBaseUrl(config.baseUrl, "cybozu.com")) {
    throw std::invalid_argument(*problem);
  }
  return cybozu::UserApiRequests(
      config.baseUrl, garoon::passwordHeaders(config.admin, config.basic), config.userAgent);
}

// null and "" both read as "" (B3: the samples show both for an unset value).
std::string text(const rapidjson::Value& object, const char* key) {
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

UserProfiles::UserProfiles(const cybozu::CybozuClientConfig& config,
                           kintone::Backoff::Uniform01 uniform,
                           garoon::RetryingSender::Sleeper sleeper)
    : requests_(makeRequests(config)),
      sender_(config.transport, config.retry, cybozu::cybozuClassifier(), std::move(uniform),
              std::move(sleeper)) {}

std::string profilesBody(const std::vector<ProfileWrite>& users) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto optional = [&w](const char* key, const std::optional<std::string>& value) {
    if (value) {
      w.Key(key);
      w.String(value->c_str(), static_cast<rapidjson::SizeType>(value->size()));
    }
  };
  w.StartObject();
  w.Key("users");
  w.StartArray();
  for (const auto& u : users) {
    w.StartObject();
    w.Key("code");
    w.String(u.code.c_str(), static_cast<rapidjson::SizeType>(u.code.size()));
    optional("password", u.password);
    optional("name", u.name);
    if (u.valid) {
      w.Key("valid");
      w.Bool(*u.valid);
    }
    optional("surName", u.surName);
    optional("givenName", u.givenName);
    optional("surNameReading", u.surNameReading);
    optional("givenNameReading", u.givenNameReading);
    optional("email", u.email);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

cybozu::Fetched<std::vector<Profile>> UserProfiles::readAll() {
  cybozu::Fetched<std::vector<Profile>> out;
  int offset = 0;
  for (int page = 0; page < kMaxPages; ++page) {
    garoon::ApiResult result =
        sender_.send(requests_.get("users", {}, cybozu::kMaxPageSize, offset));
    if (!result.outcome.isOk()) {
      out.outcome = result.outcome;
      out.errorCode = result.errorCode;
      out.value.clear();
      return out;
    }
    auto list = result.json.FindMember("users");
    if (list == result.json.MemberEnd() || !list->value.IsArray()) {
      out.outcome =
          Outcome::fail("CYBOZU_BAD_RESPONSE", "cybozu.com の応答に users がありません。");
      out.value.clear();
      return out;
    }
    for (const auto& u : list->value.GetArray()) {
      if (!u.IsObject()) {
        continue;
      }
      Profile p;
      p.code = text(u, "code");
      p.name = text(u, "name");
      p.surName = text(u, "surName");
      p.givenName = text(u, "givenName");
      p.surNameReading = text(u, "surNameReading");
      p.givenNameReading = text(u, "givenNameReading");
      p.email = text(u, "email");
      p.valid = !u.HasMember("valid") || !u["valid"].IsBool() || u["valid"].GetBool();
      out.value.push_back(std::move(p));
    }
    if (list->value.Size() < static_cast<rapidjson::SizeType>(cybozu::kMaxPageSize)) {
      return out;
    }
    offset += cybozu::kMaxPageSize;
  }
  out.outcome = Outcome::fail("CYBOZU_BAD_RESPONSE", "cybozu.com の一覧が終わりません。");
  return out;
}

cybozu::BatchResult UserProfiles::write(const std::vector<ProfileWrite>& users,
                                        kintone::HttpMethod method, bool idempotent) {
  cybozu::BatchResult out;
  for (std::size_t begin = 0; begin < users.size(); begin += cybozu::kMaxItemsPerWrite) {
    const std::size_t end = std::min(users.size(), begin + cybozu::kMaxItemsPerWrite);
    const std::vector<ProfileWrite> batch(users.begin() + static_cast<std::ptrdiff_t>(begin),
                                          users.begin() + static_cast<std::ptrdiff_t>(end));
    garoon::ApiResult result =
        sender_.send(requests_.write(method, "users", profilesBody(batch), idempotent));
    if (!result.outcome.isOk()) {
      out.outcome = result.outcome;
      out.errorCode = result.errorCode;
      return out;
    }
    out.itemsDone += batch.size();
  }
  return out;
}

cybozu::BatchResult UserProfiles::add(const std::vector<ProfileWrite>& users) {
  return write(users, kintone::HttpMethod::kPost, false);
}

cybozu::BatchResult UserProfiles::update(const std::vector<ProfileWrite>& users) {
  return write(users, kintone::HttpMethod::kPut, true);
}

}  // namespace teichaku::accounts
