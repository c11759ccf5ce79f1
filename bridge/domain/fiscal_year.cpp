#include "domain/fiscal_year.h"

namespace teichaku::domain {

int fiscalYearOf(const Date& date) {
  return date.month() >= 4 ? date.year() : date.year() - 1;
}

FiscalYearRange fiscalYearRange(int fiscalYear) {
  return {*Date::fromYmd(fiscalYear, 4, 1), *Date::fromYmd(fiscalYear + 1, 3, 31)};
}

}  // namespace teichaku::domain
