#include "server/bounded_body.h"

#include <algorithm>
#include <array>
#include <chrono>

namespace teichaku::server {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

// Calls `sink` with each block read, never reading more than maxBytes + 1 bytes in total.
template <typename Sink>
BodyRead readUpTo(std::istream& body, std::int64_t maxBytes, Sink sink) {
  std::array<char, kChunk> buffer;
  std::int64_t total = 0;
  while (body.good()) {
    std::int64_t room = maxBytes + 1 - total;
    auto want = static_cast<std::streamsize>(std::min<std::int64_t>(room, kChunk));
    body.read(buffer.data(), want);
    std::streamsize got = body.gcount();
    if (got <= 0) {
      break;
    }
    total += got;
    if (total > maxBytes) {
      return BodyRead::kTooLarge;
    }
    sink(buffer.data(), static_cast<std::size_t>(got));
  }
  // The stream sets badbit when the socket read throws (timeout, reset); end of body is eof.
  return body.bad() ? BodyRead::kBroken : BodyRead::kComplete;
}

}  // namespace

BodyRead readBounded(std::istream& body, std::int64_t maxBytes, std::string& out) {
  out.clear();
  return readUpTo(body, maxBytes, [&](const char* data, std::size_t n) { out.append(data, n); });
}

BodyRead discardBounded(std::istream& body, std::int64_t maxBytes) {
  return readUpTo(body, maxBytes, [](const char*, std::size_t) {});
}

void lingerDrain(std::istream& body, std::int64_t maxBytes, int maxMillis) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(maxMillis);
  std::array<char, kChunk> buffer;
  std::int64_t total = 0;
  while (body.good() && total < maxBytes && std::chrono::steady_clock::now() < deadline) {
    body.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (body.gcount() <= 0) {
      break;
    }
    total += body.gcount();
  }
}

}  // namespace teichaku::server
