#include "centre_order.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace teichaku::stats {

std::vector<std::string> centreNamesByCode(std::string_view jsonText,
                                           const std::string& sourceName) {
  rapidjson::Document doc;
  doc.Parse(jsonText.data(), jsonText.size());
  const auto centres = doc.IsObject() ? doc.FindMember("centres") : doc.MemberEnd();
  if (!doc.IsObject() || centres == doc.MemberEnd() || !centres->value.IsArray()) {
    throw std::runtime_error(sourceName +
                             ": センター一覧（{\"centres\": [...]}）として読めません。");
  }
  std::vector<std::pair<std::string, std::string>> byCode;
  for (const auto& centre : centres->value.GetArray()) {
    const auto code = centre.IsObject() ? centre.FindMember("code") : centre.MemberEnd();
    const auto name = centre.IsObject() ? centre.FindMember("name") : centre.MemberEnd();
    if (!centre.IsObject() || code == centre.MemberEnd() || name == centre.MemberEnd() ||
        !code->value.IsString() || !name->value.IsString()) {
      throw std::runtime_error(sourceName + ": センターごとに code と name（文字列）が必要です。");
    }
    byCode.emplace_back(code->value.GetString(), name->value.GetString());
  }
  // Codes are the JIS prefecture code with a letter for a second centre ("01a"), so text
  // order is code order.
  std::sort(byCode.begin(), byCode.end());
  std::vector<std::string> names;
  for (auto& [code, name] : byCode) {
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace teichaku::stats
