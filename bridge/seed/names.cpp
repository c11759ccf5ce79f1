#include "seed/names.h"

#include <array>
#include <string_view>

namespace teichaku::seed {

namespace {

struct Part {
  std::string_view kanji;
  std::string_view kana;
};

// Surname halves whose readings do not change when joined (no rendaku), so the kana stays right.
constexpr std::array<Part, 24> kFamilyFirst{{
    {"青", "あお"},   {"赤", "あか"}, {"朝", "あさ"},   {"石", "いし"}, {"岩", "いわ"},
    {"大", "おお"},   {"金", "かね"}, {"北", "きた"},   {"草", "くさ"}, {"黒", "くろ"},
    {"桜", "さくら"}, {"白", "しろ"}, {"杉", "すぎ"},   {"高", "たか"}, {"竹", "たけ"},
    {"中", "なか"},   {"西", "にし"}, {"東", "ひがし"}, {"平", "ひら"}, {"藤", "ふじ"},
    {"星", "ほし"},   {"松", "まつ"}, {"南", "みなみ"}, {"若", "わか"},
}};
constexpr std::array<Part, 16> kFamilySecond{{
    {"川", "かわ"},
    {"野", "の"},
    {"山", "やま"},
    {"原", "はら"},
    {"村", "むら"},
    {"木", "き"},
    {"本", "もと"},
    {"井", "い"},
    {"沢", "さわ"},
    {"島", "しま"},
    {"岡", "おか"},
    {"谷", "たに"},
    {"森", "もり"},
    {"浦", "うら"},
    {"尾", "お"},
    {"坂", "さか"},
}};
constexpr std::array<std::string_view, 14> kMaleFirst{"かず", "たか", "ひろ", "まさ", "よし",
                                                      "とし", "ゆう", "しん", "けん", "てつ",
                                                      "のぶ", "あき", "しげ", "ただ"};
constexpr std::array<std::string_view, 10> kMaleSecond{"お",   "や",   "き",   "じ",   "た",
                                                       "ひこ", "すけ", "ろう", "いち", "へい"};
constexpr std::array<std::string_view, 12> kFemaleFirst{
    "はる", "なつ", "あき", "ゆき", "さ", "み", "ち", "かな", "まい", "えみ", "とも", "よし"};
constexpr std::array<std::string_view, 8> kFemaleSecond{"こ", "よ", "え", "な",
                                                        "か", "の", "み", "り"};

template <typename T, std::size_t N>
const T& pickFrom(Prng& prng, const std::array<T, N>& items) {
  return prng.pick(std::span<const T>(items));
}

}  // namespace

PersonName makeName(Prng& prng, NameStyle style) {
  const Part& first = pickFrom(prng, kFamilyFirst);
  const Part& second = pickFrom(prng, kFamilySecond);
  // Two statements, not one `a + b`: operand order of + is unspecified, and the draws must
  // happen in the same order with every compiler.
  const bool male = style == NameStyle::kMale;
  std::string given{male ? pickFrom(prng, kMaleFirst) : pickFrom(prng, kFemaleFirst)};
  given += male ? pickFrom(prng, kMaleSecond) : pickFrom(prng, kFemaleSecond);
  PersonName name;
  name.family = std::string(first.kanji) + std::string(second.kanji);
  name.familyKana = std::string(first.kana) + std::string(second.kana);
  name.given = given;
  name.givenKana = given;
  return name;
}

}  // namespace teichaku::seed
