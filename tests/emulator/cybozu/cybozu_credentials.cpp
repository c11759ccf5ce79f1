#include "emulator/cybozu/cybozu_credentials.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>

#include <sstream>

namespace teichaku::emulator::cybozu {

std::optional<Credentials> decodeCybozuAuthorization(const std::string& headerValue) {
  if (headerValue.empty()) {
    return std::nullopt;
  }
  std::string decoded;
  try {
    std::istringstream input(headerValue);
    Poco::Base64Decoder decoder(input);
    decoded.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
  } catch (const Poco::DataFormatException&) {
    return std::nullopt;
  }
  // The login name cannot contain ':', the password can.
  const auto colon = decoded.find(':');
  if (colon == std::string::npos || colon == 0) {
    return std::nullopt;
  }
  return Credentials{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

}  // namespace teichaku::emulator::cybozu
