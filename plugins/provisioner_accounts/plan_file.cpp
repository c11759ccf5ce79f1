#include "plan_file.h"

#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {
namespace {

constexpr const char* kFormat = "teichaku-accounts-plan/1";

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void field(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void writeTarget(Writer& w, const AccountState& t) {
  w.StartObject();
  field(w, "name", t.name);
  field(w, "surName", t.surName);
  field(w, "givenName", t.givenName);
  field(w, "surNameReading", t.surNameReading);
  field(w, "givenNameReading", t.givenNameReading);
  field(w, "email", t.email);
  field(w, "organization", t.organization);
  w.Key("valid");
  w.Bool(t.valid);
  w.Key("kintone");
  w.Bool(t.kintone);
  w.Key("garoon");
  w.Bool(t.garoon);
  w.EndObject();
}

[[noreturn]] void unreadable(const std::string& what) {
  throw plugin::Failure::fail("ACCOUNTS_PLAN_UNREADABLE", "計画ファイルを読めません: " + what);
}

std::string str(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject() || !object.HasMember(key) || !object[key].IsString()) {
    unreadable(std::string("「") + key + "」がありません");
  }
  return object[key].GetString();
}

bool boolean(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject() || !object.HasMember(key) || !object[key].IsBool()) {
    unreadable(std::string("「") + key + "」がありません");
  }
  return object[key].GetBool();
}

const rapidjson::Value& array(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject() || !object.HasMember(key) || !object[key].IsArray()) {
    unreadable(std::string("「") + key + "」がありません");
  }
  return object[key];
}

int integer(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject() || !object.HasMember(key) || !object[key].IsInt()) {
    unreadable(std::string("「") + key + "」がありません");
  }
  return object[key].GetInt();
}

}  // namespace

std::string planToJson(const Plan& plan) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 1);
  w.StartObject();
  field(w, "format", kFormat);
  field(w, "createdAt", plan.createdAt);
  field(w, "roster", plan.rosterFile);
  field(w, "leavers", plan.leavers);
  field(w, "fingerprint", plan.fingerprint);
  w.Key("rosterRows");
  w.Int(plan.rosterRows);
  w.Key("deferred");
  w.Int(plan.deferred);
  w.Key("centres");
  w.StartArray();
  for (const auto& c : plan.centres) {
    w.StartObject();
    field(w, "code", c.code);
    field(w, "name", c.name);
    field(w, "organization", c.organization);
    w.Key("createOrganization");
    w.Bool(c.createOrganization);
    w.Key("accounts");
    w.StartArray();
    for (const auto& a : c.accounts) {
      w.StartObject();
      field(w, "login", a.login);
      w.Key("row");
      w.Int(a.row);
      field(w, "fingerprint", a.fingerprint);
      w.Key("actions");
      w.StartArray();
      for (const auto& action : a.actions) {
        w.StartObject();
        field(w, "action", actionName(action.action));
        field(w, "before", action.before);
        field(w, "after", action.after);
        w.EndObject();
      }
      w.EndArray();
      w.Key("target");
      writeTarget(w, a.target);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("problems");
  w.StartArray();
  for (const auto& p : plan.problems) {
    w.StartObject();
    for (const auto& [key, value] : p) {
      if (key == "row") {
        w.Key("row");
        w.Int(std::stoi(value));
      } else {
        field(w, key.c_str(), value);
      }
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

Plan planFromJson(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  if (doc.HasParseError() || !doc.IsObject()) {
    unreadable("JSON ではありません");
  }
  if (str(doc, "format") != kFormat) {
    unreadable("形式が " + std::string(kFormat) + " ではありません");
  }
  Plan plan;
  plan.createdAt = str(doc, "createdAt");
  plan.rosterFile = str(doc, "roster");
  plan.leavers = str(doc, "leavers");
  plan.fingerprint = str(doc, "fingerprint");
  plan.rosterRows = integer(doc, "rosterRows");
  plan.deferred = integer(doc, "deferred");
  for (const auto& c : array(doc, "centres").GetArray()) {
    CentrePlan centre;
    centre.code = str(c, "code");
    centre.name = str(c, "name");
    centre.organization = str(c, "organization");
    centre.createOrganization = boolean(c, "createOrganization");
    for (const auto& a : array(c, "accounts").GetArray()) {
      PlannedAccount account;
      account.login = str(a, "login");
      account.row = integer(a, "row");
      account.fingerprint = str(a, "fingerprint");
      for (const auto& action : array(a, "actions").GetArray()) {
        PlannedAction p;
        if (!actionFromName(str(action, "action"), p.action)) {
          unreadable("不明な変更 " + str(action, "action"));
        }
        p.before = str(action, "before");
        p.after = str(action, "after");
        account.actions.push_back(std::move(p));
      }
      if (!a.HasMember("target")) {
        unreadable("「target」がありません");
      }
      const auto& t = a["target"];
      account.target.code = account.login;
      account.target.name = str(t, "name");
      account.target.surName = str(t, "surName");
      account.target.givenName = str(t, "givenName");
      account.target.surNameReading = str(t, "surNameReading");
      account.target.givenNameReading = str(t, "givenNameReading");
      account.target.email = str(t, "email");
      account.target.organization = str(t, "organization");
      account.target.valid = boolean(t, "valid");
      account.target.kintone = boolean(t, "kintone");
      account.target.garoon = boolean(t, "garoon");
      centre.accounts.push_back(std::move(account));
    }
    plan.centres.push_back(std::move(centre));
  }
  return plan;
}

void writePlanFile(const std::string& path, const Plan& plan) {
  const std::string text = planToJson(plan);
  // 0600 from the start: the plan names people.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw plugin::Failure::fail(
        "ACCOUNTS_PLAN_WRITE_FAILED",
        "計画ファイルを書けません: " + path + "（" + std::strerror(errno) + "）");
  }
  const bool ok = ::fchmod(fd, 0600) == 0 &&
                  ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const int savedErrno = errno;
  if (::close(fd) != 0 || !ok) {
    throw plugin::Failure::fail(
        "ACCOUNTS_PLAN_WRITE_FAILED",
        "計画ファイルを書けません: " + path + "（" + std::strerror(savedErrno) + "）");
  }
}

Plan readPlanFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw plugin::Failure::fail("ACCOUNTS_PLAN_UNREADABLE", "計画ファイルがありません: " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return planFromJson(text.str());
}

}  // namespace teichaku::accounts_plugin
