#pragma once

#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace teichaku::seed::testing {

// Tests run with cwd = source dir; TEICHAKU_SOURCE_DIR wins when set (tests/CMakeLists.txt).
inline std::filesystem::path sourcePath(const std::string& relative) {
  const char* dir = std::getenv("TEICHAKU_SOURCE_DIR");
  return std::filesystem::path(dir != nullptr ? dir : ".") / relative;
}

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline rapidjson::Document parseJson(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  return document;
}

// The "value" of field `code` as a string ("" when absent or not a string).
inline std::string text(const rapidjson::Value& record, const char* code) {
  const auto member = record.FindMember(code);
  if (member == record.MemberEnd() || !member->value["value"].IsString()) {
    return {};
  }
  return member->value["value"].GetString();
}

}  // namespace teichaku::seed::testing
