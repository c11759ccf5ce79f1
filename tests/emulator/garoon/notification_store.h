#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

// External notifications as Garoon keeps them (garoon-cybozu-api.md A2): one entry
// per (app, notificationKey), shared by all its recipients, replaced when the same
// key is sent again. Not thread-safe; GaroonService holds the lock.
namespace teichaku::emulator::garoon {

struct NotificationItem {
  std::string app;
  std::string notificationKey;
  std::string moduleId;   // "x.N" (A2, INFERRED from the SOAP numbering)
  std::string operation;  // add | modify | remove
  std::string url;
  std::string title;
  std::string body;
  std::string icon;
  std::string creatorId;  // Garoon user id of the authenticated sender
  std::string creatorCode;
  std::string creatorName;
  std::string createdAt;
  std::int64_t sequence = 0;            // order of the last upsert; GET lists newest first
  std::vector<std::string> recipients;  // Garoon user ids
  std::set<std::string> readBy;
  bool hidden = false;  // accepted under MismatchPolicy::kAcceptHidden
};

// One POST notification/items exactly as it arrived, for the control API.
struct ReceivedNotificationRequest {
  std::int64_t sequence = 0;
  std::string receivedAt;
  std::string caller;  // login code, or "" when authentication failed
  int status = 0;
  std::string body;
};

class NotificationStore {
 public:
  // Inserts or replaces the (app, notificationKey) entry; a replaced entry is unread
  // again for every recipient. Returns the stored entry.
  const NotificationItem& upsert(NotificationItem item);
  // The user's unread, visible entries, newest first.
  std::vector<NotificationItem> unreadFor(const std::string& garoonUserId) const;
  std::vector<NotificationItem> all() const;  // in upsert order

  void recordRequest(ReceivedNotificationRequest request);
  const std::vector<ReceivedNotificationRequest>& requests() const { return requests_; }

  void clear();

 private:
  std::map<std::pair<std::string, std::string>, NotificationItem> items_;
  std::vector<ReceivedNotificationRequest> requests_;
  std::int64_t nextSequence_ = 1;
};

}  // namespace teichaku::emulator::garoon
