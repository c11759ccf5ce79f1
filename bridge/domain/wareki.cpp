#include "domain/wareki.h"

#include <array>

namespace teichaku::domain {

namespace {

struct EraStart {
  Era era;
  int year;
  int month;
  int day;
};

// First day of each era in the Gregorian calendar, newest first. 令和 from 2019-05-01 is
// confirmed in domain.md §4.2; the older switch dates are the standard ones (大正 1912-07-30,
// 昭和 1926-12-25, 平成 1989-01-08, per the 元号 proclamations).
constexpr std::array<EraStart, 5> kEraStarts{{
    {Era::kReiwa, 2019, 5, 1},
    {Era::kHeisei, 1989, 1, 8},
    {Era::kShowa, 1926, 12, 25},
    {Era::kTaisho, 1912, 7, 30},
    {Era::kMeiji, 1868, 10, 23},
}};

constexpr int kGregorianAdoptionYear = 1873;

}  // namespace

const char* eraName(Era era) {
  switch (era) {
    case Era::kMeiji:
      return "明治";
    case Era::kTaisho:
      return "大正";
    case Era::kShowa:
      return "昭和";
    case Era::kHeisei:
      return "平成";
    case Era::kReiwa:
      return "令和";
  }
  return "";
}

std::optional<EraYear> eraYearOf(const Date& date) {
  if (date.year() < kGregorianAdoptionYear) {
    return std::nullopt;
  }
  for (const EraStart& start : kEraStarts) {
    if (date >= *Date::fromYmd(start.year, start.month, start.day)) {
      return EraYear{start.era, date.year() - start.year + 1};
    }
  }
  return std::nullopt;
}

std::string eraYearLabel(const EraYear& eraYear, FirstYearStyle style) {
  std::string label = eraName(eraYear.era);
  if (eraYear.year == 1 && style == FirstYearStyle::kGannen) {
    label += "元";
  } else {
    label += std::to_string(eraYear.year);
  }
  label += "年";
  return label;
}

std::optional<std::string> fiscalYearLabel(int fiscalYear, FirstYearStyle style) {
  auto yearEnd = Date::fromYmd(fiscalYear, 12, 31);
  if (!yearEnd) {
    return std::nullopt;
  }
  auto eraYear = eraYearOf(*yearEnd);
  if (!eraYear) {
    return std::nullopt;
  }
  return eraYearLabel(*eraYear, style) + "度";
}

}  // namespace teichaku::domain
