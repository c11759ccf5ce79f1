#pragma once

#include <optional>

#include "domain/date.h"

// The values the nightly write-back keeps fresh in the 対象者 app (BRIEF "Derived"). Pure:
// the caller maps kintone field codes to CaseDates and compares the result with the record.
// Definitions and sources: bridge/domain/README.md.
namespace teichaku::domain {

struct CaseDates {
  std::optional<Date> birth;                // 生年月日
  std::optional<Date> request;              // 依頼日
  std::optional<Date> supportStart;         // 支援開始日 (依頼日 when empty)
  std::optional<Date> supportEnd;           // 支援終了日 (case closed)
  std::optional<Date> coordinationEnd;      // コーディネート終了日
  std::optional<Date> followUpStart;        // フォローアップ開始日
  std::optional<Date> followUpEnd;          // フォローアップ終了日
  std::optional<Date> previousRelease;      // 前刑出所日
  std::optional<Date> currentOffence;       // 今刑犯行日
  std::optional<Date> release;              // 釈放日 (this custody)
  std::optional<Date> reoffenceInFollowUp;  // 再犯 日付 during follow-up
};

// Every value is nullopt when its inputs are missing or contradictory (an end before its
// start): the write-back then clears the field instead of writing a wrong number.
struct DerivedFields {
  std::optional<int> requestFiscalYear;        // 依頼年度
  std::optional<int> ageAtRequest;             // 年齢（相談時）
  std::optional<int> ageToday;                 // 年齢（現在）
  std::optional<bool> elderlyAtRequest;        // 高齢 on 依頼日
  std::optional<bool> elderlyToday;            // 高齢 today
  std::optional<int> supportDaysToDate;        // 本日までの支援期間
  std::optional<int> coordinationDays;         // コーディネート期間
  std::optional<int> followUpDays;             // フォローアップ期間
  std::optional<int> daysFromPreviousRelease;  // 前刑再犯期間
  std::optional<int> daysToReoffence;          // 再犯期間
};

// Days from start to end (end defaults to today), counted 初日不算入 (民法第140条): the
// same day gives 0. nullopt without a start, or when the end is before the start.
std::optional<int> periodDays(const std::optional<Date>& start, const std::optional<Date>& end,
                              const Date& today);

DerivedFields computeDerived(const CaseDates& dates, const Date& today);

}  // namespace teichaku::domain
