#pragma once

#include <curl/curl.h>

#include <memory>

// RAII owners for libcurl handles, and the once-per-process libcurl set-up.
namespace teichaku::kintone {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct CurlMimeDeleter {
  void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;
using CurlMime = std::unique_ptr<curl_mime, CurlMimeDeleter>;

// Appends to a list held by a CurlSlist; returns false when libcurl is out of memory.
bool appendToSlist(CurlSlist& list, const char* line);

// curl_global_init once, and SIGPIPE ignored for the whole process: with CURLOPT_NOSIGNAL
// libcurl no longer shields us from the SIGPIPE that OpenSSL can raise on a dead
// connection (reliability.md §3.2).
void ensureCurlGlobalInit();

}  // namespace teichaku::kintone
