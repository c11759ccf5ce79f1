// Organizations, groups and titles of UserDirectory (users are in user_directory.cpp).
#include "emulator/cybozu/directory_errors.h"
#include "emulator/cybozu/user_directory.h"

namespace teichaku::emulator::cybozu {
using detail::at;
using detail::duplicate;
using detail::isBlank;
using detail::notFound;
using detail::required;

namespace {

template <typename Input>
std::vector<std::string> codesOf(const std::vector<Input>& inputs) {
  std::vector<std::string> codes;
  for (const auto& input : inputs) {
    codes.push_back(input.code);
  }
  return codes;
}

std::vector<std::string> describe(const std::vector<CodeChange>& changes) {
  std::vector<std::string> codes;
  for (const auto& change : changes) {
    codes.push_back(change.currentCode + "->" + change.newCode);
  }
  return codes;
}

}  // namespace

WriteResult UserDirectory::addOrganizations(const std::vector<OrganizationInput>& inputs) {
  return apply("organizations.add", codesOf(inputs), [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto& input = inputs[i];
      const std::string path = at("organizations", i, "");
      if (input.code.empty() || isBlank(input.code)) {
        return required(path + ".code");
      }
      if (findOrganization(state, input.code) != nullptr) {
        return duplicate(path + ".code");
      }
      if (!input.name || input.name->empty() || isBlank(*input.name)) {
        return required(path + ".name");
      }
      // Parents must come first in the same list (add-organizations).
      const std::string parent = input.parentCode.value_or("");
      if (!parent.empty() && findOrganization(state, parent) == nullptr) {
        return notFound(path + ".parentCode");
      }
      Organization org;
      org.id = std::to_string(state.nextOrganizationId++);
      org.garoonId = std::to_string(state.nextGaroonOrganizationId++);
      org.code = input.code;
      org.name = *input.name;
      org.localName = input.localName.value_or("");
      org.localNameLocale = input.localNameLocale.value_or("");
      org.parentCode = parent;
      org.description = input.description.value_or("");
      state.organizationsById.emplace(std::stoll(org.id), std::move(org));
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::updateOrganizations(const std::vector<OrganizationInput>& inputs) {
  return apply("organizations.update", codesOf(inputs), [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto& input = inputs[i];
      const std::string path = at("organizations", i, "");
      Organization* org = findOrganization(state, input.code);
      if (org == nullptr) {
        return notFound(path + ".code");
      }
      if (input.name) {
        if (input.name->empty() || isBlank(*input.name)) {
          return required(path + ".name");
        }
        org->name = *input.name;
      }
      if (input.parentCode) {
        // Walk up from the new parent: reaching this org would make a cycle.
        for (std::string ancestor = *input.parentCode; !ancestor.empty();) {
          const Organization* up = findOrganization(state, ancestor);
          if (up == nullptr) {
            return notFound(path + ".parentCode");
          }
          if (up->code == org->code) {
            return DirectoryError{path + ".parentCode", "指定できない値です。"};
          }
          ancestor = up->parentCode;
        }
        org->parentCode = *input.parentCode;
      }
      if (input.localName) {
        org->localName = *input.localName;
      }
      if (input.localNameLocale) {
        org->localNameLocale = *input.localNameLocale;
      }
      // The one field an omission clears (update-organizations).
      org->description = input.description.value_or("");
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::deleteOrganizations(const std::vector<std::string>& codes) {
  return apply("organizations.delete", codes, [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < codes.size(); ++i) {
      if (findOrganization(state, codes[i]) == nullptr) {
        return notFound(at("codes", i, ""));
      }
      // Collect the subtree first, then drop it and every membership in it.
      std::set<std::string> doomedCodes = {codes[i]};
      for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [id, org] : state.organizationsById) {
          if (!org.parentCode.empty() && doomedCodes.count(org.parentCode) > 0 &&
              doomedCodes.insert(org.code).second) {
            grew = true;
          }
        }
      }
      std::set<std::string> doomedIds;
      for (auto it = state.organizationsById.begin(); it != state.organizationsById.end();) {
        if (doomedCodes.count(it->second.code) > 0) {
          doomedIds.insert(it->second.id);
          it = state.organizationsById.erase(it);
        } else {
          ++it;
        }
      }
      for (auto& [id, user] : state.usersById) {
        std::erase_if(user.organizations, [&](const OrganizationMembership& m) {
          return doomedIds.count(m.organizationId) > 0;
        });
      }
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::changeOrganizationCodes(const std::vector<CodeChange>& changes) {
  return apply("organizations.codes", describe(changes), [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < changes.size(); ++i) {
      Organization* org = findOrganization(state, changes[i].currentCode);
      if (org == nullptr) {
        return notFound(at("codes", i, "currentCode"));
      }
      const std::string& newCode = changes[i].newCode;
      if (newCode.empty() || isBlank(newCode)) {
        return required(at("codes", i, "newCode"));
      }
      if (newCode != org->code && findOrganization(state, newCode) != nullptr) {
        return duplicate(at("codes", i, "newCode"));
      }
      for (auto& [id, child] : state.organizationsById) {
        if (child.parentCode == org->code) {
          child.parentCode = newCode;
        }
      }
      org->code = newCode;
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::addGroups(const std::vector<GroupInput>& inputs) {
  return apply("groups.add", codesOf(inputs), [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto& input = inputs[i];
      const std::string path = at("groups", i, "");
      if (input.code.empty() || isBlank(input.code)) {
        return required(path + ".code");
      }
      if (findGroup(state, input.code) != nullptr) {
        return duplicate(path + ".code");
      }
      if (!input.name || input.name->empty()) {
        return required(path + ".name");
      }
      if (!input.type) {
        return required(path + ".type");
      }
      if (*input.type != "static" && *input.type != "dynamic") {
        return DirectoryError{path + ".type", "指定できない値です。"};
      }
      Group group;
      group.id = std::to_string(state.nextGroupId++);
      group.code = input.code;
      group.name = *input.name;
      group.type = *input.type;
      group.description = input.description.value_or("");
      state.groupsById.emplace(std::stoll(group.id), std::move(group));
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::updateGroups(const std::vector<GroupInput>& inputs) {
  return apply("groups.update", codesOf(inputs), [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      Group* group = findGroup(state, inputs[i].code);
      if (group == nullptr) {
        return notFound(at("groups", i, "code"));
      }
      if (inputs[i].name) {
        group->name = *inputs[i].name;
      }
      if (inputs[i].description) {
        group->description = *inputs[i].description;
      }
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::deleteGroups(const std::vector<std::string>& codes) {
  return apply("groups.delete", codes, [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const Group* group = findGroup(state, codes[i]);
      if (group == nullptr) {
        return notFound(at("codes", i, ""));
      }
      if (group->code == kAdministratorsGroup || group->code == kEveryoneGroup) {
        return DirectoryError{at("codes", i, ""), "このグループは削除できません。"};
      }
      const std::string id = group->id;
      for (auto& [userId, user] : state.usersById) {
        user.groupIds.erase(id);
      }
      state.groupsById.erase(std::stoll(id));
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::addTitles(const std::vector<Title>& titles) {
  return apply("titles.add", codesOf(titles), [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < titles.size(); ++i) {
      if (titles[i].code.empty()) {
        return required(at("titles", i, "code"));
      }
      if (state.titlesByCode.count(titles[i].code) > 0) {
        return duplicate(at("titles", i, "code"));
      }
      Title title = titles[i];
      title.id = std::to_string(state.nextTitleId++);
      state.titlesByCode.emplace(title.code, std::move(title));
    }
    return std::nullopt;
  });
}

}  // namespace teichaku::emulator::cybozu
