#include "accounts/cybozu_directory.h"

#include <algorithm>
#include <map>
#include <set>

namespace teichaku::accounts {
namespace {

std::vector<std::string> servicesWith(std::vector<std::string> current, bool kintone, bool garoon) {
  // PUT users/services.json replaces the whole set (B2 #11): keep office, mailwise, …
  current.erase(
      std::remove_if(current.begin(), current.end(),
                     [](const std::string& s) { return s == "kintone" || s == "garoon"; }),
      current.end());
  if (kintone) {
    current.push_back("kintone");
  }
  if (garoon) {
    current.push_back("garoon");
  }
  return current;
}

}  // namespace

const char* auditAction(tb_directory_action action) {
  switch (action) {
    case TB_DIRECTORY_CREATE:
      return "account.create";
    case TB_DIRECTORY_UPDATE:
      return "account.update";
    case TB_DIRECTORY_MOVE:
      return "account.move";
    case TB_DIRECTORY_SUSPEND:
      return "account.suspend";
    case TB_DIRECTORY_DELETE:
      return "account.delete";
    case TB_DIRECTORY_REACTIVATE:
      return "account.reactivate";
    case TB_DIRECTORY_LICENCES:
      return "account.licences";
    case TB_DIRECTORY_CREATE_ORGANIZATION:
      return "organization.create";
  }
  return "account.unknown";
}

CybozuDirectory::CybozuDirectory(const cybozu::CybozuClientConfig& config, PasswordBook& passwords,
                                 Applied onApplied, RandomBytes random)
    : client_(std::make_unique<cybozu::CybozuUserClient>(config)),
      profiles_(std::make_unique<UserProfiles>(config)),
      passwords_(passwords),
      onApplied_(std::move(onApplied)),
      random_(std::move(random)) {}

Outcome CybozuDirectory::snapshot(const std::vector<std::string>& codes, DirectorySnapshot& out) {
  auto organizations = client_->getOrganizations();
  if (!organizations.outcome.isOk()) {
    return organizations.outcome;
  }
  auto profiles = profiles_->readAll();
  if (!profiles.outcome.isOk()) {
    return profiles.outcome;
  }
  // All users' services, filtered below: asking for codes that do not exist yet (the
  // accounts a plan creates) is not documented to be harmless (B2 #10).
  auto services = client_->getUserServices();
  if (!services.outcome.isOk()) {
    return services.outcome;
  }
  std::map<std::string, std::string> organizationOf;
  for (const auto& o : organizations.value) {
    out.organizations.push_back({o.code, o.name});
    auto members = client_->getOrganizationUsers(o.code);
    if (!members.outcome.isOk()) {
      return members.outcome;
    }
    for (const auto& m : members.value) {
      organizationOf.emplace(m.code, o.code);  // the first organization (by id) wins
    }
  }
  std::map<std::string, std::set<std::string>> servicesOf;
  for (const auto& s : services.value) {
    servicesOf[s.code].insert(s.services.begin(), s.services.end());
  }
  const std::set<std::string> wanted(codes.begin(), codes.end());
  for (const auto& p : profiles.value) {
    if (!wanted.empty() && wanted.count(p.code) == 0) {
      continue;
    }
    DirectoryUser u;
    u.code = p.code;
    u.name = p.name;
    u.surName = p.surName;
    u.givenName = p.givenName;
    u.surNameReading = p.surNameReading;
    u.givenNameReading = p.givenNameReading;
    u.email = p.email;
    u.valid = p.valid;
    if (auto it = organizationOf.find(p.code); it != organizationOf.end()) {
      u.organization = it->second;
    }
    const auto& s = servicesOf[p.code];
    u.kintone = s.count("kintone") != 0;
    u.garoon = s.count("garoon") != 0;
    out.users.push_back(std::move(u));
  }
  return Outcome::ok();
}

void CybozuDirectory::inBatches(
    std::vector<DirectoryChange*>& items,
    const std::function<cybozu::BatchResult(const std::vector<DirectoryChange*>&)>& write) {
  if (items.empty()) {
    return;
  }
  const cybozu::BatchResult all = write(items);
  if (all.outcome.isOk()) {
    return;
  }
  for (std::size_t i = 0; i < all.itemsDone && i < items.size(); ++i) {
    items[i]->result = Outcome::ok();
  }
  if (items.size() - all.itemsDone == 1) {
    items.back()->result = all.outcome;
    return;
  }
  for (std::size_t i = all.itemsDone; i < items.size(); ++i) {
    const cybozu::BatchResult one = write({items[i]});
    items[i]->result = one.outcome;
  }
}

void CybozuDirectory::create(std::vector<DirectoryChange*>& items) {
  std::map<std::string, std::string> passwordOf;
  for (auto* c : items) {
    passwordOf[c->code] = generatePassword(kDefaultPasswordLength, random_);
  }
  inBatches(items, [&](const std::vector<DirectoryChange*>& batch) {
    std::vector<ProfileWrite> users;
    for (const auto* c : batch) {
      users.push_back({c->code, passwordOf[c->code], c->name, c->surName, c->givenName,
                       c->surNameReading, c->givenNameReading,
                       c->email.empty() ? std::nullopt : std::optional<std::string>(c->email),
                       true});
    }
    return profiles_->add(users);
  });
  std::vector<DirectoryChange*> created;
  for (auto* c : items) {
    if (c->result.isOk()) {
      // The account exists with this password from now on, whatever happens next.
      passwords_.add("initial", c->centre, c->centreName, {c->code, passwordOf[c->code]});
      created.push_back(c);
    }
  }
  inBatches(created, [&](const std::vector<DirectoryChange*>& batch) {
    std::vector<cybozu::UserOrganizations> memberships;
    for (const auto* c : batch) {
      memberships.push_back({c->code, {{c->organization, ""}}});
    }
    return client_->setUserOrganizations(memberships);
  });
  std::vector<DirectoryChange*> placed;
  for (auto* c : created) {
    if (c->result.isOk()) {
      placed.push_back(c);
    } else {
      c->result = Outcome::fail(
          c->result.messageId(),
          "アカウントは作成しましたが組織に所属させられませんでした: " + c->result.message());
    }
  }
  inBatches(placed, [&](const std::vector<DirectoryChange*>& batch) {
    std::vector<cybozu::UserServices> services;
    for (const auto* c : batch) {
      services.push_back({c->code, servicesWith({}, c->kintone, c->garoon)});
    }
    return client_->setUserServices(services);
  });
  for (auto* c : placed) {
    if (!c->result.isOk()) {
      c->result = Outcome::fail(
          c->result.messageId(),
          "アカウントは作成しましたがライセンスを設定できませんでした: " + c->result.message());
    }
  }
}

void CybozuDirectory::apply(std::vector<DirectoryChange>& changes) {
  std::map<tb_directory_action, std::vector<DirectoryChange*>> byAction;
  for (auto& c : changes) {
    c.result = Outcome::ok();
    byAction[c.action].push_back(&c);
  }
  for (auto& [action, items] : byAction) {
    switch (action) {
      case TB_DIRECTORY_CREATE_ORGANIZATION:
        inBatches(items, [&](const std::vector<DirectoryChange*>& batch) {
          std::vector<cybozu::OrganizationInput> organizations;
          for (const auto* c : batch) {
            organizations.push_back({c->code, c->name, std::nullopt, ""});
          }
          return client_->addOrganizations(organizations);
        });
        break;
      case TB_DIRECTORY_CREATE:
        create(items);
        break;
      case TB_DIRECTORY_UPDATE:
        inBatches(items, [&](const std::vector<DirectoryChange*>& batch) {
          std::vector<ProfileWrite> users;
          for (const auto* c : batch) {
            // Only active roster members are updated, so valid = true is their wanted state.
            users.push_back({c->code, std::nullopt, c->name, c->surName, c->givenName,
                             c->surNameReading, c->givenNameReading,
                             c->email.empty() ? std::nullopt : std::optional<std::string>(c->email),
                             true});
          }
          return profiles_->update(users);
        });
        break;
      case TB_DIRECTORY_SUSPEND:
      case TB_DIRECTORY_REACTIVATE:
        inBatches(items, [&](const std::vector<DirectoryChange*>& batch) {
          std::vector<ProfileWrite> users;
          for (const auto* c : batch) {
            ProfileWrite w;
            w.code = c->code;
            w.valid = c->action == TB_DIRECTORY_REACTIVATE;
            users.push_back(std::move(w));
          }
          return profiles_->update(users);
        });
        break;
      case TB_DIRECTORY_MOVE:
        inBatches(items, [&](const std::vector<DirectoryChange*>& batch) {
          std::vector<cybozu::UserOrganizations> memberships;
          for (const auto* c : batch) {
            memberships.push_back({c->code, {{c->organization, ""}}});
          }
          return client_->setUserOrganizations(memberships);
        });
        break;
      case TB_DIRECTORY_LICENCES:
        inBatches(items, [&](const std::vector<DirectoryChange*>& batch) {
          std::vector<std::string> codes;
          for (const auto* c : batch) {
            codes.push_back(c->code);
          }
          auto current = client_->getUserServices(codes);
          if (!current.outcome.isOk()) {
            return cybozu::BatchResult{current.outcome, 0, current.errorCode};
          }
          std::map<std::string, std::vector<std::string>> servicesOf;
          for (const auto& s : current.value) {
            servicesOf[s.code] = s.services;
          }
          std::vector<cybozu::UserServices> services;
          for (const auto* c : batch) {
            services.push_back({c->code, servicesWith(servicesOf[c->code], c->kintone, c->garoon)});
          }
          return client_->setUserServices(services);
        });
        break;
      case TB_DIRECTORY_DELETE:
        inBatches(items, [&](const std::vector<DirectoryChange*>& batch) {
          std::vector<std::string> codes;
          for (const auto* c : batch) {
            codes.push_back(c->code);
          }
          return client_->deleteUsers(codes);
        });
        break;
      default:
        for (auto* c : items) {
          c->result = Outcome::fail("ACCOUNTS_UNKNOWN_CHANGE", "不明な種類の変更です。");
        }
        break;
    }
  }
  for (const auto& c : changes) {
    if (c.result.isOk()) {
      onApplied_(c);
    }
  }
}

Outcome CybozuDirectory::rotate(const std::string& organizationCode, const std::string& keepLogin,
                                const std::string& centreCode, std::vector<std::string>& failed) {
  auto organization = client_->getOrganizations({organizationCode});
  if (!organization.outcome.isOk()) {
    return organization.outcome;
  }
  if (organization.value.empty()) {
    return Outcome::fail("ACCOUNTS_UNKNOWN_CENTRE", "センター " + centreCode + " の組織（" +
                                                        organizationCode +
                                                        "）が cybozu.com にありません。");
  }
  const std::string centreName = organization.value.front().name;
  auto members = client_->getOrganizationUsers(organizationCode);
  if (!members.outcome.isOk()) {
    return members.outcome;
  }
  std::vector<DirectoryChange> changes;
  std::map<std::string, ProfileWrite> writeOf;
  for (const auto& m : members.value) {
    if (m.code == keepLogin) {
      continue;
    }
    DirectoryChange c;
    c.code = m.code;
    changes.push_back(c);
    ProfileWrite w;
    w.code = m.code;
    w.password = generatePassword(kDefaultPasswordLength, random_);
    w.valid = m.valid;  // an omitted valid would re-activate a suspended account (B3)
    writeOf[m.code] = std::move(w);
  }
  std::vector<DirectoryChange*> items;
  for (auto& c : changes) {
    items.push_back(&c);
  }
  inBatches(items, [&](const std::vector<DirectoryChange*>& batch) {
    std::vector<ProfileWrite> users;
    for (const auto* c : batch) {
      users.push_back(writeOf[c->code]);
    }
    return profiles_->update(users);
  });
  for (const auto& c : changes) {
    if (c.result.isOk()) {
      passwords_.add("rotated", centreCode, centreName, {c.code, *writeOf[c.code].password});
    } else {
      failed.push_back(c.code);
    }
  }
  return Outcome::ok();
}

}  // namespace teichaku::accounts
