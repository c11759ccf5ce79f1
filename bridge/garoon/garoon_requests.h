#pragma once

#include <string>
#include <vector>

#include "garoon/garoon_types.h"
#include "kintone/http_types.h"

// Garoon REST requests as plain data (routes: garoon-cybozu-api.md A2–A4), with the auth
// headers and whether a replay is harmless. Ids placed in a path must be decimal numbers;
// anything else throws std::invalid_argument (Japanese message).
namespace teichaku::garoon {

class GaroonRequests {
 public:
  GaroonRequests(std::string baseUrl, std::vector<kintone::HttpHeader> authHeaders,
                 std::string userAgent);

  // Idempotent by design: the same (app, notificationKey) updates the notification that is
  // already there instead of adding one (A2, [G-notif-add]: "To update an
  // already-registered notification, send the same key again").
  kintone::HttpRequest postNotification(std::string json) const;
  kintone::HttpRequest getNotifications(int limit, int offset) const;

  kintone::HttpRequest addEvent(std::string json) const;  // not idempotent: a replay adds a second
  // PATCH sets the given fields to the given values, so a replay is harmless. Sent as POST
  // with X-HTTP-Method-Override: PATCH because the shared Transport has no PATCH verb yet;
  // Garoon documents the override only implicitly (SDK use for GET, A1): see README.
  kintone::HttpRequest patchEvent(const std::string& id, std::string json) const;
  kintone::HttpRequest deleteEvent(const std::string& id) const;  // replay → not-found error
  kintone::HttpRequest getEvent(const std::string& id) const;
  kintone::HttpRequest searchEvents(const EventSearch& search, int limit, int offset) const;

  kintone::HttpRequest baseUsers(const std::string& name, int limit, int offset) const;
  kintone::HttpRequest baseOrganizations(const std::string& name, int limit, int offset) const;
  kintone::HttpRequest organizationUsers(const std::string& organizationId, int limit,
                                         int offset) const;

  const std::string& baseUrl() const { return baseUrl_; }

 private:
  kintone::HttpRequest make(kintone::HttpMethod method, const std::string& path, std::string body,
                            bool idempotent) const;

  std::string baseUrl_;
  std::vector<kintone::HttpHeader> authHeaders_;
  std::string userAgent_;
};

// 1–1000 (A1 "Pagination").
inline constexpr int kMaxGaroonLimit = 1000;

}  // namespace teichaku::garoon
