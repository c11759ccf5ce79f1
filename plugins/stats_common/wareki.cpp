#include "wareki.h"

namespace teichaku::stats {

std::string fiscalYearLabel(int fy, bool gannen) {
  // Era first years (domain.md §4.2): 令和 N = 2018 + N, 平成 N = 1988 + N, 昭和 N = 1925 + N.
  // FY2019 began under 平成 but is called 令和元年度 once the era changed.
  const char* era = "令和";
  int n = fy - 2018;
  if (fy < 1989) {
    era = "昭和";
    n = fy - 1925;
  } else if (fy < 2019) {
    era = "平成";
    n = fy - 1988;
  }
  const std::string number = (n == 1 && gannen) ? std::string("元") : std::to_string(n);
  return std::string(era) + number + "年度";
}

std::string monthLabel(int year, int month, bool gannen) {
  // Eras begin 1989-01-08 (平成) and 2019-05-01 (令和), domain.md §4.2.
  const char* era = "令和";
  int n = year - 2018;
  if (year < 1989 || (year == 1989 && month == 1)) {
    era = "昭和";
    n = year - 1925;
  } else if (year < 2019 || (year == 2019 && month < 5)) {
    era = "平成";
    n = year - 1988;
  }
  const std::string number = (n == 1 && gannen) ? std::string("元") : std::to_string(n);
  return std::string(era) + number + "年" + std::to_string(month) + "月";
}

}  // namespace teichaku::stats
