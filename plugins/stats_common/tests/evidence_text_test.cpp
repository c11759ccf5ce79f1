#include "evidence_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace teichaku::stats {
namespace {

TEST(EvidenceText, NoNumbersIsOneEmptyPiece) {
  EXPECT_EQ(caseNumberPieces({}), std::vector<std::string>{""});
}

TEST(EvidenceText, JoinsWithSpacesWithinTheLimit) {
  EXPECT_EQ(caseNumberPieces({"C1", "C2", "C3"}), std::vector<std::string>{"C1 C2 C3"});
  // "C1 C2" is 5 bytes: exactly at a limit of 5 it stays one piece; at 4 it is cut between
  // the numbers, never inside one.
  EXPECT_EQ(caseNumberPieces({"C1", "C2"}, 5), std::vector<std::string>{"C1 C2"});
  EXPECT_EQ(caseNumberPieces({"C1", "C2"}, 4), (std::vector<std::string>{"C1", "C2"}));
  EXPECT_EQ(caseNumberPieces({"C1", "C2", "C3"}, 5), (std::vector<std::string>{"C1 C2", "C3"}));
}

TEST(EvidenceText, ANumberLongerThanTheLimitStandsAlone) {
  EXPECT_EQ(caseNumberPieces({"A", "LONGNUMBER", "B"}, 4),
            (std::vector<std::string>{"A", "LONGNUMBER", "B"}));
}

TEST(EvidenceText, ExcelCellLimitOnALongList) {
  // 5,000 numbers of 9 bytes ("C-0000001") and a space each: 49,999 bytes, more than one
  // Excel cell (32,767 characters) holds.
  std::vector<std::string> numbers;
  for (int i = 0; i < 5000; ++i) {
    std::string n = std::to_string(i);
    numbers.push_back("C-" + std::string(7 - n.size(), '0') + n);
  }
  const std::vector<std::string_view> views(numbers.begin(), numbers.end());
  const auto pieces = caseNumberPieces(views);
  ASSERT_EQ(pieces.size(), 2u);
  // 3,276 numbers fill 3,276 * 10 - 1 = 32,759 bytes; one more would need 32,769.
  EXPECT_EQ(pieces[0].size(), 32759u);
  EXPECT_EQ(pieces[1].size(), (5000u - 3276u) * 10u - 1u);
  EXPECT_EQ(pieces[0] + " " + pieces[1], [&] {
    std::string all;
    for (const auto& n : numbers) {
      all += (all.empty() ? "" : " ") + n;
    }
    return all;
  }());
}

}  // namespace
}  // namespace teichaku::stats
