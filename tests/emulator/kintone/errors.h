#pragma once

#include <string>
#include <utility>
#include <vector>

#include "service.h"

// kintone's error body {"id","code","message"[,"errors"]} (kintone-api.md §6.1).
namespace teichaku::emulator::kintone {

struct KintoneError {
  int status = 400;
  std::string code;
  std::string message;
  // Validation details: key ("record.title.value") -> messages.
  std::vector<std::pair<std::string, std::vector<std::string>>> errors;

  void add(std::string key, std::string messageText);
};

// Thrown by handlers; the service turns it into a response.
[[noreturn]] void fail(int status, std::string code, std::string message);
[[noreturn]] void failInput(std::string key, std::string messageText);  // 400 CB_VA01

std::string errorBody(const KintoneError& error);
Response errorResponse(const KintoneError& error);
// Random 20-character support id like kintone's (kintone-api.md §6.1).
std::string randomErrorId();

// Canned errors used in several places.
inline constexpr const char* kInvalidInput = "入力内容が正しくありません。";

}  // namespace teichaku::emulator::kintone
