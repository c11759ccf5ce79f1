#include "cybozu/cybozu_user_client.h"

#include <stdexcept>
#include <utility>

#include "cybozu/classify_cybozu.h"
#include "cybozu/user_api_payloads.h"
#include "garoon/password_headers.h"

namespace teichaku::cybozu {

namespace {

// Far more than any tenant: a server that always answers full pages must not loop us.
constexpr int kMaxPages = 100000;

Outcome badResponse(const char* what) {
  return Outcome::fail("CYBOZU_BAD_RESPONSE",
                       std::string("cybozu.com の応答に ") + what + " がありません。");
}

UserApiRequests makeRequests(const CybozuClientConfig& config) {
  if (auto problem = garoon::checkServiceBaseUrl(config.baseUrl, "cybozu.com")) {
    throw std::invalid_argument(*problem);
  }
  return UserApiRequests(config.baseUrl, garoon::passwordHeaders(config.admin, config.basic),
                         config.userAgent);
}

template <typename T>
std::vector<std::vector<T>> chunks(const std::vector<T>& items, std::size_t size) {
  std::vector<std::vector<T>> out;
  for (std::size_t begin = 0; begin < items.size(); begin += size) {
    const std::size_t end = std::min(items.size(), begin + size);
    out.emplace_back(items.begin() + static_cast<std::ptrdiff_t>(begin),
                     items.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return out;
}

}  // namespace

CybozuUserClient::CybozuUserClient(CybozuClientConfig config, kintone::Backoff::Uniform01 uniform,
                                   garoon::RetryingSender::Sleeper sleeper)
    : requests_(makeRequests(config)),
      sender_(std::move(config.transport), config.retry, cybozuClassifier(), std::move(uniform),
              std::move(sleeper)) {}

template <typename Read>
Outcome CybozuUserClient::readPages(
    const std::function<kintone::HttpRequest(int size, int offset)>& build, const char* listKey,
    Read read, std::string& errorCode) {
  int offset = 0;
  for (int page = 0; page < kMaxPages; ++page) {
    garoon::ApiResult result = sender_.send(build(kMaxPageSize, offset));
    if (!result.outcome.isOk()) {
      errorCode = result.errorCode;
      return result.outcome;
    }
    auto list = result.json.FindMember(listKey);
    if (list == result.json.MemberEnd() || !list->value.IsArray()) {
      return badResponse(listKey);
    }
    for (const auto& item : list->value.GetArray()) {
      if (!read(item)) {
        return badResponse(listKey);
      }
    }
    if (list->value.Size() < static_cast<rapidjson::SizeType>(kMaxPageSize)) {
      return Outcome::ok();
    }
    offset += kMaxPageSize;
  }
  return Outcome::fail("CYBOZU_BAD_RESPONSE", "cybozu.com の一覧が終わりません。");
}

template <typename T>
BatchResult CybozuUserClient::writeInBatches(
    const std::vector<T>& items, kintone::HttpMethod method, const std::string& resource,
    bool idempotent, const std::function<std::string(const std::vector<T>&)>& body) {
  BatchResult out;
  for (const auto& batch : chunks(items, kMaxItemsPerWrite)) {
    garoon::ApiResult result =
        sender_.send(requests_.write(method, resource, body(batch), idempotent));
    if (!result.outcome.isOk()) {
      out.errorCode = result.errorCode;
      // Field paths such as users[3].code count from the start of this batch.
      out.outcome =
          out.itemsDone == 0
              ? result.outcome
              : Outcome(result.outcome.isRetry()
                            ? Outcome::retry(result.outcome.messageId(), result.outcome.message())
                            : Outcome::fail(result.outcome.messageId(),
                                            result.outcome.message() + "（" +
                                                std::to_string(out.itemsDone + 1) +
                                                " 件目からのバッチ）"));
      return out;
    }
    out.itemsDone += batch.size();
  }
  return out;
}

Fetched<std::vector<CybozuUser>> CybozuUserClient::getUsers(const std::vector<std::string>& codes) {
  Fetched<std::vector<CybozuUser>> out;
  auto readUsers = [&out](const rapidjson::Value& value) {
    auto user = readUser(value);
    if (user) {
      out.value.push_back(std::move(*user));
    }
    return user.has_value();
  };
  if (codes.empty()) {
    out.outcome =
        readPages([this](int size, int offset) { return requests_.get("users", {}, size, offset); },
                  "users", readUsers, out.errorCode);
    return out;
  }
  for (const auto& batch : chunks(codes, static_cast<std::size_t>(kMaxPageSize))) {
    out.outcome =
        readPages([this, &batch](
                      int size, int offset) { return requests_.get("users", batch, size, offset); },
                  "users", readUsers, out.errorCode);
    if (!out.outcome.isOk()) {
      out.value.clear();
      return out;
    }
  }
  return out;
}

BatchResult CybozuUserClient::addUsers(const std::vector<UserInput>& users) {
  for (const auto& user : users) {
    if (user.code.empty() || !user.password || user.password->empty() || !user.name ||
        user.name->empty()) {
      return {Outcome::fail("CYBOZU_INVALID_ARGUMENT",
                            "ユーザー追加にはログイン名・パスワード・表示名が必要です。"),
              0,
              {}};
    }
  }
  return writeInBatches<UserInput>(users, kintone::HttpMethod::kPost, "users", false, usersBody);
}

BatchResult CybozuUserClient::updateUsers(const std::vector<UserInput>& users) {
  return writeInBatches<UserInput>(users, kintone::HttpMethod::kPut, "users", true, usersBody);
}

BatchResult CybozuUserClient::deleteUsers(const std::vector<std::string>& codes) {
  return writeInBatches<std::string>(codes, kintone::HttpMethod::kDelete, "users", false,
                                     codesBody);
}

BatchResult CybozuUserClient::changeUserCodes(const std::vector<CodeChange>& changes) {
  return writeInBatches<CodeChange>(changes, kintone::HttpMethod::kPut, "users/codes", false,
                                    codeChangesBody);
}

Fetched<std::vector<Organization>> CybozuUserClient::getOrganizations(
    const std::vector<std::string>& codes) {
  Fetched<std::vector<Organization>> out;
  auto readOne = [&out](const rapidjson::Value& value) {
    auto organization = readOrganization(value);
    if (organization) {
      out.value.push_back(std::move(*organization));
    }
    return organization.has_value();
  };
  for (const auto& batch : codes.empty() ? std::vector<std::vector<std::string>>{{}}
                                         : chunks(codes, static_cast<std::size_t>(kMaxPageSize))) {
    out.outcome = readPages(
        [this, &batch](int size, int offset) {
          return requests_.get("organizations", batch, size, offset);
        },
        "organizations", readOne, out.errorCode);
    if (!out.outcome.isOk()) {
      out.value.clear();
      return out;
    }
  }
  return out;
}

BatchResult CybozuUserClient::addOrganizations(
    const std::vector<OrganizationInput>& organizations) {
  return writeInBatches<OrganizationInput>(organizations, kintone::HttpMethod::kPost,
                                           "organizations", false, organizationsBody);
}

BatchResult CybozuUserClient::updateOrganizations(
    const std::vector<OrganizationInput>& organizations) {
  return writeInBatches<OrganizationInput>(organizations, kintone::HttpMethod::kPut,
                                           "organizations", true, organizationsBody);
}

BatchResult CybozuUserClient::deleteOrganizations(const std::vector<std::string>& codes) {
  return writeInBatches<std::string>(codes, kintone::HttpMethod::kDelete, "organizations", false,
                                     codesBody);
}

// B2 #17: {userTitles:[{user, title|null}]}.
Fetched<std::vector<CybozuUser>> CybozuUserClient::getOrganizationUsers(
    const std::string& organizationCode) {
  Fetched<std::vector<CybozuUser>> out;
  out.outcome = readPages(
      [this, &organizationCode](int size, int offset) {
        return requests_.getForCode("organization/users", organizationCode, size, offset);
      },
      "userTitles",
      [&out](const rapidjson::Value& value) {
        auto user =
            value.IsObject() && value.HasMember("user") ? readUser(value["user"]) : std::nullopt;
        if (user) {
          out.value.push_back(std::move(*user));
        }
        return user.has_value();
      },
      out.errorCode);
  if (!out.outcome.isOk()) {
    out.value.clear();
  }
  return out;
}

// B2 #6: {organizationTitles:[{organization, title|null}]}; not paged.
Fetched<std::vector<UserOrganization>> CybozuUserClient::getUserOrganizations(
    const std::string& userCode) {
  Fetched<std::vector<UserOrganization>> out;
  garoon::ApiResult result =
      sender_.send(requests_.getForCode("user/organizations", userCode, 0, 0));
  if (!result.outcome.isOk()) {
    return {result.outcome, {}, result.errorCode};
  }
  auto list = result.json.FindMember("organizationTitles");
  if (list == result.json.MemberEnd() || !list->value.IsArray()) {
    return {badResponse("organizationTitles"), {}, {}};
  }
  for (const auto& item : list->value.GetArray()) {
    auto organization = item.IsObject() && item.HasMember("organization")
                            ? readOrganization(item["organization"])
                            : std::nullopt;
    if (!organization) {
      return {badResponse("organization"), {}, {}};
    }
    UserOrganization entry{std::move(*organization), {}};
    if (auto title = item.FindMember("title");
        title != item.MemberEnd() && title->value.IsObject() && title->value.HasMember("code") &&
        title->value["code"].IsString()) {
      entry.titleCode = title->value["code"].GetString();
    }
    out.value.push_back(std::move(entry));
  }
  return out;
}

BatchResult CybozuUserClient::setUserOrganizations(
    const std::vector<UserOrganizations>& assignments) {
  for (const auto& assignment : assignments) {
    if (assignment.organizations.size() > kMaxItemsPerWrite) {
      return {
          Outcome::fail("CYBOZU_INVALID_ARGUMENT", "1 ユーザーに設定できる組織は 100 件までです。"),
          0,
          {}};
    }
  }
  return writeInBatches<UserOrganizations>(assignments, kintone::HttpMethod::kPut,
                                           "userOrganizations", true, userOrganizationsBody);
}

Fetched<std::vector<UserServices>> CybozuUserClient::getUserServices(
    const std::vector<std::string>& codes) {
  Fetched<std::vector<UserServices>> out;
  auto readOne = [&out](const rapidjson::Value& value) {
    auto services = readUserServices(value);
    if (services) {
      out.value.push_back(std::move(*services));
    }
    return services.has_value();
  };
  for (const auto& batch : codes.empty() ? std::vector<std::vector<std::string>>{{}}
                                         : chunks(codes, static_cast<std::size_t>(kMaxPageSize))) {
    out.outcome = readPages(
        [this, &batch](int size, int offset) {
          return requests_.get("users/services", batch, size, offset);
        },
        "users", readOne, out.errorCode);
    if (!out.outcome.isOk()) {
      out.value.clear();
      return out;
    }
  }
  return out;
}

BatchResult CybozuUserClient::setUserServices(const std::vector<UserServices>& services) {
  for (const auto& user : services) {
    for (const auto& service : user.services) {
      if (!isKnownService(service)) {
        return {
            Outcome::fail("CYBOZU_INVALID_ARGUMENT",
                          "未知のサービス名です: " + service +
                              "（kintone, garoon, office, mailwise, secure_access のいずれか）"),
            0,
            {}};
      }
    }
  }
  return writeInBatches<UserServices>(services, kintone::HttpMethod::kPut, "users/services", true,
                                      userServicesBody);
}

Fetched<std::vector<Group>> CybozuUserClient::getGroups() {
  Fetched<std::vector<Group>> out;
  out.outcome = readPages(
      [this](int size, int offset) { return requests_.get("groups", {}, size, offset); }, "groups",
      [&out](const rapidjson::Value& value) {
        auto group = readGroup(value);
        if (group) {
          out.value.push_back(std::move(*group));
        }
        return group.has_value();
      },
      out.errorCode);
  if (!out.outcome.isOk()) {
    out.value.clear();
  }
  return out;
}

}  // namespace teichaku::cybozu
