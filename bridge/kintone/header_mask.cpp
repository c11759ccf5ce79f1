#include "kintone/header_mask.h"

#include <Poco/String.h>

#include <array>

namespace teichaku::kintone {

namespace {

constexpr std::array<std::string_view, 6> kSecretHeaders{"x-cybozu-api-token",
                                                         "x-cybozu-authorization",
                                                         "authorization",
                                                         "proxy-authorization",
                                                         "cookie",
                                                         "set-cookie"};

constexpr std::string_view kMask = "***";

std::string maskLine(std::string_view line) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || !isSecretHeader(line.substr(0, colon))) {
    return std::string(line);
  }
  return std::string(line.substr(0, colon + 1)) + " " + std::string(kMask);
}

}  // namespace

bool isSecretHeader(std::string_view name) {
  std::string lower = Poco::toLower(std::string(name));
  Poco::trimInPlace(lower);
  for (std::string_view secret : kSecretHeaders) {
    if (lower == secret) {
      return true;
    }
  }
  return false;
}

std::string maskHeaderBlock(std::string_view block) {
  std::string out;
  std::size_t start = 0;
  while (start < block.size()) {
    std::size_t end = block.find('\n', start);
    std::size_t next = end == std::string_view::npos ? block.size() : end + 1;
    std::string_view line = block.substr(start, next - start);
    std::string_view terminator;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    terminator = block.substr(start + line.size(), next - start - line.size());
    out += maskLine(line);
    out += terminator;
    start = next;
  }
  return out;
}

std::string describeForLog(const HttpRequest& request) {
  std::string url = request.url.substr(0, request.url.find('?'));
  std::string out = std::string(toString(request.method)) + " " + url;
  for (const HttpHeader& h : request.headers) {
    out += " [" + h.name + ": " + (isSecretHeader(h.name) ? std::string(kMask) : h.value) + "]";
  }
  return out;
}

}  // namespace teichaku::kintone
