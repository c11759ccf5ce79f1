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

}  // namespace teichaku::stats
