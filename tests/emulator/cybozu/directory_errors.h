#pragma once

#include <algorithm>
#include <string>
#include <utility>

#include "emulator/cybozu/user_directory.h"

// Shared by the directory's source files: error paths and the Japanese messages.
namespace teichaku::emulator::cybozu::detail {

inline std::string at(const std::string& list, std::size_t index, const std::string& key) {
  return list + "[" + std::to_string(index) + "]" + (key.empty() ? "" : "." + key);
}

inline bool isBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

inline DirectoryError required(std::string field) {
  return {std::move(field), "必須です。"};
}
inline DirectoryError duplicate(std::string field) {
  return {std::move(field), "既に使用されています。"};
}
inline DirectoryError notFound(std::string field) {
  return {std::move(field), "指定された値が存在しません。"};
}

}  // namespace teichaku::emulator::cybozu::detail
