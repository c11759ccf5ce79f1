#include "domain/legal_age.h"

namespace teichaku::domain {

namespace {

// Completed years on a date by the everyday rule (birthday reached). Comparing (month, day)
// pairs puts a 29 February birthday after 28 February in every year.
int ordinaryAge(const Date& birth, const Date& onDate) {
  int age = onDate.year() - birth.year();
  bool beforeBirthday = onDate.month() < birth.month() ||
                        (onDate.month() == birth.month() && onDate.day() < birth.day());
  return beforeBirthday ? age - 1 : age;
}

}  // namespace

std::optional<int> ageOn(const Date& birth, const Date& onDate) {
  if (onDate < birth) {
    return std::nullopt;
  }
  return ordinaryAge(birth, onDate.addDays(1));
}

std::optional<bool> isElderlyOn(const Date& birth, const Date& onDate) {
  auto age = ageOn(birth, onDate);
  if (!age) {
    return std::nullopt;
  }
  return *age >= kElderlyAge;
}

}  // namespace teichaku::domain
