#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/mirror_store.h"

// The append-only, hash-chained audit log (reliability.md §5.4). Every read of
// personal data for an output, every write-back, export, notification and account
// change is recorded: who, what, which app, which records, which field codes —
// never field values.
//
// Chain: hash_n = SHA-256(canonical(entry_n)), where the canonical form (see
// canonicalEntry) includes seq, time, every field and prev_hash = hash_{n-1}
// (64 zeros for the first entry). The chain head (seq + hash) is also written to a
// file outside the database after each commit, so cutting off the tail is caught.
namespace teichaku::audit {

struct AuditEntry {
  std::string actor;   // API token id, operator account or "bridge"
  std::string action;  // e.g. "record.read", "record.writeback", "export", "notification"
  std::string app;
  std::vector<std::int64_t> recordIds;
  std::vector<std::string> fieldCodes;
  std::string detail;  // free text without any field value, e.g. the export name
};

enum class Problem {
  kNone,
  kEdited,        // an entry's content no longer matches its hash or its successor's link
  kDeleted,       // a sequence number is missing
  kReordered,     // an entry sits at another position than where it was written
  kTruncated,     // the head file names a later entry than the log holds
  kHeadMismatch,  // the head file's hash differs from the entry it names
  kHeadMissing,   // the log has entries but the head file is missing or unreadable
};

struct VerifyResult {
  Problem problem = Problem::kNone;
  std::int64_t firstBadSeq = 0;  // 0 when ok
  std::int64_t entries = 0;      // entries read
  std::string message;           // Japanese, for `teichaku-bridge audit verify`
  bool ok() const { return problem == Problem::kNone; }
};

class AuditLog {
 public:
  // `headPath`: the chain head file (config). `clock` returns UTC ISO-8601 text.
  AuditLog(store::MirrorStore& store, std::string headPath,
           std::function<std::string()> clock = {});

  // Appends one entry inside the store's open transaction (so it commits or rolls
  // back with the change it describes), or in its own transaction when none is
  // open. The head file is rewritten after the commit. Returns the entry's seq.
  std::int64_t append(const AuditEntry& entry);

  // Walks the whole chain and compares its end with the head file.
  VerifyResult verify();

 private:
  store::MirrorStore& store_;
  std::string headPath_;
  std::function<std::string()> clock_;
};

// The exact bytes hashed for a row (documented for independent verifiers):
// "teichaku-audit v1" then, for seq, at, actor, action, app, record_ids,
// field_codes, detail, prev_hash in this order, "\n" + decimal byte length + ":" +
// the bytes.
std::string canonicalEntry(const store::AuditRow& row);
std::string entryHash(const store::AuditRow& row);  // SHA-256 hex of canonicalEntry

// List encodings stored in record_ids / field_codes: items joined by ",", with
// "\" and "," inside an item escaped by "\".
std::string encodeList(const std::vector<std::string>& items);

extern const char* const kGenesisHash;  // prev_hash of the first entry

}  // namespace teichaku::audit
