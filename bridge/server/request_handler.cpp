#include "server/request_handler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <exception>
#include <string_view>

#include "log/log.h"
#include "server/bounded_body.h"

namespace teichaku::server {
namespace {

constexpr std::string_view kWebhookPrefix = "/hooks/kintone/";
// Lingering close after an answer to a body we did not read (see lingerDrain).
constexpr std::int64_t kLingerBytes = 16 * 1024 * 1024;
constexpr int kLingerMillis = 2000;
constexpr long kLingerReadTimeoutMicros = 500 * 1000;

enum class Route { kNone, kWebhook, kHealthz, kReadyz, kMetrics };

const char* routeLabel(Route route) {
  switch (route) {
    case Route::kWebhook:
      return "webhook";
    case Route::kHealthz:
      return "healthz";
    case Route::kReadyz:
      return "readyz";
    case Route::kMetrics:
      return "metrics";
    case Route::kNone:
      break;
  }
  return "other";
}

struct Reply {
  Reply() = default;
  Reply(int s, std::string b, std::string type = "text/plain; charset=utf-8",
        std::string allowed = {})
      : status(s), body(std::move(b)), contentType(std::move(type)), allow(std::move(allowed)) {}

  int status = 500;
  std::string body;
  std::string contentType;
  std::string allow;  // for 405
};

// Every unknown path and every wrong webhook secret gets exactly this.
Reply notFound() {
  return {404, "not found\n"};
}

Reply methodNotAllowed(std::string allow) {
  return {405, "method not allowed\n", "text/plain; charset=utf-8", std::move(allow)};
}

// The path part of the request target, undecoded: the secret is compared byte for byte.
std::string_view pathOf(const std::string& target) {
  std::string_view view(target);
  return view.substr(0, view.find_first_of("?#"));
}

void countWebhook(Metrics& metrics, const char* result) {
  metrics.addCounter("teichaku_webhooks_total", {{"result", result}});
}

Reply acceptWebhook(Routes& routes, const std::string& body) {
  std::string why;
  std::optional<WebhookNotice> notice = parseWebhook(body, &why);
  if (!notice) {
    log::warning("WEBHOOK_INVALID", {{"reason", why}});
    countWebhook(routes.metrics, "invalid");
    return {400, "bad request\n"};
  }
  if (routes.options.knownAppIds.count(notice->appId) == 0) {
    // kintone documents no retry for a failed notification (reference/kintone-api.md §7), so
    // the answer only shows in the webhook's log on the kintone side: 200, nothing to do.
    log::notice("WEBHOOK_APP_IGNORED", {{"app", notice->appId}, {"type", notice->type}});
    countWebhook(routes.metrics, "ignored");
    return {200, "ignored\n"};
  }
  PushResult result = routes.queue.offer(*notice);
  routes.metrics.setGauge("teichaku_webhook_queue_depth", {},
                          static_cast<double>(routes.queue.size()));
  switch (result) {
    case PushResult::kQueued:
    case PushResult::kMerged:
      log::info("WEBHOOK_QUEUED",
                {{"app", notice->appId}, {"record", notice->recordId}, {"type", notice->type}});
      countWebhook(routes.metrics, result == PushResult::kQueued ? "queued" : "merged");
      break;
    case PushResult::kOverflowed:
      log::warning("WEBHOOK_QUEUE_FULL", {{"capacity", routes.queue.capacity()}});
      countWebhook(routes.metrics, "dropped");
      break;
    case PushResult::kDropped:
      countWebhook(routes.metrics, "dropped");
      break;
  }
  // A dropped notice is still handled: the overflow flag makes the daemon poll instead.
  return {200, "ok\n"};
}

Reply readiness(Routes& routes) {
  bool ready = true;
  if (routes.ready) {
    try {
      ready = routes.ready();
    } catch (const std::exception& e) {
      log::warning("HTTP_READY_CHECK_FAILED", {{"error", e.what()}});
      ready = false;
    }
  }
  return ready ? Reply{200, "ready\n"} : Reply{503, "not ready\n"};
}

// Decides the answer; sets `bodyLeft` when the body was not read to its end, so the connection
// must close after the answer.
Reply answer(Routes& routes, Route route, bool authorised, Poco::Net::HTTPServerRequest& in,
             bool& bodyLeft) {
  const std::string& method = in.getMethod();
  const std::int64_t limit = routes.options.maxBodyBytes;
  bool wantsBody = route == Route::kWebhook && authorised && method == "POST";
  std::string body;
  BodyRead read = BodyRead::kTooLarge;
  // A declared length over the limit is refused without reading a byte; a chunked body (or one
  // without a length) is read up to the limit and refused at the first byte beyond it.
  if (!in.hasContentLength() || in.getContentLength64() <= limit) {
    read = wantsBody ? readBounded(in.stream(), limit, body) : discardBounded(in.stream(), limit);
  }
  bodyLeft = read != BodyRead::kComplete;

  const bool get = method == "GET";
  switch (route) {
    case Route::kNone:
      return notFound();
    case Route::kWebhook:
      if (!authorised) {
        // The path is not logged: it may be the secret with a typo.
        log::notice("WEBHOOK_SECRET_MISMATCH", {{"peer", in.clientAddress().host().toString()}});
        countWebhook(routes.metrics, "denied");
        return notFound();
      }
      if (method != "POST") {
        return methodNotAllowed("POST");
      }
      if (read == BodyRead::kTooLarge) {
        log::warning("WEBHOOK_TOO_LARGE", {{"limit_bytes", limit}});
        countWebhook(routes.metrics, "too_large");
        return {413, "payload too large\n"};
      }
      if (read == BodyRead::kBroken) {
        log::warning("WEBHOOK_READ_FAILED", {});
        countWebhook(routes.metrics, "broken");
        return {400, "bad request\n"};
      }
      return acceptWebhook(routes, body);
    case Route::kHealthz:
      return get ? Reply{200, "ok\n"} : methodNotAllowed("GET");
    case Route::kReadyz:
      return get ? readiness(routes) : methodNotAllowed("GET");
    case Route::kMetrics:
      if (!get) {
        return methodNotAllowed("GET");
      }
      routes.metrics.setGauge("teichaku_webhook_queue_depth", {},
                              static_cast<double>(routes.queue.size()));
      return {200, routes.metrics.exposition(), "text/plain; version=0.0.4; charset=utf-8"};
  }
  return notFound();
}

}  // namespace

void RequestHandler::handleRequest(Poco::Net::HTTPServerRequest& in,
                                   Poco::Net::HTTPServerResponse& out) {
  std::string_view path = pathOf(in.getURI());
  Route route = Route::kNone;
  bool authorised = false;
  if (path.substr(0, kWebhookPrefix.size()) == kWebhookPrefix) {
    route = Route::kWebhook;
    authorised = routes_.secret.matches(path.substr(kWebhookPrefix.size()));
  } else if (path == "/healthz") {
    route = Route::kHealthz;
  } else if (path == "/readyz") {
    route = Route::kReadyz;
  } else if (path == "/metrics") {
    route = Route::kMetrics;
  }

  Reply reply;
  bool bodyLeft = false;
  try {
    reply = answer(routes_, route, authorised, in, bodyLeft);
  } catch (const std::exception& e) {
    log::error("HTTP_HANDLER_FAILED", {{"route", routeLabel(route)}, {"error", e.what()}});
    reply = {500, "internal error\n"};
    bodyLeft = true;
  }
  routes_.metrics.addCounter(
      "teichaku_http_requests_total",
      {{"route", routeLabel(route)}, {"status", std::to_string(reply.status)}});

  out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
  out.setContentType(reply.contentType);
  out.set("Cache-Control", "no-store");
  out.set("X-Content-Type-Options", "nosniff");
  if (!reply.allow.empty()) {
    out.set("Allow", reply.allow);
  }
  if (bodyLeft) {
    out.setKeepAlive(false);
  }
  out.sendBuffer(reply.body.data(), reply.body.size());
  if (bodyLeft) {
    static_cast<Poco::Net::HTTPServerRequestImpl&>(in).socket().setReceiveTimeout(
        Poco::Timespan(kLingerReadTimeoutMicros));
    lingerDrain(in.stream(), kLingerBytes, kLingerMillis);
  }
}

}  // namespace teichaku::server
