#pragma once

#include "domain/date.h"

// 年度: 1 April – 31 March (財政法第11条, 地方自治法第208条), named by the calendar year in
// which its April falls (domain.md §4.1).
namespace teichaku::domain {

struct FiscalYearRange {
  Date first;  // April 1 of the fiscal year
  Date last;   // March 31 of the next calendar year
};

int fiscalYearOf(const Date& date);
FiscalYearRange fiscalYearRange(int fiscalYear);

}  // namespace teichaku::domain
