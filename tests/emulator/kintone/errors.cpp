#include "kintone/errors.h"

#include <random>

#include "core/json.h"

namespace teichaku::emulator::kintone {

void KintoneError::add(std::string key, std::string messageText) {
  for (auto& [k, messages] : errors) {
    if (k == key) {
      messages.push_back(std::move(messageText));
      return;
    }
  }
  errors.emplace_back(std::move(key), std::vector<std::string>{std::move(messageText)});
}

void fail(int status, std::string code, std::string message) {
  throw KintoneError{status, std::move(code), std::move(message), {}};
}

void failInput(std::string key, std::string messageText) {
  KintoneError error{400, "CB_VA01", kInvalidInput, {}};
  error.add(std::move(key), std::move(messageText));
  throw error;
}

std::string randomErrorId() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937 random{std::random_device{}()};
  std::string id(20, 'A');
  for (char& c : id) {
    c = kAlphabet[random() % (sizeof kAlphabet - 1)];
  }
  return id;
}

std::string errorBody(const KintoneError& error) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::kv(w, "id", randomErrorId());
  json::kv(w, "code", error.code);
  json::kv(w, "message", error.message);
  if (!error.errors.empty()) {
    json::key(w, "errors");
    w.StartObject();
    for (const auto& [key, messages] : error.errors) {
      json::key(w, key);
      w.StartObject();
      json::key(w, "messages");
      w.StartArray();
      for (const auto& m : messages) {
        json::str(w, m);
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndObject();
  return buffer.GetString();
}

Response errorResponse(const KintoneError& error) {
  Response response;
  response.status = error.status;
  response.body = errorBody(error);
  return response;
}

}  // namespace teichaku::emulator::kintone
