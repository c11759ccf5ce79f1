#pragma once

#include <cstdint>
#include <istream>
#include <string>

// Reading a request body without letting the client decide how much memory or time it costs.
namespace teichaku::server {

enum class BodyRead {
  kComplete,
  kTooLarge,
  kBroken,  // the connection failed or timed out while reading
};

// Reads the whole body into `out` if it has at most `maxBytes` bytes; stops reading (and
// returns kTooLarge) at the first byte past the limit. Used for chunked bodies and bodies
// without a Content-Length, whose size is only known by reading them.
BodyRead readBounded(std::istream& body, std::int64_t maxBytes, std::string& out);

// The same without keeping the bytes: for bodies nobody needs (a 404 or a GET).
BodyRead discardBounded(std::istream& body, std::int64_t maxBytes);

// After answering a request whose body was not read, reads and drops what the client is still
// sending, up to `maxBytes` or `maxMillis`, whichever comes first. Closing a socket with unread
// data makes the kernel send a reset, which can destroy the answer before the client reads it;
// nginx's "lingering close" exists for the same reason.
void lingerDrain(std::istream& body, std::int64_t maxBytes, int maxMillis);

}  // namespace teichaku::server
