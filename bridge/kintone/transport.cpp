#include "kintone/transport.h"

#include <Poco/String.h>

#include <algorithm>

#include "kintone/header_mask.h"
#include "kintone/url.h"

namespace teichaku::kintone {

struct Transport::Transfer {
  HttpRequest request;
  std::promise<HttpResponse> promise;
  HttpResponse response;
  CurlEasy easy;
  CurlSlist headers;
  CurlMime mime;
  std::size_t maxBytes = 0;
  bool tooLarge = false;
  const std::function<void(std::string_view)>* trace = nullptr;
  char errorBuffer[CURL_ERROR_SIZE] = {};
};

namespace {

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transport::Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->response.body.size() + bytes > transfer->maxBytes) {
    // Returning less than given makes libcurl abort with CURLE_WRITE_ERROR: the size cap
    // must be enforced here, MAXFILESIZE alone is not enough (reliability.md §3.1).
    transfer->tooLarge = true;
    return 0;
  }
  transfer->response.body.append(data, bytes);
  return bytes;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transport::Transfer*>(user);
  const std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  if (line.starts_with("HTTP/")) {
    transfer->response.headers.clear();  // a new status line (after 100 Continue)
    return bytes;
  }
  const std::size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = Poco::toLower(std::string(line.substr(0, colon)));
    std::string value(line.substr(colon + 1));
    Poco::trimInPlace(value);
    transfer->response.headers.push_back({std::move(name), std::move(value)});
  }
  return bytes;
}

int onDebug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  auto* transfer = static_cast<Transport::Transfer*>(user);
  if (type == CURLINFO_TEXT || type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT) {
    (*transfer->trace)(maskHeaderBlock(std::string_view(data, size)));
  }
  return 0;
}

TransportError mapError(CURLcode code, bool tooLarge, bool sentNothing) {
  switch (code) {
    case CURLE_OK:
      return TransportError::kNone;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return TransportError::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return sentNothing ? TransportError::kConnect : TransportError::kTimeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
      return TransportError::kTls;
    case CURLE_WRITE_ERROR:
      return tooLarge ? TransportError::kResponseTooLarge : TransportError::kNetwork;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return TransportError::kRejected;
    default:
      return TransportError::kNetwork;
  }
}

}  // namespace

Transport::Transport(TransportConfig config)
    : config_(std::move(config)), concurrency_(config_.concurrency) {
  ensureCurlGlobalInit();
  multi_.reset(curl_multi_init());
  if (!multi_) {
    throw std::runtime_error("libcurl の初期化に失敗しました。");
  }
  curl_multi_setopt(multi_.get(), CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(std::max(1, config_.concurrency.max)));
  thread_ = std::thread([this] { run(); });
}

Transport::~Transport() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  curl_multi_wakeup(multi_.get());
  thread_.join();
}

std::future<HttpResponse> Transport::submit(HttpRequest request) {
  auto transfer = std::make_unique<Transfer>();
  transfer->request = std::move(request);
  std::future<HttpResponse> future = transfer->promise.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      transfer->response.error = TransportError::kCancelled;
      transfer->promise.set_value(std::move(transfer->response));
      return future;
    }
    queue_.push_back(std::move(transfer));
  }
  curl_multi_wakeup(multi_.get());
  return future;
}

int Transport::maxInFlightSeen() const {
  std::lock_guard lock(mutex_);
  return maxInFlightSeen_;
}

bool Transport::configure(Transfer& t) {
  CURL* easy = t.easy.get();
  const HttpRequest& request = t.request;
  t.maxBytes = config_.maxResponseBytes;

  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t.errorBuffer);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  // https only, except plain http to a loopback host (the emulator).
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR,
                   allowsPlainHttp(request.url) ? "http,https" : "https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(easy, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (config_.caInfo) {
    curl_easy_setopt(easy, CURLOPT_CAINFO, config_.caInfo->c_str());
  }
  if (config_.proxy) {
    curl_easy_setopt(easy, CURLOPT_PROXY, config_.proxy->c_str());
  }
  if (const auto& cert = config_.clientCertificate) {
    curl_easy_setopt(easy, CURLOPT_SSLCERT, cert->certPath.c_str());
    curl_easy_setopt(easy, CURLOPT_SSLCERTTYPE,
                     cert->format == ClientCertificate::Format::kPkcs12 ? "P12" : "PEM");
    if (cert->format == ClientCertificate::Format::kPem) {
      curl_easy_setopt(easy, CURLOPT_SSLKEY, cert->keyPath.c_str());
    }
    if (!cert->password.empty()) {
      curl_easy_setopt(easy, CURLOPT_KEYPASSWD, cert->password.c_str());
    }
  }
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(config_.connectTimeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.totalTimeout.count()));
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, config_.lowSpeedBytesPerSecond);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(config_.lowSpeedTime.count()));
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXLIFETIME_CONN,
                   static_cast<long>(config_.maxConnectionLifetime.count()));
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
  if (config_.trace) {
    t.trace = &config_.trace;
    curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, onDebug);
    curl_easy_setopt(easy, CURLOPT_DEBUGDATA, &t);
    curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L);
  }

  for (const HttpHeader& header : request.headers) {
    const std::string line = header.name + ": " + header.value;
    if (!appendToSlist(t.headers, line.c_str())) {
      return false;
    }
  }
  // Without this libcurl waits up to a second for "100 Continue" before larger bodies.
  if (!appendToSlist(t.headers, "Expect:")) {
    return false;
  }
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t.headers.get());

  if (request.file) {
    t.mime.reset(curl_mime_init(easy));
    curl_mimepart* part = curl_mime_addpart(t.mime.get());
    if (part == nullptr) {
      return false;
    }
    curl_mime_name(part, request.file->partName.c_str());
    curl_mime_filename(part, request.file->fileName.c_str());
    curl_mime_type(part, request.file->contentType.c_str());
    curl_mime_data(part, request.file->data.data(), request.file->data.size());
    curl_easy_setopt(easy, CURLOPT_MIMEPOST, t.mime.get());
  } else if (request.body.empty() && request.method != HttpMethod::kPost) {
    // No body (GET, or DELETE with its parameters in the query string as the official
    // client sends them): no Content-Type, no Content-Length.
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
  if (request.method != HttpMethod::kPost && request.method != HttpMethod::kGet) {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, toString(request.method));
  } else if (request.method == HttpMethod::kGet && !request.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, "GET");
  }
  return true;
}

void Transport::start(std::unique_ptr<Transfer> transfer) {
  transfer->easy.reset(curl_easy_init());
  if (!transfer->easy || !configure(*transfer)) {
    transfer->response.error = TransportError::kRejected;
    transfer->response.errorDetail = "libcurl の設定に失敗しました";
    transfer->promise.set_value(std::move(transfer->response));
    return;
  }
  CURL* easy = transfer->easy.get();
  if (curl_multi_add_handle(multi_.get(), easy) != CURLM_OK) {
    transfer->response.error = TransportError::kRejected;
    transfer->response.errorDetail = "libcurl の設定に失敗しました";
    transfer->promise.set_value(std::move(transfer->response));
    return;
  }
  active_.emplace(easy, std::move(transfer));
  std::lock_guard lock(mutex_);
  maxInFlightSeen_ = std::max(maxInFlightSeen_, static_cast<int>(active_.size()));
}

void Transport::startQueued() {
  while (true) {
    std::unique_ptr<Transfer> next;
    {
      std::lock_guard lock(mutex_);
      if (queue_.empty() || static_cast<int>(active_.size()) >= concurrency_.limit()) {
        return;
      }
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    start(std::move(next));
  }
}

void Transport::finish(CURL* easy, CURLcode code) {
  auto found = active_.find(easy);
  if (found == active_.end()) {
    return;
  }
  std::unique_ptr<Transfer> transfer = std::move(found->second);
  active_.erase(found);
  curl_multi_remove_handle(multi_.get(), easy);

  HttpResponse& response = transfer->response;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
  curl_off_t pretransfer = 0;
  curl_easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
  response.error = mapError(code, transfer->tooLarge, pretransfer == 0);
  if (response.error != TransportError::kNone) {
    response.errorDetail = curl_easy_strerror(code);
    if (response.error == TransportError::kTls || response.error == TransportError::kConnect) {
      response.errorDetail += std::string(": ") + transfer->errorBuffer;
    }
    response.body.clear();
  }
  curl_off_t retryAfter = 0;
  // On libcurl 7.88 a past HTTP date gives a negative value: clamp (reliability.md §3.4).
  if (curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retryAfter) == CURLE_OK &&
      response.header("retry-after") != nullptr) {
    response.retryAfter = std::chrono::seconds(std::max<curl_off_t>(0, retryAfter));
  }
  if (response.error == TransportError::kNone) {
    concurrency_.onResponse(response.status, response.header("x-concurrencylimit-running"),
                            response.header("x-concurrencylimit-limit"));
  }
  transfer->promise.set_value(std::move(response));
}

void Transport::cancelAll() {
  for (auto& [easy, transfer] : active_) {
    curl_multi_remove_handle(multi_.get(), easy);
    transfer->response = HttpResponse{};
    transfer->response.error = TransportError::kCancelled;
    transfer->promise.set_value(std::move(transfer->response));
  }
  active_.clear();
  std::deque<std::unique_ptr<Transfer>> queued;
  {
    std::lock_guard lock(mutex_);
    queued.swap(queue_);
  }
  for (auto& transfer : queued) {
    transfer->response.error = TransportError::kCancelled;
    transfer->promise.set_value(std::move(transfer->response));
  }
}

void Transport::run() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) {
        break;
      }
    }
    startQueued();
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_.get(), &left)) {
      if (message->msg == CURLMSG_DONE) {
        finish(message->easy_handle, message->data.result);
      }
    }
    startQueued();
    curl_multi_poll(multi_.get(), nullptr, 0, 1000, nullptr);
  }
  cancelAll();
}

}  // namespace teichaku::kintone
