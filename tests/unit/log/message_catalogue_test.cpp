#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "log/messages.h"

namespace teichaku::log {
namespace {

std::string sourceDir() {
  const char* dir = std::getenv("TEICHAKU_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// docs/messages.md has one "### ID" heading per message.
std::set<std::string> documentedIds() {
  std::set<std::string> ids;
  std::string doc = readFile(std::filesystem::path(sourceDir()) / "docs/messages.md");
  std::regex heading(R"(\n### ([A-Z][A-Z0-9_]+))");
  for (std::sregex_iterator it(doc.begin(), doc.end(), heading), end; it != end; ++it) {
    ids.insert((*it)[1]);
  }
  return ids;
}

TEST(MessageCatalogueTest, EveryCatalogueEntryIsDocumentedAndViceVersa) {
  std::set<std::string> catalogue;
  for (const auto& m : messageCatalogue()) {
    EXPECT_TRUE(catalogue.insert(std::string(m.id)).second) << "duplicate " << m.id;
  }
  std::set<std::string> documented = documentedIds();
  ASSERT_FALSE(documented.empty()) << "docs/messages.md not found or empty";
  for (const auto& id : catalogue) {
    EXPECT_TRUE(documented.count(id)) << id << " is missing from docs/messages.md";
  }
  for (const auto& id : documented) {
    EXPECT_TRUE(catalogue.count(id)) << id << " is documented but not in bridge/log/messages.cpp";
  }
}

// Every ID passed to log::error/warning/notice/info or Outcome::fail/retry in the
// sources is in the catalogue, so operators can always look it up.
TEST(MessageCatalogueTest, EveryIdUsedInTheSourcesIsInTheCatalogue) {
  std::regex use(
      R"((?:log::(?:error|warning|notice|info)|Outcome::(?:fail|retry))\(\s*\"([A-Z][A-Z0-9_]+)\")");
  std::size_t uses = 0;
  for (const char* root : {"bridge", "plugins"}) {
    std::filesystem::path dir = std::filesystem::path(sourceDir()) / root;
    if (!std::filesystem::exists(dir)) {
      continue;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") {
        continue;
      }
      if (entry.path().string().find("/tests/") != std::string::npos) {
        continue;  // test doubles use made-up IDs on purpose
      }
      std::string text = readFile(entry.path());
      for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it) {
        ++uses;
        EXPECT_NE(findMessage((*it)[1].str()), nullptr)
            << (*it)[1] << " used in " << entry.path() << " is not in the catalogue";
      }
    }
  }
  EXPECT_GT(uses, 0u) << "the scan found no uses at all; is TEICHAKU_SOURCE_DIR right?";
}

}  // namespace
}  // namespace teichaku::log
