#include "kintone/http_types.h"

#include <Poco/String.h>

namespace teichaku::kintone {

const char* toString(HttpMethod method) {
  switch (method) {
    case HttpMethod::kGet:
      return "GET";
    case HttpMethod::kPost:
      return "POST";
    case HttpMethod::kPut:
      return "PUT";
    case HttpMethod::kDelete:
      return "DELETE";
    case HttpMethod::kPatch:
      return "PATCH";
  }
  return "GET";
}

const char* toString(TransportError error) {
  switch (error) {
    case TransportError::kNone:
      return "none";
    case TransportError::kConnect:
      return "connect";
    case TransportError::kTimeout:
      return "timeout";
    case TransportError::kTls:
      return "tls";
    case TransportError::kNetwork:
      return "network";
    case TransportError::kResponseTooLarge:
      return "response_too_large";
    case TransportError::kRejected:
      return "rejected";
    case TransportError::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

const std::string* HttpRequest::header(const std::string& name) const {
  for (const HttpHeader& h : headers) {
    if (Poco::icompare(h.name, name) == 0) {
      return &h.value;
    }
  }
  return nullptr;
}

const std::string* HttpResponse::header(const std::string& lowerName) const {
  for (const HttpHeader& h : headers) {
    if (h.name == lowerName) {
      return &h.value;
    }
  }
  return nullptr;
}

}  // namespace teichaku::kintone
