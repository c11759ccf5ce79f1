#include "garoon/payload_guard.h"

#include <Poco/TextIterator.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Unicode.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <utility>

#include "garoon/password_headers.h"

namespace teichaku::garoon {

struct PayloadWhitelist {
  std::string kintoneBaseUrl;
  std::vector<std::string> centreNames;
};

namespace {

constexpr std::size_t kMaxCaseNumberLength = 32;

bool isAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isDecimal(std::string_view text) {
  return !text.empty() && text.size() <= 19 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Folds what could hide a value from a plain substring test: case, full-width ASCII
// (U+FF01–U+FF5E → U+0021–U+007E) and every space, the ideographic one included, so
// "ＹＡＭＡＤＡ　Taro" matches "yamadataro". Poco's Unicode tables do the work.
std::string fold(std::string_view text) {
  Poco::UTF8Encoding utf8;
  const std::string input(text);
  std::string out;
  out.reserve(input.size());
  Poco::TextIterator it(input, utf8);
  const Poco::TextIterator end(input);
  unsigned char buffer[8];
  for (; it != end; ++it) {
    int cp = *it;
    if (cp < 0) {
      continue;  // not UTF-8; the raw-bytes test still sees it
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      cp -= 0xFEE0;
    }
    if (cp == 0x3000 || Poco::Unicode::isSpace(cp)) {
      continue;
    }
    cp = Poco::Unicode::toLower(cp);
    const int length = utf8.convert(cp, buffer, static_cast<int>(sizeof buffer));
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
  }
  return out;
}

// Every string in the document, keys included, as decoded by RapidJSON (escapes undone).
void collectStrings(const rapidjson::Value& value, std::vector<std::string>& out) {
  if (value.IsString()) {
    out.emplace_back(value.GetString(), value.GetStringLength());
  } else if (value.IsArray()) {
    for (const auto& item : value.GetArray()) {
      collectStrings(item, out);
    }
  } else if (value.IsObject()) {
    for (const auto& member : value.GetObject()) {
      out.emplace_back(member.name.GetString(), member.name.GetStringLength());
      collectStrings(member.value, out);
    }
  }
}

}  // namespace

const char* label(EventKind kind) {
  switch (kind) {
    case EventKind::kIntake:
      return "受付";
    case EventKind::kRelease:
      return "釈放";
    case EventKind::kInterview:
      return "面談";
    case EventKind::kCaseMeeting:
      return "ケース会議";
    case EventKind::kReportDue:
      return "報告期限";
    case EventKind::kFollowUp:
      return "フォローアップ";
    case EventKind::kRecordAdded:
      return "記録の追加";
    case EventKind::kRecordChanged:
      return "記録の更新";
    case EventKind::kRecordRemoved:
      return "記録の削除";
    case EventKind::kShareReceived:
      return "共有が届きました";
    case EventKind::kShareUpdated:
      return "共有が更新されました";
    case EventKind::kShareReturned:
      return "共有を差戻しました";
    case EventKind::kShareConfirmed:
      return "受領確認されました";
    case EventKind::kShareReminder:
      return "受領確認をお願いします";
    case EventKind::kDailyDigest:
      return "日次まとめ";
    case EventKind::kDataCheck:
      return "データ点検";
    case EventKind::kStatsReady:
      return "統計を作成しました";
  }
  return "";
}

const char* label(DateRole role) {
  switch (role) {
    case DateRole::kRelease:
      return "釈放予定日";
    case DateRole::kDue:
      return "期限";
    case DateRole::kScheduled:
      return "予定日";
    case DateRole::kUpdated:
      return "更新日";
  }
  return "";
}

const char* label(CountLabel label) {
  switch (label) {
    case CountLabel::kImportant:
      return "重要";
    case CountLabel::kAcquired:
      return "取得";
    case CountLabel::kTransition:
      return "移行";
    case CountLabel::kEnded:
      return "終了";
    case CountLabel::kOrdinary:
      return "通常";
    case CountLabel::kRelease:
      return "釈放予定";
    case CountLabel::kTaskDue:
      return "期限の近いタスク";
    case CountLabel::kSharesIn:
      return "届いた共有";
    case CountLabel::kSharesOut:
      return "送った共有";
    case CountLabel::kMore:
      return "ほか";
    case CountLabel::kToCorrect:
      return "要確認";
  }
  return "";
}

const char* label(Heading heading) {
  switch (heading) {
    case Heading::kRecordsYesterday:
      return "■昨日の支援記録";
    case Heading::kReleasesThisWeek:
      return "■今週の釈放予定";
    case Heading::kTasksThisWeek:
      return "■今週が期限のタスク";
    case Heading::kSharesWaiting:
      return "■受領確認待ちの共有";
  }
  return "";
}

GuardedText::GuardedText(std::shared_ptr<const PayloadWhitelist> whitelist)
    : whitelist_(std::move(whitelist)) {}

void GuardedText::append(std::string_view piece) {
  if (!atLineStart_) {
    text_ += ' ';
  }
  text_ += piece;
  atLineStart_ = false;
}

GuardedText& GuardedText::kind(EventKind kind) {
  append(std::string("【") + label(kind) + "】");
  return *this;
}

GuardedText& GuardedText::caseNumber(std::string_view number) {
  const bool valid =
      !number.empty() && number.size() <= kMaxCaseNumberLength && isAsciiAlnum(number.front()) &&
      std::all_of(number.begin(), number.end(), [](char c) { return isAsciiAlnum(c) || c == '-'; });
  if (!valid) {
    refusals_.push_back("ケース番号の形式ではない値は Garoon に載せません。");
    return *this;
  }
  append("ケース番号 " + std::string(number));
  return *this;
}

GuardedText& GuardedText::centre(std::string_view name) {
  const bool known = whitelist_ != nullptr &&
                     std::find(whitelist_->centreNames.begin(), whitelist_->centreNames.end(),
                               name) != whitelist_->centreNames.end();
  if (!known) {
    refusals_.push_back("登録されたセンター名ではない値は Garoon に載せません。");
    return *this;
  }
  append(name);
  return *this;
}

GuardedText& GuardedText::date(DateRole role, const domain::Date& date) {
  append(std::string(label(role)) + " " + date.toString());
  return *this;
}

GuardedText& GuardedText::count(CountLabel countLabel, std::size_t n) {
  append(std::string(label(countLabel)) + " " + std::to_string(n) + "件");
  return *this;
}

GuardedText& GuardedText::heading(Heading heading) {
  append(label(heading));
  return *this;
}

GuardedText& GuardedText::lineBreak() {
  text_ += '\n';
  atLineStart_ = true;
  return *this;
}

PayloadGuard::PayloadGuard(std::string kintoneBaseUrl, std::vector<std::string> centreNames)
    : whitelist_(std::make_shared<const PayloadWhitelist>(PayloadWhitelist{
          trimTrailingSlashes(std::move(kintoneBaseUrl)), std::move(centreNames)})) {}

GuardedText PayloadGuard::text() const {
  return GuardedText(whitelist_);
}

std::optional<GuardedUrl> PayloadGuard::recordUrl(std::string_view app,
                                                  std::string_view recordId) const {
  if (!isDecimal(app) || !isDecimal(recordId)) {
    return std::nullopt;
  }
  return GuardedUrl(whitelist_->kintoneBaseUrl + "/k/" + std::string(app) +
                    "/show#record=" + std::string(recordId));
}

std::optional<GuardedUrl> PayloadGuard::viewUrl(std::string_view app,
                                                std::string_view viewId) const {
  if (!isDecimal(app) || (!viewId.empty() && !isDecimal(viewId))) {
    return std::nullopt;
  }
  std::string url = whitelist_->kintoneBaseUrl + "/k/" + std::string(app) + "/";
  if (!viewId.empty()) {
    url += "?view=" + std::string(viewId);
  }
  return GuardedUrl(std::move(url));
}

Outcome PayloadGuard::rejectIfContains(std::string_view payloadJson,
                                       const std::vector<std::string>& forbiddenValues) {
  std::vector<std::string> folded;
  rapidjson::Document doc;
  doc.Parse(payloadJson.data(), payloadJson.size());
  if (!doc.HasParseError()) {
    std::vector<std::string> strings;
    collectStrings(doc, strings);
    for (const auto& text : strings) {
      folded.push_back(fold(text));
    }
  }
  const std::string foldedRaw = fold(payloadJson);
  for (std::size_t i = 0; i < forbiddenValues.size(); ++i) {
    const std::string& value = forbiddenValues[i];
    const std::string needle = fold(value);
    if (value.empty() || needle.empty()) {
      continue;
    }
    bool found = payloadJson.find(value) != std::string_view::npos ||
                 foldedRaw.find(needle) != std::string::npos;
    for (const auto& text : folded) {
      found = found || text.find(needle) != std::string::npos;
    }
    if (found) {
      // The message names the position in the caller's list, never the value.
      return Outcome::fail("GAROON_PAYLOAD_REJECTED", "Garoon に送る内容に個人情報（禁止値 " +
                                                          std::to_string(i + 1) +
                                                          " 番目）が含まれるため、送信しません。");
    }
  }
  return Outcome::ok();
}

}  // namespace teichaku::garoon
