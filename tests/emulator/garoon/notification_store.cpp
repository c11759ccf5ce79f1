#include "emulator/garoon/notification_store.h"

#include <algorithm>

namespace teichaku::emulator::garoon {

const NotificationItem& NotificationStore::upsert(NotificationItem item) {
  item.sequence = nextSequence_++;
  item.readBy.clear();
  auto key = std::make_pair(item.app, item.notificationKey);
  auto& slot = items_[key];
  slot = std::move(item);
  return slot;
}

std::vector<NotificationItem> NotificationStore::unreadFor(const std::string& garoonUserId) const {
  std::vector<NotificationItem> result;
  for (const auto& [key, item] : items_) {
    const bool recipient = std::find(item.recipients.begin(), item.recipients.end(),
                                     garoonUserId) != item.recipients.end();
    if (recipient && !item.hidden && item.readBy.count(garoonUserId) == 0) {
      result.push_back(item);
    }
  }
  std::sort(result.begin(), result.end(),
            [](const auto& a, const auto& b) { return a.sequence > b.sequence; });
  return result;
}

std::vector<NotificationItem> NotificationStore::all() const {
  std::vector<NotificationItem> result;
  for (const auto& [key, item] : items_) {
    result.push_back(item);
  }
  std::sort(result.begin(), result.end(),
            [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
  return result;
}

void NotificationStore::recordRequest(ReceivedNotificationRequest request) {
  request.sequence = static_cast<std::int64_t>(requests_.size()) + 1;
  requests_.push_back(std::move(request));
}

void NotificationStore::clear() {
  items_.clear();
  requests_.clear();
  nextSequence_ = 1;
}

}  // namespace teichaku::emulator::garoon
