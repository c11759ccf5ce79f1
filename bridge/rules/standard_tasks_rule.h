#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "rules/rule.h"

namespace teichaku::rules {

// Rule 5 (issue #5): standard tasks and their due dates.
//
// onRecord (cases): when a case is in a business line, that line's standard tasks (BRIEF.md
// "タスク") and the common ones are added to the tasks app as kintone.update actions, each
// with the outbox key (case, line, task), so a task is created once however often the case
// changes. The line comes from 現在の状況 (コーディネート / フォローアップ / 相談支援), and
// 依頼区分 被疑者等支援 turns コーディネート into the 被疑者等支援 line. The two tasks about
// a request to another centre are added only when 他県依頼受託状況 is 他県へ依頼. New tasks
// get the case's 担当者 and 閲覧組織, status 未着手 and a first due date that staff adjust
// (期限 is required in the tasks app): see defaultDueDate.
// Cases already in a line when the bridge is installed get their tasks on their next change.
//
// onTick (at most once per JST hour): tasks of the mirror not 完了 whose 期限 is within
// settings.taskDueSoonDays (today included) notify their assignee(s) once per (task, due
// date); a moved due date notifies again.
class StandardTasksRule : public Rule {
 public:
  // Throws std::invalid_argument (Japanese message) when the mapping lacks a field.
  explicit StandardTasksRule(RuleServices& services);

  std::string name() const override { return "tasks"; }
  std::vector<std::string> apps() const override { return {"cases"}; }
  Outcome onRecord(const std::string& appKey, const rapidjson::Value& record) override;
  Outcome onTick(std::int64_t nowMs) override;

  // The business line of a case (tasks app 業務区分 value), empty when none (支援終了).
  static std::string businessLine(const std::string& status, const std::string& requestKind);
  // The standard tasks of a line, common ones first, as (業務区分, タスク) pairs.
  static std::vector<std::pair<std::string, std::string>> standardTasks(const std::string& line,
                                                                        bool requestToOtherCentre);
  // First 期限 of a new task, counted from the JST day the case entered the line: 初回面談 a
  // week, 出所前の準備 the next release date when one is known (else 30 days), others 30 days.
  static domain::Date defaultDueDate(const std::string& task, const domain::Date& today,
                                     const std::optional<domain::Date>& nextRelease);

 private:
  RuleServices& services_;
  // cases
  std::string caseNumberCode_;
  std::string statusCode_;
  std::string requestKindCode_;
  std::string otherCentreCode_;
  std::string sentenceEndCode_;
  std::string paroleDateCode_;
  std::string staffCode_;
  std::string casesAccessCode_;
  // tasks
  std::string taskCaseNumberCode_;
  std::string taskCentreCode_;
  std::string taskAccessCode_;
  std::string taskCode_;
  std::string lineCode_;
  std::string dueCode_;
  std::string assigneeCode_;
  std::string taskStatusCode_;
  std::string taskBridgeKeyCode_;  // unique key of the add (issue 5); may be empty
};

}  // namespace teichaku::rules
