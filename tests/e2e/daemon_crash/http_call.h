#pragma once

#include <string>
#include <utility>
#include <vector>

// Plain HTTP/1.1 on loopback for the tests: the emulator's REST and control APIs and the
// daemon's health routes. Status 0 = no connection (the body then says why).
namespace teichaku::e2e {

struct HttpReply {
  int status = 0;
  std::string body;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

HttpReply httpCall(const std::string& method, const std::string& url, const std::string& body = "",
                   const Headers& headers = {}, int timeoutMs = 10000);

// A free TCP port on 127.0.0.1 at the time of the call (bound, then released).
int freeLoopbackPort();

}  // namespace teichaku::e2e
