#include "emulator/garoon/garoon_support.h"

#include <algorithm>

namespace teichaku::emulator::garoon::detail {
namespace {

std::optional<long long> parseInteger(const std::string& text) {
  if (text.empty() || text.size() > 12 ||
      text.find_first_not_of("-0123456789") != std::string::npos ||
      text.find('-', 1) != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(text);
}

}  // namespace

void fail(int status, const std::string& errorCode, const std::string& message) {
  throw GaroonError{status, errorCode, message};
}

void missing(const std::string& name) {
  fail(400, "GRN_REST_API_00201", "必須パラメータ「" + name + "」が指定されていません。");
}

void invalid(const std::string& name) {
  fail(400, "GRN_REST_API_00202", "パラメータ「" + name + "」の値が不正です。");
}

void notInEnum(const std::string& name) {
  fail(400, "GRN_REST_API_00212", "パラメータ「" + name + "」に指定できない値です。");
}

Response errorResponse(const GaroonError& error) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  cybozu::writeKey(writer, "error");
  writer.StartObject();
  cybozu::writeKey(writer, "errorCode");
  cybozu::writeString(writer, error.errorCode);
  cybozu::writeKey(writer, "message");
  cybozu::writeString(writer, error.message);
  cybozu::writeKey(writer, "cause");
  cybozu::writeString(writer, "");
  cybozu::writeKey(writer, "counterMeasure");
  cybozu::writeString(writer, "");
  writer.EndObject();
  writer.EndObject();
  Response response = jsonResponse(buffer, error.status);
  // Seen on cybozu.com errors; for Garoon UNCONFIRMED (A1 "Error response").
  response.headers.emplace_back("X-Cybozu-Error", error.errorCode);
  return response;
}

Paging readPaging(const std::map<std::string, std::string>& query) {
  Paging paging;
  if (auto it = query.find("limit"); it != query.end()) {
    const auto value = parseInteger(it->second);
    if (!value) {
      invalid("limit");
    }
    if (*value < 1) {
      fail(400, "GRN_REST_API_00210", "パラメータ「limit」は1以上にしてください。");
    }
    if (*value > 1000) {
      fail(400, "GRN_REST_API_00211", "パラメータ「limit」は1000以下にしてください。");
    }
    paging.limit = static_cast<std::size_t>(*value);
  }
  if (auto it = query.find("offset"); it != query.end()) {
    const auto value = parseInteger(it->second);
    if (!value) {
      invalid("offset");
    }
    if (*value < 0) {
      fail(400, "GRN_REST_API_00210", "パラメータ「offset」は0以上にしてください。");
    }
    if (*value > 2147483647) {
      fail(400, "GRN_REST_API_00211", "パラメータ「offset」が大きすぎます。");
    }
    paging.offset = static_cast<std::size_t>(*value);
  }
  return paging;
}

PageWindow window(std::size_t total, const Paging& paging, std::size_t shortPageItems) {
  PageWindow result;
  result.begin = std::min(paging.offset, total);
  std::size_t length = paging.limit;
  if (shortPageItems > 0) {
    length = std::min(length, shortPageItems);
  }
  result.end = std::min(total, result.begin + length);
  result.hasNext = result.end < total;
  return result;
}

std::optional<bool> boolMember(const rapidjson::Value& object, const char* key) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || it->value.IsNull()) {
    return std::nullopt;
  }
  if (it->value.IsBool()) {
    return it->value.GetBool();
  }
  if (it->value.IsString()) {
    const std::string text = it->value.GetString();
    if (text == "true") {
      return true;
    }
    if (text == "false") {
      return false;
    }
  }
  invalid(key);
}

void writeUserRef(JsonWriter& writer, const std::string& id, const std::string& code,
                  const std::string& name) {
  writer.StartObject();
  cybozu::writeKey(writer, "id");
  cybozu::writeString(writer, id);
  cybozu::writeKey(writer, "code");
  cybozu::writeString(writer, code);
  cybozu::writeKey(writer, "name");
  cybozu::writeString(writer, name);
  writer.EndObject();
}

Response jsonResponse(const rapidjson::StringBuffer& buffer, int status) {
  Response response;
  response.status = status;
  response.body = buffer.GetString();
  return response;
}

}  // namespace teichaku::emulator::garoon::detail
