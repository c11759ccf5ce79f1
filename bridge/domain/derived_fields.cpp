#include "domain/derived_fields.h"

#include "domain/fiscal_year.h"
#include "domain/legal_age.h"

namespace teichaku::domain {

namespace {

// A period that only exists once its end event happened (a re-offence): no "up to today".
std::optional<int> closedPeriodDays(const std::optional<Date>& start,
                                    const std::optional<Date>& end) {
  if (!start || !end || *end < *start) {
    return std::nullopt;
  }
  return daysBetween(*start, *end);
}

std::optional<int> ageIfBoth(const std::optional<Date>& birth, const std::optional<Date>& on) {
  if (!birth || !on) {
    return std::nullopt;
  }
  return ageOn(*birth, *on);
}

std::optional<bool> elderly(const std::optional<int>& age) {
  if (!age) {
    return std::nullopt;
  }
  return *age >= kElderlyAge;
}

}  // namespace

std::optional<int> periodDays(const std::optional<Date>& start, const std::optional<Date>& end,
                              const Date& today) {
  if (!start) {
    return std::nullopt;
  }
  const Date& until = end ? *end : today;
  if (until < *start) {
    return std::nullopt;
  }
  return daysBetween(*start, until);
}

DerivedFields computeDerived(const CaseDates& dates, const Date& today) {
  DerivedFields out;
  if (dates.request) {
    out.requestFiscalYear = fiscalYearOf(*dates.request);
  }
  out.ageAtRequest = ageIfBoth(dates.birth, dates.request);
  out.ageToday = ageIfBoth(dates.birth, today);
  out.elderlyAtRequest = elderly(out.ageAtRequest);
  out.elderlyToday = elderly(out.ageToday);

  const std::optional<Date>& supportStart = dates.supportStart ? dates.supportStart : dates.request;
  out.supportDaysToDate = periodDays(supportStart, dates.supportEnd, today);
  // Coordination ends at its own end date, or when the case closed without one.
  out.coordinationDays = periodDays(
      supportStart, dates.coordinationEnd ? dates.coordinationEnd : dates.supportEnd, today);
  out.followUpDays = periodDays(dates.followUpStart, dates.followUpEnd, today);
  out.daysFromPreviousRelease = closedPeriodDays(dates.previousRelease, dates.currentOffence);
  out.daysToReoffence = closedPeriodDays(dates.release, dates.reoffenceInFollowUp);
  return out;
}

}  // namespace teichaku::domain
