#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/outcome.h"
#include "garoon/garoon_requests.h"
#include "garoon/garoon_types.h"
#include "garoon/retrying_sender.h"
#include "kintone/auth.h"
#include "kintone/backoff.h"
#include "kintone/transport.h"

// The Garoon REST client (garoon-cybozu-api.md part A): external notifications, schedule
// events, base users and organizations. Password authentication, Basic in front when
// configured; https unless loopback, TLS verification always on (the shared Transport).
// Every write of a text runs PayloadGuard::rejectIfContains on the final JSON with the
// caller's personal values before anything is sent. Thread-safe.
namespace teichaku::garoon {

struct GaroonClientConfig {
  std::string baseUrl;  // https://example.cybozu.com (no path)
  kintone::PasswordAuth password;
  std::optional<kintone::BasicAuth> basic;
  kintone::TransportConfig transport;
  kintone::RetryPolicy retry;
  std::string userAgent = "teichaku-bridge";
  int pageSize = 100;  // limit for list calls (1–1000)
};

template <typename T>
struct Fetched {
  Outcome outcome = Outcome::ok();
  T value{};
  std::string errorCode;  // GRN_… when Garoon named one
};

class GaroonClient {
 public:
  // Throws std::invalid_argument (Japanese message, no secret) for a bad base URL.
  explicit GaroonClient(GaroonClientConfig config,
                        kintone::Backoff::Uniform01 uniform = kintone::defaultUniform01(),
                        RetryingSender::Sleeper sleeper = nullptr);

  // POST notification/items. `forbiddenValues`: the record's personal field values.
  Fetched<std::monostate> upsertNotification(const NotificationInput& input,
                                             const std::vector<std::string>& forbiddenValues);
  // The authenticated user's notifications, every page (paged on hasNext, A1).
  Fetched<std::vector<NotificationItem>> listNotifications();

  Fetched<Event> createEvent(const EventInput& input,
                             const std::vector<std::string>& forbiddenValues);
  Fetched<Event> updateEvent(const std::string& id, const EventInput& input,
                             const std::vector<std::string>& forbiddenValues);
  Fetched<std::monostate> deleteEvent(const std::string& id);
  Fetched<Event> getEvent(const std::string& id);
  Fetched<std::vector<Event>> searchEvents(const EventSearch& search);

  // Exact login-code matches; codes Garoon does not know are absent from the map.
  Fetched<std::map<std::string, std::string>> garoonIdsByCode(
      const std::vector<std::string>& codes);
  Fetched<std::vector<GaroonUser>> usersByCodes(const std::vector<std::string>& codes);
  // nullopt in value when no organization has exactly this code.
  Fetched<std::optional<GaroonOrganization>> organizationByCode(const std::string& code);
  Fetched<std::vector<GaroonUser>> organizationUsers(const std::string& organizationId);

  const GaroonRequests& requests() const { return requests_; }

 private:
  template <typename Build>
  ApiResult sendBuilt(Build build, bool expectJson = true);
  // Calls `onPage` with each page's `itemsKey` array until hasNext is false.
  template <typename OnItem>
  Fetched<std::monostate> forEachItem(
      const std::function<kintone::HttpRequest(int limit, int offset)>& build, const char* itemsKey,
      OnItem onItem);
  Fetched<Event> sendEventWrite(const std::function<kintone::HttpRequest(std::string)>& build,
                                const EventInput& input, bool forUpdate,
                                const std::vector<std::string>& forbiddenValues);

  GaroonRequests requests_;
  int pageSize_;
  RetryingSender sender_;
};

}  // namespace teichaku::garoon
