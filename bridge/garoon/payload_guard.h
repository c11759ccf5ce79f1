#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/outcome.h"
#include "domain/date.h"

// Everything that goes into a Garoon notification or event text is built here, from a
// closed list of items that do not identify a person: a case number, a centre name, the
// kind of event, a date that is not a birth date, and a link to the kintone record
// (BRIEF.md "Rules that are never bent": no personal data in Garoon). Free text cannot be
// added. rejectIfContains() is the last check on the final JSON.
namespace teichaku::garoon {

enum class EventKind {
  kIntake,         // 受付
  kRelease,        // 釈放（出所）
  kInterview,      // 面談
  kCaseMeeting,    // ケース会議
  kReportDue,      // 報告期限
  kFollowUp,       // フォローアップ
  kRecordAdded,    // 記録の追加
  kRecordChanged,  // 記録の更新
  kRecordRemoved,  // 記録の削除
  // Shares between centres (rules 1–2): what happened to the share, so a centre can
  // tell a new share from a returned or confirmed one without opening kintone.
  kShareReceived,   // 共有が届きました
  kShareUpdated,    // 共有が更新されました
  kShareReturned,   // 共有を差戻しました
  kShareConfirmed,  // 受領確認されました
  kShareReminder,   // 受領確認をお願いします
  kDailyDigest,     // 日次まとめ (rule 6)
  kDataCheck,       // データ点検 (the weekly list of records to correct)
  kStatsReady,      // 統計を作成しました (a scheduled statistics run stored in kintone)
};
const char* label(EventKind kind);

// The dates a payload may name. There is no birth date on purpose.
enum class DateRole {
  kRelease,    // 釈放予定日
  kDue,        // 期限
  kScheduled,  // 予定日
  kUpdated,    // 更新日
};
const char* label(DateRole role);

// What a count in a digest counts (rule 6). Fixed labels only: a count can never carry
// free text, so "山田 2件" cannot be built.
enum class CountLabel {
  kImportant,   // 重要
  kAcquired,    // 取得
  kTransition,  // 移行
  kEnded,       // 終了
  kOrdinary,    // 通常
  kRelease,     // 釈放予定
  kTaskDue,     // 期限の近いタスク
  kSharesIn,    // 受領確認待ち（届いた共有）
  kSharesOut,   // 受領確認待ち（送った共有）
  kMore,        // ほか (the case numbers not listed)
  kToCorrect,   // 要確認 (data-check findings a centre is asked to correct)
};
const char* label(CountLabel label);

// Section headings of a digest body; fixed strings without spaces.
enum class Heading {
  kRecordsYesterday,  // ■昨日の支援記録
  kReleasesThisWeek,  // ■今週の釈放予定
  kTasksThisWeek,     // ■今週が期限のタスク
  kSharesWaiting,     // ■受領確認待ちの共有
};
const char* label(Heading heading);

struct PayloadWhitelist;

// Text made only of whitelisted pieces, separated by a space (or a line break). A piece
// that fails its check is left out and recorded in refusals(); a payload built from a text
// with refusals is not sent.
class GuardedText {
 public:
  GuardedText() = default;

  GuardedText& kind(EventKind kind);
  // Letters, digits and '-', 1–32 characters (the case numbers look like "01a-000123").
  GuardedText& caseNumber(std::string_view number);
  // Must be one of the centre names the guard was given.
  GuardedText& centre(std::string_view name);
  GuardedText& date(DateRole role, const domain::Date& date);
  // "<label> <n>件", e.g. "重要 2件".
  GuardedText& count(CountLabel label, std::size_t n);
  GuardedText& heading(Heading heading);
  GuardedText& lineBreak();

  const std::string& str() const { return text_; }
  bool empty() const { return text_.empty(); }
  // Japanese reasons; they never repeat the refused value.
  const std::vector<std::string>& refusals() const { return refusals_; }

 private:
  friend class PayloadGuard;
  explicit GuardedText(std::shared_ptr<const PayloadWhitelist> whitelist);
  void append(std::string_view piece);

  std::shared_ptr<const PayloadWhitelist> whitelist_;
  std::string text_;
  bool atLineStart_ = true;
  std::vector<std::string> refusals_;
};

// A link to one kintone record or an app's record list; only PayloadGuard makes one.
class GuardedUrl {
 public:
  GuardedUrl() = default;
  const std::string& str() const { return url_; }
  bool empty() const { return url_.empty(); }

 private:
  friend class PayloadGuard;
  explicit GuardedUrl(std::string url) : url_(std::move(url)) {}
  std::string url_;
};

class PayloadGuard {
 public:
  // kintoneBaseUrl: https://example.cybozu.com (the domain the record links point to).
  PayloadGuard(std::string kintoneBaseUrl, std::vector<std::string> centreNames);

  GuardedText text() const;
  // {kintone}/k/{app}/show#record={id}, the form kintone itself uses in webhook payloads
  // (kintone-api.md, webhook `url`). nullopt unless app and id are decimal numbers.
  std::optional<GuardedUrl> recordUrl(std::string_view app, std::string_view recordId) const;
  // {kintone}/k/{app}/ (the app's record list, default view) or, with a view id,
  // {kintone}/k/{app}/?view={viewId}. No ?query=: a query would have to carry a centre
  // name or field values, and a view id is a number chosen by the administrator, so the
  // link can never carry a person's data. nullopt unless app (and viewId) are decimal.
  std::optional<GuardedUrl> viewUrl(std::string_view app, std::string_view viewId = {}) const;

  // Fails with GAROON_PAYLOAD_REJECTED when the payload contains any of the values: in the
  // raw bytes, or in any decoded JSON string (so "\u5c71\u7530" is caught as 山田), after
  // folding case, full-width ASCII and spaces. Empty values are ignored.
  static Outcome rejectIfContains(std::string_view payloadJson,
                                  const std::vector<std::string>& forbiddenValues);

 private:
  std::shared_ptr<const PayloadWhitelist> whitelist_;
};

}  // namespace teichaku::garoon
