#pragma once

#include <optional>

#include "domain/date.h"

// Age as Japanese law counts it (年齢計算ニ関スル法律, 民法第143条; domain.md §4.3).
namespace teichaku::domain {

// A person gains a year at the end of the day before the birthday, and case law treats the
// whole of that day as the new age. So the legal age on D is the ordinary age on D + 1: a
// person born on 29 February is a year older on 28 February of a non-leap year.
// nullopt when onDate is before birth.
std::optional<int> ageOn(const Date& birth, const Date& onDate);

inline constexpr int kElderlyAge = 65;

// 高齢 as the BRIEF defines the derived field (65歳以上). The 特別調整 criterion is
// "おおむね65歳", a judgement this does not replace (domain.md §1.2, §4.3).
std::optional<bool> isElderlyOn(const Date& birth, const Date& onDate);

}  // namespace teichaku::domain
