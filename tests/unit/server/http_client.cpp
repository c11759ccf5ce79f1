#include "http_client.h"

#include <algorithm>
#include <cstring>

namespace teichaku::server::testing {
namespace {

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Upload {
  const std::string* body;
  std::size_t offset = 0;
};

std::size_t readBody(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->body->size() - upload->offset);
  std::memcpy(buffer, upload->body->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

}  // namespace

HttpClient::HttpClient() : curl_(curl_easy_init()) {}

HttpAnswer HttpClient::send(const std::string& method, const std::string& url,
                            const std::string* body, bool chunked) {
  CURL* curl = curl_.get();
  curl_easy_reset(curl);
  HttpAnswer answer;
  Upload upload{body};
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto addHeader = [&](const char* header) {
    headers.reset(curl_slist_append(headers.release(), header));
  };
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  if (!caFile_.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, caFile_.c_str());
  }
  if (body != nullptr) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readBody);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    if (chunked) {
      addHeader("Transfer-Encoding: chunked");
    } else {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    }
    addHeader("Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  }
  answer.code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  char* type = nullptr;
  if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) {
    answer.contentType = type;
  }
  return answer;
}

}  // namespace teichaku::server::testing
