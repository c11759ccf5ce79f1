#include "rules/standard_tasks_rule.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string_view>
#include <variant>

#include "domain/date.h"
#include "garoon/payload_guard.h"
#include "log/log.h"
#include "mapping/mapping.h"
#include "rules/centre_directory.h"
#include "rules/outbox_action.h"
#include "rules/outbox_key.h"
#include "rules/record_fields.h"
#include "store/mirror_store.h"

namespace teichaku::rules {

namespace {

constexpr const char* kRuleName = "tasks";
constexpr const char* kScanKey = "rule.tasks.scan";  // JST hour of the last due-date scan
constexpr const char* kCommon = "共通";
constexpr const char* kRequestToOtherCentre = "他県へ依頼";
constexpr const char* kDone = "完了";
constexpr const char* kNewTaskStatus = "未着手";

// The task's name cannot go into Garoon (the guard has no piece for it): the notice names
// the kind of work instead, and its link opens the task.
garoon::EventKind kindOfTask(std::string_view task) {
  if (task == "初回面談") {
    return garoon::EventKind::kInterview;
  }
  if (task == "出所前の準備") {
    return garoon::EventKind::kRelease;
  }
  return garoon::EventKind::kReportDue;  // the other standard tasks are documents to send
}

const std::string& requiredCode(const mapping::Mapping& mapping, const char* app,
                                const char* name) {
  const mapping::AppMapping* a = mapping.app(app);
  const mapping::FieldMapping* f = a == nullptr ? nullptr : a->byName(name);
  if (f == nullptr) {
    throw std::invalid_argument(std::string("データマッピングに ") + app + "." + name +
                                " がありません（標準タスクに必要です）。");
  }
  return f->code;
}

// Empty when the mapping has no such field (then tasks are added without an upsert key).
std::string optionalCode(const mapping::Mapping& mapping, const char* app, const char* name) {
  const mapping::AppMapping* a = mapping.app(app);
  const mapping::FieldMapping* f = a == nullptr ? nullptr : a->byName(name);
  return f == nullptr ? std::string() : f->code;
}

// Japan has no daylight saving time: JST is UTC+9 all year.
std::chrono::sys_time<std::chrono::minutes> jstTime(std::int64_t nowMs) {
  using namespace std::chrono;
  return floor<minutes>(sys_time<milliseconds>(milliseconds(nowMs)) + hours(9));
}

std::string jstHourKey(std::int64_t nowMs) {
  const auto t = jstTime(nowMs);
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const auto hour = std::chrono::duration_cast<std::chrono::hours>(t - day).count();
  return domain::Date::fromSysDays(day).toString() + "T" + std::to_string(hour);
}

std::string clearText(const store::StoredRecord& record, const std::string& code) {
  auto it = record.clear.find(code);
  if (it == record.clear.end()) {
    return {};
  }
  if (const auto* text = std::get_if<std::string>(&it->second)) {
    return *text;
  }
  if (const auto* date = std::get_if<store::Date>(&it->second)) {
    return date->iso;
  }
  return {};
}

// The mirror keeps a USER_SELECT as the JSON array text of its codes
// (sync/record_conversion.h clearValueOf).
std::vector<std::string> clearCodes(const store::StoredRecord& record, const std::string& code) {
  std::vector<std::string> out;
  const std::string text = clearText(record, code);
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError() || !doc.IsArray()) {
    return out;
  }
  for (const auto& item : doc.GetArray()) {
    if (item.IsString()) {
      out.emplace_back(item.GetString(), item.GetStringLength());
    }
  }
  return out;
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void writeValue(Writer& w, const std::string& code, const std::string& value) {
  w.Key(code.c_str(), static_cast<rapidjson::SizeType>(code.size()));
  w.StartObject();
  w.Key("value");
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  w.EndObject();
}

void writeEntities(Writer& w, const std::string& code, const std::vector<std::string>& codes) {
  w.Key(code.c_str(), static_cast<rapidjson::SizeType>(code.size()));
  w.StartObject();
  w.Key("value");
  w.StartArray();
  for (const auto& c : codes) {
    w.StartObject();
    w.Key("code");
    w.String(c.c_str(), static_cast<rapidjson::SizeType>(c.size()));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

struct DueTask {
  std::string id;
  std::string caseNumber;
  std::string centre;
  std::string task;
  domain::Date due;
  std::vector<std::string> assignees;
};

}  // namespace

std::string StandardTasksRule::businessLine(const std::string& status,
                                            const std::string& requestKind) {
  if (status == "コーディネート") {
    return requestKind == "被疑者等支援" ? "被疑者等支援" : "コーディネート";
  }
  if (status == "フォローアップ" || status == "相談支援") {
    return status;
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> StandardTasksRule::standardTasks(
    const std::string& line, bool requestToOtherCentre) {
  std::vector<std::pair<std::string, std::string>> out;
  if (line.empty()) {
    return out;
  }
  out.emplace_back(kCommon, "初回面談");
  out.emplace_back(kCommon, "フェイスシート作成");
  if (line == "コーディネート") {
    out.emplace_back(line, "福祉サービス計画通知書");
    out.emplace_back(line, "結果通知書");
    out.emplace_back(line, "出所前の準備");
    if (requestToOtherCentre) {
      out.emplace_back(line, "他県への支援業務協力依頼");
      out.emplace_back(line, "他県への支援業務協力依頼結果通知書");
    }
  } else if (line == "フォローアップ") {
    out.emplace_back(line, "中間施設から帰住先への移行時の結果通知書");
  } else if (line == "被疑者等支援") {
    out.emplace_back(line, "福祉サービス計画通知書");
    out.emplace_back(line, "結果通知書");
  } else if (line == "相談支援") {
    out.emplace_back(line, "支援の同意書");
  }
  return out;
}

domain::Date StandardTasksRule::defaultDueDate(const std::string& task, const domain::Date& today,
                                               const std::optional<domain::Date>& nextRelease) {
  if (task == "初回面談") {
    return today.addDays(7);
  }
  if (task == "出所前の準備" && nextRelease) {
    return *nextRelease;
  }
  return today.addDays(30);
}

StandardTasksRule::StandardTasksRule(RuleServices& services)
    : services_(services),
      caseNumberCode_(requiredCode(services.mapping, "cases", "case_number")),
      statusCode_(requiredCode(services.mapping, "cases", "status")),
      requestKindCode_(requiredCode(services.mapping, "cases", "request_kind")),
      otherCentreCode_(requiredCode(services.mapping, "cases", "other_centre_request")),
      sentenceEndCode_(requiredCode(services.mapping, "cases", "sentence_end_date")),
      paroleDateCode_(requiredCode(services.mapping, "cases", "parole_date")),
      staffCode_(requiredCode(services.mapping, "cases", "staff")),
      casesAccessCode_(requiredCode(services.mapping, "cases", "access_organizations")),
      taskCaseNumberCode_(requiredCode(services.mapping, "tasks", "case_number")),
      taskCentreCode_(requiredCode(services.mapping, "tasks", "case_centre")),
      taskAccessCode_(requiredCode(services.mapping, "tasks", "access_organizations")),
      taskCode_(requiredCode(services.mapping, "tasks", "task")),
      lineCode_(requiredCode(services.mapping, "tasks", "business_line")),
      dueCode_(requiredCode(services.mapping, "tasks", "due_date")),
      assigneeCode_(requiredCode(services.mapping, "tasks", "assignee")),
      taskStatusCode_(requiredCode(services.mapping, "tasks", "status")),
      taskBridgeKeyCode_(optionalCode(services.mapping, "tasks", "bridge_key")) {}

Outcome StandardTasksRule::onRecord(const std::string& appKey, const rapidjson::Value& record) {
  if (appKey != "cases") {
    return Outcome::ok();
  }
  const std::string id = textValue(record, "$id");
  const std::string caseNumber = textValue(record, caseNumberCode_.c_str());
  const std::string line = businessLine(textValue(record, statusCode_.c_str()),
                                        textValue(record, requestKindCode_.c_str()));
  if (line.empty()) {
    return Outcome::ok();
  }
  if (id.empty() || caseNumber.empty()) {
    log::warning(
        "RULE_RECORD_SKIPPED",
        {{"rule", kRuleName}, {"app", "cases"}, {"record", id}, {"reason", "case_number"}});
    return Outcome::ok();
  }
  const bool toOtherCentre = textValue(record, otherCentreCode_.c_str()) == kRequestToOtherCentre;
  const domain::Date today =
      domain::Date::fromSysDays(std::chrono::floor<std::chrono::days>(jstTime(services_.nowMs())));
  std::optional<domain::Date> nextRelease;
  for (const auto* code : {&sentenceEndCode_, &paroleDateCode_}) {
    const auto date = domain::Date::parse(textValue(record, code->c_str()));
    if (date && *date >= today && (!nextRelease || *date < *nextRelease)) {
      nextRelease = date;
    }
  }
  const std::string stateKey = "rule.tasks." + id;
  const std::string state = line + (toOtherCentre ? "|他県" : "");
  const std::vector<std::string> staff = entityCodes(record, staffCode_.c_str());
  const std::vector<std::string> organizations = entityCodes(record, casesAccessCode_.c_str());
  try {
    if (services_.store.meta(stateKey) == state) {
      return Outcome::ok();
    }
    store::Transaction tx(services_.store);
    for (const auto& [taskLine, task] : standardTasks(line, toOtherCentre)) {
      rapidjson::StringBuffer buffer;
      Writer w(buffer);
      w.StartObject();
      // The lookup (対象者番号 → cases ケース番号) copies the centre and the rest on add.
      writeValue(w, taskCaseNumberCode_, caseNumber);
      writeValue(w, taskCode_, task);
      writeValue(w, lineCode_, taskLine);
      writeValue(w, taskStatusCode_, kNewTaskStatus);
      writeValue(w, dueCode_, defaultDueDate(task, today, nextRelease).toString());
      writeEntities(w, assigneeCode_, staff);
      // Record permissions of the tasks app follow 閲覧組織, as on the case.
      writeEntities(w, taskAccessCode_, organizations);
      w.EndObject();
      KintoneUpdateAction action;
      action.appKey = "tasks";
      action.recordJson.assign(buffer.GetString(), buffer.GetSize());
      const std::string key = outboxKey(kRuleName, "cases", id, taskLine, task);
      action.upsertKeyField = taskBridgeKeyCode_;
      action.upsertKeyValue = taskBridgeKeyCode_.empty() ? std::string() : key;
      enqueue(services_.store, key, action, services_.nowMs());
    }
    services_.store.setMeta(stateKey, state);
    tx.commit();
  } catch (const store::StoreError& e) {
    log::warning("RULE_STORE_FAILED", {{"rule", kRuleName}, {"app", "cases"}, {"record", id}});
    return Outcome::retry("RULE_STORE_FAILED", e.what());
  }
  return Outcome::ok();
}

Outcome StandardTasksRule::onTick(std::int64_t nowMs) {
  const std::string hourKey = jstHourKey(nowMs);
  const domain::Date today =
      domain::Date::fromSysDays(std::chrono::floor<std::chrono::days>(jstTime(nowMs)));
  const domain::Date horizon = today.addDays(services_.settings.taskDueSoonDays);
  try {
    if (services_.store.meta(kScanKey) == hourKey) {
      return Outcome::ok();
    }
    std::vector<DueTask> due;
    services_.store.forEachRecord("tasks", [&](const store::StoredRecord& record) {
      const auto date = domain::Date::parse(clearText(record, dueCode_));
      if (!date || *date < today || *date > horizon ||
          clearText(record, taskStatusCode_) == kDone) {
        return true;
      }
      due.push_back({std::to_string(record.id), clearText(record, taskCaseNumberCode_),
                     clearText(record, taskCentreCode_), clearText(record, taskCode_), *date,
                     clearCodes(record, assigneeCode_)});
      return true;
    });

    std::size_t withoutRecipients = 0;
    std::vector<std::pair<std::string, NotificationAction>> actions;
    for (const auto& t : due) {
      NotificationAction action;
      for (const auto& code : t.assignees) {
        // Never across centres: only assignees who are staff of the task's centre.
        if (services_.directory.centreOfUser(code) == t.centre) {
          action.userCodes.push_back(code);
        }
      }
      if (action.userCodes.empty()) {
        ++withoutRecipients;
        continue;
      }
      garoon::GuardedText title = services_.guard.text();
      title.kind(kindOfTask(t.task)).caseNumber(t.caseNumber);
      garoon::GuardedText body = services_.guard.text();
      body.centre(t.centre).lineBreak().date(garoon::DateRole::kDue, t.due);
      const auto url = services_.guard.recordUrl(services_.settings.appId("tasks"), t.id);
      if (!title.refusals().empty() || !body.refusals().empty() || !url) {
        log::error("GAROON_PAYLOAD_REJECTED",
                   {{"rule", kRuleName}, {"app", "tasks"}, {"record", t.id}});
        continue;
      }
      action.notificationKey = outboxKey(kRuleName, "tasks", t.id, "due-" + t.due.toString());
      action.title = title.str();
      action.body = body.str();
      action.url = url->str();
      action.personalSources.push_back({"tasks", t.id});
      actions.emplace_back(action.notificationKey, std::move(action));
    }
    if (withoutRecipients > 0) {
      log::warning("RULE_NO_RECIPIENTS",
                   {{"rule", kRuleName}, {"app", "tasks"}, {"count", withoutRecipients}});
    }
    store::Transaction tx(services_.store);
    for (const auto& [key, action] : actions) {
      enqueue(services_.store, key, action, nowMs);
    }
    services_.store.setMeta(kScanKey, hourKey);
    tx.commit();
  } catch (const store::StoreError& e) {
    log::warning("RULE_STORE_FAILED", {{"rule", kRuleName}, {"app", "tasks"}});
    return Outcome::retry("RULE_STORE_FAILED", e.what());
  }
  return Outcome::ok();
}

}  // namespace teichaku::rules
