#pragma once

#include <string>

#include "seed/prng.h"

namespace teichaku::seed {

// A generated person name. Surnames join two kanji parts, given names are built from kana
// syllables: plausible-looking, never taken from a list of real people.
struct PersonName {
  std::string family;      // 姓 (kanji)
  std::string given;       // 名 (hiragana)
  std::string familyKana;  // 姓 reading (hiragana)
  std::string givenKana;

  std::string full() const { return family + " " + given; }
  std::string fullKana() const { return familyKana + " " + givenKana; }
};

enum class NameStyle { kMale, kFemale };

PersonName makeName(Prng& prng, NameStyle style);

}  // namespace teichaku::seed
