#pragma once

// What the share and receipt rules read from and write to the センター間共有 app
// (samples/apps/shares.json) and the 対象者 app (cases.json), and the small state each
// rule keeps per record in store meta.

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "domain/date.h"

namespace teichaku::store {
class MirrorStore;
}

namespace teichaku::rules {

namespace share_field {
inline constexpr const char* kCaseNumber = "対象者番号";
inline constexpr const char* kFromCentre = "送信元センター";
inline constexpr const char* kToCentre = "送信先センター";
inline constexpr const char* kKind = "共有種別";
inline constexpr const char* kConfirmation = "送信先確認";
inline constexpr const char* kStatus = "共有状況";
inline constexpr const char* kSender = "送信者";
inline constexpr const char* kAccess = "閲覧組織";
inline constexpr const char* kReceivedAt = "受領日時";
inline constexpr const char* kReturnReason = "差戻し理由";
}  // namespace share_field

namespace share_status {
inline constexpr const char* kSent = "送信";
inline constexpr const char* kReceived = "受領確認";
inline constexpr const char* kReturned = "差戻し";
}  // namespace share_status

inline constexpr const char* kConfirmationTicked = "送信先センターを確認しました";

namespace case_field {
inline constexpr const char* kNumber = "ケース番号";
inline constexpr const char* kCentre = "管理センター";
inline constexpr const char* kConsentDate = "個人情報使用同意日";
inline constexpr const char* kConsentRecipients = "情報提供同意先";
}  // namespace case_field

// The consent option that covers a share with another centre (cases.json
// 情報提供同意先; docs/rules.md explains why this option and not a new field).
inline constexpr const char* kConsentOtherCentres = "他県の地域生活定着支援センター";

inline constexpr const char* kSharesApp = "shares";
inline constexpr const char* kCasesApp = "cases";

// Per-record rule state: a flat string map in store meta under "rules.<rule>.<id>".
using RuleState = std::map<std::string, std::string>;
RuleState loadRuleState(store::MirrorStore& store, const std::string& rule,
                        const std::string& recordId);
void saveRuleState(store::MirrorStore& store, const std::string& rule, const std::string& recordId,
                   const RuleState& state);

// The JST calendar date of a unix-ms instant (the centres' day).
domain::Date jstDate(std::int64_t nowMs);
// kintone DATETIME value (UTC, "2026-04-01T01:02:03Z": kintone-api.md §1.5).
std::string kintoneDateTime(std::int64_t nowMs);

}  // namespace teichaku::rules
