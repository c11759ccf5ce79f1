#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "emulator/cybozu/iso_time.h"

// Settings of the Garoon emulator, a plain struct the emulator front end fills from
// its TOML config. Where Garoon's behaviour is undocumented the choice is a setting;
// the comment names the reference (garoon-cybozu-api.md section) and the default.
namespace teichaku::emulator::garoon {

// One "External notification" registered by an administrator in System
// Administration -> Notifications -> External notifications, with "API" ticked
// (A2 "Prerequisite", help-ext). Not creatable through the REST API.
struct ExternalNotificationApp {
  std::string code;  // the `app` value clients send
  std::string name;  // display name
  // `url` and `icon` must start with one of these (the admin screen's "allowed URLs").
  std::vector<std::string> allowedUrlPrefixes;
  // Login codes allowed to send. Empty: any user who may use Garoon. (The real
  // permission is "may use the Notifications application" (A2); modelled per app so a
  // test can prove that an unauthorised account is refused.)
  std::vector<std::string> allowedSenders;
};

// What happens to a notification whose app is not registered or whose URL is not
// allowed: the help page says it is "not displayed"; whether the API answers an
// error or a silent 200 is UNCONFIRMED (A2).
enum class MismatchPolicy {
  kReject,        // 400 GRN_REST_API_00202 (default: surfaces client mistakes)
  kAcceptHidden,  // 200, stored and logged, but never returned by GET
};

struct GaroonConfig {
  std::vector<ExternalNotificationApp> notificationApps;
  MismatchPolicy unregisteredApp = MismatchPolicy::kReject;
  MismatchPolicy disallowedUrl = MismatchPolicy::kReject;
  // A1 "Pagination": pages may be shorter than `limit` while hasNext is true. When
  // non-zero, every list page holds at most this many items, so clients must page on
  // hasNext. 0 = pages are as long as `limit`.
  std::size_t shortPageItems = 0;
  // Users without the "garoon" service (User API licence) get 403 GRN_CMMN_00004
  // ("user may not use the application", A1 error table) and are not listed.
  bool requireGaroonLicence = true;
  // A3 "Search": the doc says events that *start* after rangeStart (false, default);
  // true matches any event overlapping [rangeStart, rangeEnd).
  bool rangeMatchesOverlap = false;
  // Facilities events may book (A3 `facilities[] {id | code}`); no API creates them.
  struct Facility {
    std::string id;
    std::string code;
    std::string name;
  };
  std::vector<Facility> facilities;
  cybozu::Clock clock;  // defaults to system_clock::now
};

}  // namespace teichaku::emulator::garoon
