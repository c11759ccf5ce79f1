#include "audit/audit_log.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <utility>

#include "audit/chain_head.h"
#include "crypto/sha256.h"

namespace teichaku::audit {

const char* const kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

namespace {

std::string utcNowMillis() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t seconds = system_clock::to_time_t(now);
  const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  char result[48];
  std::snprintf(result, sizeof result, "%s.%03dZ", buffer, static_cast<int>(millis));
  return result;
}

void appendField(std::string& out, const std::string& field) {
  out += "\n" + std::to_string(field.size()) + ":" + field;
}

store::AuditRow withSeq(store::AuditRow row, std::int64_t seq) {
  row.seq = seq;
  return row;
}

VerifyResult problemAt(Problem problem, std::int64_t seq, std::int64_t entries,
                       std::string message) {
  return VerifyResult{problem, seq, entries, std::move(message)};
}

}  // namespace

std::string canonicalEntry(const store::AuditRow& row) {
  std::string out = "teichaku-audit v1";
  for (const std::string* field : {&row.at, &row.actor, &row.action, &row.app, &row.recordIds,
                                   &row.fieldCodes, &row.detail, &row.prevHash}) {
    if (field == &row.at)
      appendField(out, std::to_string(row.seq));
    appendField(out, *field);
  }
  return out;
}

std::string entryHash(const store::AuditRow& row) {
  return crypto::sha256Hex(canonicalEntry(row));
}

std::string encodeList(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      out.push_back(',');
    for (char c : items[i]) {
      if (c == '\\' || c == ',')
        out.push_back('\\');
      out.push_back(c);
    }
  }
  return out;
}

AuditLog::AuditLog(store::MirrorStore& store, std::string headPath,
                   std::function<std::string()> clock)
    : store_(store), headPath_(std::move(headPath)), clock_(std::move(clock)) {
  if (!clock_)
    clock_ = utcNowMillis;
}

std::int64_t AuditLog::append(const AuditEntry& entry) {
  std::optional<store::Transaction> own;
  if (!store_.inTransaction())
    own.emplace(store_);
  const std::optional<store::AuditRow> last = store_.lastAuditRow();
  std::vector<std::string> ids;
  ids.reserve(entry.recordIds.size());
  for (std::int64_t id : entry.recordIds)
    ids.push_back(std::to_string(id));

  store::AuditRow row;
  row.seq = last ? last->seq + 1 : 1;
  row.at = clock_();
  row.actor = entry.actor;
  row.action = entry.action;
  row.app = entry.app;
  row.recordIds = encodeList(ids);
  row.fieldCodes = encodeList(entry.fieldCodes);
  row.detail = entry.detail;
  row.prevHash = last ? last->hash : kGenesisHash;
  row.hash = entryHash(row);
  store_.appendAuditRow(row);
  // The head file moves only once the entry is durable; a crash in between leaves
  // the head one step behind, which verify() accepts (it is never ahead).
  store_.afterCommit(
      [path = headPath_, head = ChainHead{row.seq, row.hash}] { writeChainHead(path, head); });
  if (own)
    own->commit();
  return row.seq;
}

VerifyResult AuditLog::verify() {
  const std::optional<ChainHead> head = readChainHead(headPath_);
  std::optional<VerifyResult> found;
  std::optional<store::AuditRow> selfMismatch;  // first row whose own hash fails
  std::int64_t expected = 1;
  std::string prev = kGenesisHash;
  std::string hashAtHead;
  std::int64_t entries = 0;
  store_.forEachAuditRow([&](const store::AuditRow& row) {
    ++entries;
    if (found || selfMismatch)
      return;
    if (row.seq != expected) {
      found = problemAt(Problem::kDeleted, expected, 0,
                        "監査ログの項目 " + std::to_string(expected) + " が削除されています。");
      return;
    }
    if (entryHash(row) != row.hash) {
      selfMismatch = row;
      return;
    }
    if (row.prevHash != prev) {
      // This row is intact, so the one before it was replaced by a self-consistent
      // entry that is not the one this row was chained to.
      found = problemAt(Problem::kEdited, row.seq - 1, 0,
                        "監査ログの項目 " + std::to_string(row.seq - 1) +
                            " が改ざんされています（次の項目との連鎖が切れています）。");
      return;
    }
    if (head && row.seq == head->seq)
      hashAtHead = row.hash;
    prev = row.hash;
    ++expected;
  });
  if (selfMismatch) {
    // Tell a moved entry (its hash is right for another seq) from an edited one.
    const std::int64_t at = selfMismatch->seq;
    std::optional<std::int64_t> originalSeq;
    for (std::int64_t s = 1; s <= entries + 1 && !originalSeq; ++s) {
      if (s != at && entryHash(withSeq(*selfMismatch, s)) == selfMismatch->hash)
        originalSeq = s;
    }
    bool entryStillPresent = false;
    if (originalSeq) {
      store_.forEachAuditRow([&](const store::AuditRow& row) {
        if (!entryStillPresent && entryHash(withSeq(row, at)) == row.hash) {
          entryStillPresent = true;
        }
      });
    }
    const std::string seqText = std::to_string(at);
    if (!originalSeq) {
      found = problemAt(
          Problem::kEdited, at, 0,
          "監査ログの項目 " + seqText + " が改ざんされています（内容とハッシュが一致しません）。");
    } else if (entryStillPresent) {
      found = problemAt(Problem::kReordered, at, 0,
                        "監査ログの項目 " + seqText + " の位置が入れ替えられています。");
    } else {
      found = problemAt(
          Problem::kDeleted, at, 0,
          "監査ログの項目 " + seqText + " が削除され、後の項目の番号が詰められています。");
    }
  }
  if (found) {
    found->entries = entries;
    return *found;
  }
  const std::int64_t lastSeq = expected - 1;
  if (!head) {
    if (entries == 0)
      return {Problem::kNone, 0, 0, "監査ログは空です。"};
    return problemAt(Problem::kHeadMissing, lastSeq, entries,
                     "チェーン先頭ファイル " + headPath_ +
                         " がないか読めないため、末尾の切り詰めを検出できません。");
  }
  if (head->seq > lastSeq) {
    return problemAt(Problem::kTruncated, lastSeq + 1, entries,
                     "監査ログの末尾が切り詰められています（先頭ファイルは項目 " +
                         std::to_string(head->seq) + " まで、ログは項目 " +
                         std::to_string(lastSeq) +
                         " まで）。最初に欠けている項目: " + std::to_string(lastSeq + 1));
  }
  if (head->seq > 0 && hashAtHead != head->hash) {
    return problemAt(Problem::kHeadMismatch, head->seq, entries,
                     "監査ログの項目 " + std::to_string(head->seq) +
                         " のハッシュがチェーン先頭ファイルと一致しません（書き換え後に再計算された"
                         "可能性があります）。");
  }
  return {Problem::kNone, 0, entries, "監査ログは正常です（" + std::to_string(entries) + " 件）。"};
}

}  // namespace teichaku::audit
