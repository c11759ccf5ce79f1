#pragma once

#include <string>

#include "domain/date.h"

// The period a scheduled statistics job covers, from the date it runs (Japan time).
// Fiscal years start on 1 April (会計年度, as the national survey counts them).
namespace teichaku::daemon {

struct ReportPeriod {
  domain::Date from;
  domain::Date to;  // inclusive
};

// kind: previous_day | previous_week (Monday–Sunday before the week of `today`) |
// previous_month | previous_fiscal_year | fiscal_year_to_date (the fiscal year of
// yesterday, up to yesterday). Throws std::invalid_argument for another kind.
ReportPeriod reportPeriod(const std::string& kind, const domain::Date& today);

}  // namespace teichaku::daemon
