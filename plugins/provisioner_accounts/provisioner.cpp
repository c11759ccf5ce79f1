#include "provisioner.h"

#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include "centres.h"
#include "directory_client.h"
#include "fingerprint.h"
#include "plan_file.h"
#include "planner.h"
#include "roster.h"
#include "roster_text.h"

namespace teichaku::accounts_plugin {
namespace {

// User API writes take at most 100 items (garoon-cybozu-api.md B2 "Limit per call").
constexpr std::size_t kBatch = 100;

std::string formatTime(std::int64_t unixMs, const char* format, int offsetHours) {
  const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000 + offsetHours * 3600);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, format, &tm);
  return buffer;
}

std::string readFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw plugin::Failure::fail("ACCOUNTS_ROSTER_UNREADABLE", "名簿ファイルを開けません: " + path);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

struct Counts {
  int create = 0, update = 0, move = 0, leave = 0, reactivate = 0, licences = 0;
  void add(Action a) {
    switch (a) {
      case Action::kCreate:
        ++create;
        break;
      case Action::kUpdate:
        ++update;
        break;
      case Action::kMove:
        ++move;
        break;
      case Action::kSuspend:
      case Action::kDelete:
        ++leave;
        break;
      case Action::kReactivate:
        ++reactivate;
        break;
      case Action::kLicences:
        ++licences;
        break;
    }
  }
  std::string text() const {
    return "作成 " + std::to_string(create) + " / 更新 " + std::to_string(update) + " / 異動 " +
           std::to_string(move) + " / 停止・削除 " + std::to_string(leave) + " / 再開 " +
           std::to_string(reactivate) + " / ライセンス " + std::to_string(licences);
  }
};

// The order changes are sent in: organizations first (members need them), removals last.
const Action kApplyOrder[] = {Action::kCreate, Action::kReactivate, Action::kUpdate,
                              Action::kMove,   Action::kLicences,   Action::kSuspend,
                              Action::kDelete};

int32_t abiAction(Action a) {
  switch (a) {
    case Action::kCreate:
      return TB_DIRECTORY_CREATE;
    case Action::kUpdate:
      return TB_DIRECTORY_UPDATE;
    case Action::kMove:
      return TB_DIRECTORY_MOVE;
    case Action::kSuspend:
      return TB_DIRECTORY_SUSPEND;
    case Action::kDelete:
      return TB_DIRECTORY_DELETE;
    case Action::kReactivate:
      return TB_DIRECTORY_REACTIVATE;
    case Action::kLicences:
      return TB_DIRECTORY_LICENCES;
  }
  return 0;
}

tb_directory_change changeFor(int32_t action, const CentrePlan& centre, const AccountState* t) {
  tb_directory_change c{};
  c.struct_size = sizeof(c);
  c.action = action;
  c.centre = centre.code.c_str();
  c.centre_name = centre.name.c_str();
  if (t == nullptr) {  // the centre's organization
    c.code = centre.organization.c_str();
    c.name = centre.name.c_str();
    return c;
  }
  c.code = t->code.c_str();
  c.name = t->name.c_str();
  c.sur_name = t->surName.c_str();
  c.given_name = t->givenName.c_str();
  c.sur_name_reading = t->surNameReading.c_str();
  c.given_name_reading = t->givenNameReading.c_str();
  c.email = t->email.c_str();
  c.organization = t->organization.c_str();
  c.kintone = t->kintone ? 1 : 0;
  c.garoon = t->garoon ? 1 : 0;
  c.status = TB_OK;
  return c;
}

}  // namespace

Settings Settings::fromHost(const plugin::Host& host) {
  Settings s;
  s.leavers = host.configString("leavers").value_or("delete");
  if (s.leavers != "delete" && s.leavers != "suspend") {
    throw plugin::Failure::fail("ACCOUNTS_BAD_SETTING",
                                "leavers には \"delete\" か \"suspend\" を指定してください。");
  }
  s.centresFile = host.configString("centres_file").value_or("");
  s.organizationPrefix = host.configString("organization_prefix").value_or("teichaku-");
  s.kintone = false;
  s.garoon = false;
  for (const auto& licence : host.configStringArray("licences")) {
    if (licence == "kintone") {
      s.kintone = true;
    } else if (licence == "garoon") {
      s.garoon = true;
    } else {
      throw plugin::Failure::fail("ACCOUNTS_BAD_SETTING",
                                  "licences には \"kintone\" と \"garoon\" だけを指定できます。");
    }
  }
  return s;
}

std::vector<std::string> summaryLines(const Plan& plan) {
  std::vector<std::string> lines;
  Counts total;
  for (const auto& c : plan.centres) {
    Counts counts;
    for (const auto& a : c.accounts) {
      for (const auto& action : a.actions) {
        counts.add(action.action);
        total.add(action.action);
      }
    }
    lines.push_back(c.code + " " + c.name + ": " + counts.text() +
                    (c.createOrganization ? "（組織を作成）" : ""));
  }
  lines.push_back("合計: " + total.text());
  if (plan.deferred > 0) {
    lines.push_back("離任日がまだ先のため今回は変更しない人: " + std::to_string(plan.deferred) +
                    " 人");
  }
  return lines;
}

void Provisioner::plan(const tb_provision_request& request) {
  DirectoryClient directory(&request);
  if (request.roster_path == nullptr || request.plan_path == nullptr) {
    throw plugin::Failure::fail("ACCOUNTS_BAD_REQUEST", "名簿と計画ファイルの指定が必要です。");
  }
  const std::string text = decodeRosterText(readFileBytes(request.roster_path));
  const DirectorySnapshot snapshot = directory.snapshot();
  CentreCatalogue centres(settings_.organizationPrefix);
  if (!settings_.centresFile.empty()) {
    centres.loadFile(settings_.centresFile);
  }
  centres.addFromDirectory(snapshot);
  const Roster roster = readRoster(text, centres);

  PlannerSettings ps;
  ps.leavers = settings_.leavers;
  ps.kintone = settings_.kintone;
  ps.garoon = settings_.garoon;
  const std::int64_t now = host_.nowUnixMs();
  ps.today = formatTime(now, "%Y-%m-%d", 9);  // the roster's dates are Japan's (JST)
  Plan plan = makePlan(roster, snapshot, centres, ps);
  plan.createdAt = formatTime(now, "%Y-%m-%dT%H:%M:%SZ", 0);
  plan.rosterFile = request.roster_path;
  writePlanFile(request.plan_path, plan);

  for (const auto& p : roster.problems) {
    directory.print(std::to_string(p.row) + "行目「" + p.column + "」: " + p.reason);
  }
  directory.print("名簿 " + std::to_string(roster.dataRows) + " 行（エラー " +
                  std::to_string(roster.problems.size()) +
                  " 件、エラーの行は計画に入れていません）");
  for (const auto& line : summaryLines(plan)) {
    directory.print(line);
  }
  host_.log(TB_LOG_NOTICE, "ACCOUNTS_PLAN_WRITTEN",
            {{"rows", std::to_string(roster.dataRows)},
             {"problems", std::to_string(roster.problems.size())},
             {"centres", std::to_string(plan.centres.size())}});
}

void Provisioner::apply(const tb_provision_request& request) {
  DirectoryClient directory(&request);
  if (request.plan_path == nullptr) {
    throw plugin::Failure::fail("ACCOUNTS_BAD_REQUEST", "計画ファイルの指定が必要です。");
  }
  const Plan plan = readPlanFile(request.plan_path);
  std::vector<std::string> logins;
  for (const auto& c : plan.centres) {
    for (const auto& a : c.accounts) {
      logins.push_back(a.login);
    }
  }
  const DirectorySnapshot snapshot = directory.snapshot(logins);

  // Each action is still to do (directory = before), already done (= after), or the
  // account was changed by someone else since the plan: then nothing is applied.
  std::map<Action, std::vector<std::pair<const CentrePlan*, const PlannedAccount*>>> todo;
  std::vector<std::string> stale;
  int done = 0;
  for (const auto& c : plan.centres) {
    for (const auto& a : c.accounts) {
      std::optional<AccountState> now;
      if (auto it = snapshot.users.find(a.login); it != snapshot.users.end()) {
        now = it->second;
      }
      bool changed = false;
      std::vector<Action> pending;
      for (const auto& action : a.actions) {
        const std::string current = actionFingerprint(action.action, a.login, now);
        if (current == action.after) {
          ++done;
        } else if (current == action.before) {
          pending.push_back(action.action);
        } else {
          changed = true;
        }
      }
      if (changed) {
        stale.push_back(a.login);
        continue;
      }
      for (Action p : pending) {
        todo[p].push_back({&c, &a});
      }
    }
  }
  if (!stale.empty()) {
    std::string names;
    for (const auto& s : stale) {
      names += (names.empty() ? "" : ", ") + s;
    }
    directory.print("計画を作った後に cybozu.com で変更されたアカウント: " + names);
    throw plugin::Failure::fail("ACCOUNTS_PLAN_STALE",
                                "計画が cybozu.com の現在の状態と合いません（" +
                                    std::to_string(stale.size()) +
                                    " 人）。accounts plan で計画を作り直してください。");
  }

  int applied = 0;
  int failed = 0;
  auto send = [&](std::vector<tb_directory_change>& changes) {
    for (std::size_t begin = 0; begin < changes.size(); begin += kBatch) {
      std::vector<tb_directory_change> batch(
          changes.begin() + static_cast<std::ptrdiff_t>(begin),
          changes.begin() + static_cast<std::ptrdiff_t>(std::min(changes.size(), begin + kBatch)));
      directory.apply(batch);
      for (const auto& c : batch) {
        if (c.status == TB_OK) {
          ++applied;
        } else {
          ++failed;
          directory.print(std::string("失敗: ") + c.code + ": " + c.message);
        }
      }
    }
  };

  std::vector<tb_directory_change> organizations;
  for (const auto& c : plan.centres) {
    if (c.createOrganization && snapshot.organizations.count(c.organization) == 0) {
      organizations.push_back(changeFor(TB_DIRECTORY_CREATE_ORGANIZATION, c, nullptr));
    }
  }
  send(organizations);
  for (Action action : kApplyOrder) {
    std::vector<tb_directory_change> changes;
    for (const auto& [centre, account] : todo[action]) {
      changes.push_back(changeFor(abiAction(action), *centre, &account->target));
    }
    send(changes);
  }
  directory.print("適用: " + std::to_string(applied) + " 件、適用済みのため省略: " +
                  std::to_string(done) + " 件、失敗: " + std::to_string(failed) + " 件");
  host_.log(TB_LOG_NOTICE, "ACCOUNTS_PLAN_APPLIED",
            {{"applied", std::to_string(applied)},
             {"skipped", std::to_string(done)},
             {"failed", std::to_string(failed)}});
  if (failed > 0) {
    throw plugin::Failure::fail("ACCOUNTS_APPLY_INCOMPLETE",
                                std::to_string(failed) +
                                    " 件の変更が失敗しました（ほかの変更は適用しました）。"
                                    "原因を直して同じ計画をもう一度適用できます。");
  }
}

}  // namespace teichaku::accounts_plugin
