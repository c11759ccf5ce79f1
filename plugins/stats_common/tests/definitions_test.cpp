#include "definitions.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace teichaku::stats {
namespace {

const Period kFy2024{CivilDate{2024, 4, 1}, CivilDate{2025, 3, 31}};

TEST(Definitions, ExpandsPeriodAndAgePlaceholders) {
  EXPECT_EQ(expandPlaceholders("a >= \"{period_start}\" and a <= \"{period_end}\"", kFy2024,
                               "period_end"),
            "a >= \"2024-04-01\" and a <= \"2025-03-31\"");
  // 65 on 2025-03-31 → born on or before 1960-04-01 (domain.md §4.3, see civil_date_test).
  EXPECT_EQ(expandPlaceholders("b <= \"{born_by:65}\"", kFy2024, "period_end"),
            "b <= \"1960-04-01\"");
  // Base = period start 2024-04-01 → 65 if born on or before 1959-04-02.
  EXPECT_EQ(expandPlaceholders("{born_by:65}", kFy2024, "period_start"), "1959-04-02");
  EXPECT_THROW(expandPlaceholders("{nope}", kFy2024, "period_end"), std::runtime_error);
  EXPECT_THROW(expandPlaceholders("{born_by:x}", kFy2024, "period_end"), std::runtime_error);
  EXPECT_THROW(expandPlaceholders("{period_start", kFy2024, "period_end"), std::runtime_error);
}

TEST(Definitions, ConjoinsNonEmptyParts) {
  EXPECT_EQ(conjoin("", "b"), "b");
  EXPECT_EQ(conjoin("a", ""), "a");
  EXPECT_EQ(conjoin("a or c", "b"), "(a or c) and (b)");
}

TEST(Definitions, ShippedNationalDraftParses) {
  std::ifstream in("mappings/statistics/national.toml");
  ASSERT_TRUE(in) << "tests run from the source dir";
  std::ostringstream text;
  text << in.rdbuf();
  Definitions d = parseDefinitions(text.str(), "national.toml");
  EXPECT_EQ(d.app, "cases");
  EXPECT_EQ(d.caseNumberField, "ケース番号");
  EXPECT_EQ(d.rows.size(), 8u);
  ASSERT_EQ(d.columns.size(), 5u);
  EXPECT_EQ(d.columns[0].basis, Basis::kPersons);
  EXPECT_EQ(d.columns[4].basis, Basis::kEpisodes);
  for (const auto& axis : d.rows) {
    EXPECT_NO_THROW(expandPlaceholders(axis.query, kFy2024, d.ageBase)) << axis.label;
  }
}

TEST(Definitions, RejectsAMissingKeyOrBadBasis) {
  EXPECT_THROW(parseDefinitions("title = \"t\"\n", "x.toml"), std::runtime_error);
  const std::string base =
      "title=\"t\"\napp=\"cases\"\ncase_number_field=\"c\"\ncentre_field=\"m\"\n"
      "age_base=\"period_end\"\n[[rows]]\nlabel=\"r\"\n";
  EXPECT_NO_THROW(parseDefinitions(base + "[[columns]]\nlabel=\"c\"\nbasis=\"延べ\"\n", "x"));
  EXPECT_THROW(parseDefinitions(base + "[[columns]]\nlabel=\"c\"\nbasis=\"人\"\n", "x"),
               std::runtime_error);
  EXPECT_THROW(parseDefinitions("title = [", "x.toml"), std::runtime_error);
}

}  // namespace
}  // namespace teichaku::stats
