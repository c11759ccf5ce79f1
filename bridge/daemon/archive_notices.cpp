#include "daemon/archive_notices.h"

#include "garoon/payload_guard.h"
#include "rules/outbox_action.h"
#include "rules/outbox_key.h"
#include "store/mirror_store.h"

namespace teichaku::daemon {

QueuedNotices enqueueArchiveNotices(store::MirrorStore& store, const garoon::PayloadGuard& guard,
                                    const ArchiveNotice& notice, std::int64_t nowMs) {
  const bool check = notice.kind == ArchiveNotice::Kind::kDataCheck;
  garoon::GuardedText title = guard.text();
  title.kind(check ? garoon::EventKind::kDataCheck : garoon::EventKind::kStatsReady)
      .centre(notice.centreName);
  garoon::GuardedText body = guard.text();
  body.centre(notice.centreName);
  if (check) {
    body.lineBreak().count(garoon::CountLabel::kToCorrect, notice.toCorrect.value_or(0));
  }
  const auto url = guard.recordUrl(notice.reportsAppId, notice.recordId);
  QueuedNotices result;
  if (!title.refusals().empty() || !body.refusals().empty() || !url) {
    result.outcome = Outcome::fail("GAROON_PAYLOAD_REJECTED",
                                   "Garoon に載せられない値があるため、通知を作りませんでした。");
    return result;
  }
  store::Transaction tx(store);
  for (const auto& user : notice.staffLoginCodes) {
    rules::NotificationAction action;
    action.notificationKey = rules::outboxKey(check ? "datacheck" : "archive", notice.instance,
                                              notice.period, notice.centreCode, user);
    action.userCodes = {user};
    action.title = title.str();
    action.body = body.str();
    action.url = url->str();
    if (rules::enqueue(store, action.notificationKey, action, nowMs)) {
      ++result.queued;
    } else {
      ++result.replayed;
    }
  }
  tx.commit();
  return result;
}

}  // namespace teichaku::daemon
