#pragma once

// One test body for every engine (PowerDNS style): instantiated by
// sqlite_store_test.cpp and pg_store_test.cpp. Included by exactly one file per
// test executable.
#include <Poco/Data/LOB.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/aead.h"
#include "store/mirror_store.h"
#include "store/schema.h"
#include "store/sql_dialect.h"
#include "test_engines.h"

namespace teichaku::store::testing {

using namespace Poco::Data::Keywords;

template <typename E>
class StoreContract : public ::testing::Test {
 protected:
  std::unique_ptr<MirrorStore> open(crypto::KeyRing keys = testKeys()) {
    return openStore(StoreConfig{engine_.url(), std::move(keys), 10000});
  }

  static RecordInput caseRecord(std::int64_t id, std::int64_t revision) {
    RecordInput r;
    r.app = "case";
    r.id = id;
    r.revision = revision;
    r.updatedAt = "2024-04-01T09:00:00Z";
    r.clear = {{"センター", std::string("13")},
               {"状態", std::string("支援中")},
               {"受付日", Date{"2024-03-15"}},
               {"年齢区分", 3.0},
               {"終結日", std::monostate{}}};
    r.children = {
        ChildRow{"移行先", 11, {{"形態", std::string("自宅")}, {"日付", Date{"2024-05-01"}}}},
        ChildRow{"移行先", 12, {{"形態", std::string("施設")}, {"日付", Date{"2024-06-01"}}}}};
    r.body = "{\"氏名\":\"試験 花子\",\"id\":" + std::to_string(id) + "}";
    if (id % 2 == 1) {  // even ids: an app without sealed_filter fields
      r.filterBody = filterOf(id);
    }
    return r;
  }

  static std::string filterOf(std::int64_t id) {
    return "{\"生年月日\":{\"type\":\"DATE\",\"value\":\"1950-02-" + std::to_string(10 + id % 10) +
           "\"}}";
  }

  std::string rawBody(std::int64_t id) {
    Poco::Data::Session s = engine_.raw();
    Poco::Data::BLOB blob;
    s << adaptSql(E::kEngine, "SELECT body FROM records WHERE app = 'case' AND record_id = ?"),
        bind(Poco::Int64{id}), into(blob), now;
    return std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
  }

  void setRawBody(std::int64_t id, const std::string& bytes) {
    Poco::Data::Session s = engine_.raw();
    Poco::Data::BLOB blob(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    s << adaptSql(E::kEngine, "UPDATE records SET body = ? WHERE app = 'case' AND record_id = ?"),
        bind(blob), bind(Poco::Int64{id}), now;
  }

  E engine_;
};

TYPED_TEST_SUITE_P(StoreContract);

TYPED_TEST_P(StoreContract, UpsertAndGetRoundTrip) {
  auto store = this->open();
  RecordInput in = this->caseRecord(7, 3);
  store->upsertRecord(in);
  std::optional<StoredRecord> out = store->getRecord("case", 7);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->id, 7);
  EXPECT_EQ(out->revision, 3);
  EXPECT_EQ(out->updatedAt, "2024-04-01T09:00:00Z");
  EXPECT_EQ(out->clear, in.clear);
  EXPECT_EQ(out->children, in.children);
  EXPECT_EQ(out->body(), "{\"氏名\":\"試験 花子\",\"id\":7}");
  EXPECT_EQ(out->keyId(), 1u);
  EXPECT_FALSE(store->getRecord("case", 8).has_value());
  EXPECT_FALSE(store->getRecord("support", 7).has_value());
  EXPECT_EQ(store->countRecords("case"), 1);
}

TYPED_TEST_P(StoreContract, UpsertReplacesValuesAndChildren) {
  auto store = this->open();
  store->upsertRecord(this->caseRecord(7, 3));
  RecordInput changed = this->caseRecord(7, 4);
  changed.clear = {{"状態", std::string("終結")}};
  changed.children = {ChildRow{"移行先", 12, {{"形態", std::string("施設")}}}};
  changed.body = "new";
  store->upsertRecord(changed);
  auto out = store->getRecord("case", 7);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->revision, 4);
  EXPECT_EQ(out->clear, (ClearMap{{"状態", std::string("終結")}}));
  ASSERT_EQ(out->children.size(), 1u);
  EXPECT_EQ(out->children[0].rowId, 12);
  EXPECT_EQ(out->body(), "new");
  EXPECT_EQ(store->countRecords("case"), 1);
}

TYPED_TEST_P(StoreContract, BatchUpsertLastDuplicateWins) {
  auto store = this->open();
  store->upsertRecord(this->caseRecord(1, 1));
  RecordInput second = this->caseRecord(1, 3);
  second.clear = {{"状態", std::string("終結")}};
  second.children.clear();
  second.body = "third";
  store->upsertRecords({this->caseRecord(1, 2), this->caseRecord(2, 1), second});
  auto one = store->getRecord("case", 1);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->revision, 3);
  EXPECT_EQ(one->clear, second.clear);
  EXPECT_TRUE(one->children.empty());
  EXPECT_EQ(one->body(), "third");
  EXPECT_EQ(store->getRecord("case", 2)->children.size(), 2u);
  EXPECT_EQ(store->countRecords("case"), 2);
  store->upsertRecords({});
  EXPECT_EQ(store->countRecords("case"), 2);
}

TYPED_TEST_P(StoreContract, DeleteRemovesRecordAndItsValues) {
  auto store = this->open();
  store->upsertRecord(this->caseRecord(1, 1));
  store->upsertRecord(this->caseRecord(2, 1));
  EXPECT_TRUE(store->deleteRecord("case", 1));
  EXPECT_FALSE(store->deleteRecord("case", 1));
  EXPECT_FALSE(store->getRecord("case", 1).has_value());
  EXPECT_TRUE(store->getRecord("case", 2).has_value());
  Poco::Int64 values = -1;
  Poco::Data::Session raw = this->engine_.raw();
  raw << "SELECT COUNT(*) FROM clear_values WHERE record_id = 1", into(values), now;
  EXPECT_EQ(values, 0);
}

TYPED_TEST_P(StoreContract, ForEachStreamsAllRecordsInIdOrderAcrossPages) {
  auto store = this->open();
  const std::int64_t kCount = 1203;  // more than two pages of 500
  std::vector<RecordInput> batch;
  for (std::int64_t id = kCount; id >= 1; --id) {
    batch.push_back(this->caseRecord(id * 2, id));
  }
  store->upsertRecords(batch);
  std::int64_t seen = 0;
  std::int64_t lastId = 0;
  bool valuesOk = true;
  store->forEachRecord("case", [&](const StoredRecord& r) {
    ++seen;
    valuesOk = valuesOk && r.id > lastId && r.revision * 2 == r.id && r.children.size() == 2 &&
               r.clear.size() == 5;
    lastId = r.id;
    return true;
  });
  EXPECT_EQ(seen, kCount);
  EXPECT_EQ(lastId, kCount * 2);
  EXPECT_TRUE(valuesOk);

  std::int64_t visited = 0;
  store->forEachRecord("case", [&](const StoredRecord&) { return ++visited < 3; });
  EXPECT_EQ(visited, 3);

  std::vector<IdRevision> ids;
  store->forEachId("case", [&](const IdRevision& ir) { ids.push_back(ir); });
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(ids.front(), (IdRevision{2, 1}));
  EXPECT_EQ(ids.back(), (IdRevision{kCount * 2, kCount}));
}

TYPED_TEST_P(StoreContract, ClearValuesReadableWithoutDecrypting) {
  auto store = this->open();
  store->upsertRecord(this->caseRecord(1, 1));
  store->upsertRecord(this->caseRecord(2, 1));
  std::string damaged = this->rawBody(1);
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x20);
  this->setRawBody(1, damaged);
  int visited = 0;
  store->forEachRecord("case", [&](const StoredRecord& r) {
    ++visited;
    EXPECT_EQ(std::get<std::string>(r.clear.at("センター")), "13");
    if (r.id == 1) {
      EXPECT_THROW(r.body(), crypto::OpenError);
    } else {
      EXPECT_NO_THROW(r.body());
    }
    return true;
  });
  EXPECT_EQ(visited, 2);
}

TYPED_TEST_P(StoreContract, MovedCiphertextFailsClosed) {
  auto store = this->open();
  store->upsertRecord(this->caseRecord(1, 1));
  store->upsertRecord(this->caseRecord(2, 1));
  this->setRawBody(2, this->rawBody(1));  // row 1's ciphertext under row 2's identity
  auto moved = store->getRecord("case", 2);
  ASSERT_TRUE(moved.has_value());
  EXPECT_THROW(moved->body(), crypto::OpenError);
  EXPECT_EQ(store->getRecord("case", 1)->body(), "{\"氏名\":\"試験 花子\",\"id\":1}");
}

TYPED_TEST_P(StoreContract, BodyIsNotStoredInClear) {
  auto store = this->open();
  store->upsertRecord(this->caseRecord(1, 1));
  std::string raw = this->rawBody(1);
  EXPECT_EQ(raw.find("試験"), std::string::npos);
  EXPECT_EQ(raw.size(),
            std::string("{\"氏名\":\"試験 花子\",\"id\":1}").size() + crypto::kSealOverhead);
}

TYPED_TEST_P(StoreContract, RotationKeepsOldRecordsReadable) {
  {
    auto store = this->open(testKeys({1}, 1));
    store->upsertRecord(this->caseRecord(1, 1));
  }
  auto store = this->open(testKeys({1, 2}, 2));
  store->upsertRecord(this->caseRecord(2, 1));
  EXPECT_EQ(store->getRecord("case", 1)->keyId(), 1u);
  EXPECT_EQ(store->getRecord("case", 2)->keyId(), 2u);
  EXPECT_EQ(store->getRecord("case", 1)->body(), "{\"氏名\":\"試験 花子\",\"id\":1}");
  EXPECT_EQ(store->getRecord("case", 2)->body(), "{\"氏名\":\"試験 花子\",\"id\":2}");
}

TYPED_TEST_P(StoreContract, ResealMovesEverythingToTheActiveKey) {
  {
    auto store = this->open(testKeys({1}, 1));
    for (std::int64_t id = 1; id <= 3; ++id)
      store->upsertRecord(this->caseRecord(id, 1));
    store->enqueue("k1", "kind", "payload", 0);
  }
  {
    auto store = this->open(testKeys({1, 2}, 2));
    EXPECT_EQ(store->resealWithActiveKey(2), 2);    // two of three records
    EXPECT_EQ(store->resealWithActiveKey(100), 2);  // the last record and the outbox item
    EXPECT_EQ(store->resealWithActiveKey(100), 0);
  }
  auto store = this->open(testKeys({2}, 2));  // key 1 retired
  for (std::int64_t id = 1; id <= 3; ++id) {
    EXPECT_EQ(store->getRecord("case", id)->keyId(), 2u);
    EXPECT_EQ(store->getRecord("case", id)->body(),
              "{\"氏名\":\"試験 花子\",\"id\":" + std::to_string(id) + "}");
    // The filter body was sealed again with the body (ids 1 and 3 have one).
    if (id % 2 == 1) {
      EXPECT_EQ(store->getRecord("case", id)->filterBody(), this->filterOf(id));
    }
  }
  auto item = store->claim(0);
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->payload, "payload");
}

TYPED_TEST_P(StoreContract, FilterBodyRoundTripsAndOpensOnlyOnItsRecord) {
  auto store = this->open();
  store->upsertRecord(this->caseRecord(1, 1));
  store->upsertRecord(this->caseRecord(2, 1));
  store->upsertRecord(this->caseRecord(3, 1));
  EXPECT_EQ(store->getRecord("case", 1)->filterBody(),
            "{\"生年月日\":{\"type\":\"DATE\",\"value\":\"1950-02-11\"}}");
  EXPECT_EQ(store->getRecord("case", 2)->filterBody(), std::nullopt);
  // Record 1's sealed filter copied onto record 3 must not open there (aad app:id:filter),
  // nor does a body opened as a filter.
  Poco::Data::Session raw = this->engine_.raw();
  raw << adaptSql(TypeParam::kEngine,
                  "UPDATE records SET filter_body = (SELECT filter_body FROM records WHERE "
                  "app = 'case' AND record_id = 1) WHERE app = 'case' AND record_id = 3"),
      now;
  EXPECT_THROW(store->getRecord("case", 3)->filterBody(), crypto::OpenError);
  raw << adaptSql(TypeParam::kEngine,
                  "UPDATE records SET filter_body = body WHERE app = 'case' AND record_id = 1"),
      now;
  EXPECT_THROW(store->getRecord("case", 1)->filterBody(), crypto::OpenError);
}

TYPED_TEST_P(StoreContract, ForEachRecordValuesGivesTheNamedValuesInIdOrder) {
  auto store = this->open();
  for (std::int64_t id : {5, 2, 9}) {
    store->upsertRecord(this->caseRecord(id, 1));
  }
  std::vector<std::int64_t> ids;
  // Values come by the position of their name as given (not sorted); a name the record has no
  // clear value for gives nullptr, and a stored null gives monostate.
  const std::vector<std::string> names = {"終結日", "センター", "未登録の項目", "受付日"};
  auto valueAt = [](const RecordValues& r, std::size_t i) {
    const ClearValue* v = r.value(i);
    return v != nullptr ? std::optional<ClearValue>(*v) : std::nullopt;
  };
  store->forEachRecordValues("case", names, [&](const RecordValues& r) {
    ids.push_back(r.id);
    EXPECT_EQ(r.revision, 1);
    EXPECT_EQ(valueAt(r, 0), ClearValue(std::monostate{}));
    EXPECT_EQ(valueAt(r, 1), ClearValue(std::string("13")));
    EXPECT_EQ(valueAt(r, 2), std::nullopt);
    EXPECT_EQ(valueAt(r, 3), ClearValue(Date{"2024-03-15"}));
    EXPECT_EQ(r.hasFilterBody(), r.id % 2 == 1);
    EXPECT_EQ(r.filterBody(), r.id % 2 == 1 ? std::optional(this->filterOf(r.id)) : std::nullopt);
    return true;
  });
  EXPECT_EQ(ids, (std::vector<std::int64_t>{2, 5, 9}));
  // Returning false stops the scan.
  ids.clear();
  store->forEachRecordValues("case", names, [&](const RecordValues& r) {
    ids.push_back(r.id);
    return false;
  });
  EXPECT_EQ(ids, (std::vector<std::int64_t>{2}));
}

TYPED_TEST_P(StoreContract, MissingKeyFailsClosed) {
  {
    auto store = this->open(testKeys({1}, 1));
    store->upsertRecord(this->caseRecord(1, 1));
  }
  auto store = this->open(testKeys({2}, 2));
  EXPECT_THROW(store->getRecord("case", 1)->body(), crypto::OpenError);
}

TYPED_TEST_P(StoreContract, UncommittedTransactionRollsBack) {
  auto store = this->open();
  store->upsertRecord(this->caseRecord(1, 1));
  store->setCheckpoint("case", "c1");
  {
    Transaction tx(*store);
    store->upsertRecord(this->caseRecord(1, 2));
    store->upsertRecord(this->caseRecord(2, 1));
    store->setCheckpoint("case", "c2");
    EXPECT_EQ(store->checkpoint("case"), "c2");  // visible inside the transaction
  }
  EXPECT_FALSE(store->inTransaction());
  EXPECT_EQ(store->getRecord("case", 1)->revision, 1);
  EXPECT_FALSE(store->getRecord("case", 2).has_value());
  EXPECT_EQ(store->checkpoint("case"), "c1");
}

TYPED_TEST_P(StoreContract, CheckpointCommitsWithItsRecords) {
  auto store = this->open();
  EXPECT_FALSE(store->checkpoint("case").has_value());
  {
    Transaction tx(*store);
    store->upsertRecord(this->caseRecord(1, 5));
    store->setCheckpoint("case", "2024-04-01T09:00:00Z#1");
    tx.commit();
  }
  auto reopened = this->open();
  EXPECT_EQ(reopened->checkpoint("case"), "2024-04-01T09:00:00Z#1");
  EXPECT_EQ(reopened->getRecord("case", 1)->revision, 5);
  EXPECT_FALSE(reopened->checkpoint("support").has_value());
}

TYPED_TEST_P(StoreContract, NestedBeginIsRefused) {
  auto store = this->open();
  Transaction tx(*store);
  EXPECT_THROW(store->begin(), std::logic_error);
}

TYPED_TEST_P(StoreContract, AfterCommitHooksRunOnlyOnCommit) {
  auto store = this->open();
  int ran = 0;
  {
    Transaction tx(*store);
    store->afterCommit([&] { ++ran; });
    EXPECT_EQ(ran, 0);
  }
  EXPECT_EQ(ran, 0);
  {
    Transaction tx(*store);
    store->afterCommit([&] { ran += 10; });
    EXPECT_EQ(ran, 0);
    tx.commit();
  }
  EXPECT_EQ(ran, 10);
  store->afterCommit([&] { ran += 100; });
  EXPECT_EQ(ran, 110);
}

TYPED_TEST_P(StoreContract, MigrationsAreIdempotent) {
  { this->open()->upsertRecord(this->caseRecord(1, 1)); }
  auto store = this->open();
  auto again = this->open();
  EXPECT_EQ(again->schemaVersion(), 2);  // the two migrations in schema.cpp
  EXPECT_EQ(latestSchemaVersion(), 2);
  Poco::Int64 rows = -1;
  Poco::Data::Session raw = this->engine_.raw();
  raw << "SELECT COUNT(*) FROM schema_version", into(rows), now;
  EXPECT_EQ(rows, 2);
  EXPECT_TRUE(store->getRecord("case", 1).has_value());
}

TYPED_TEST_P(StoreContract, RefusesNewerSchema) {
  { this->open(); }
  {
    Poco::Data::Session raw = this->engine_.raw();
    raw << "INSERT INTO schema_version (version, applied_at) VALUES (99, 'x')", now;
  }
  EXPECT_THROW(this->open(), StoreError);
}

TYPED_TEST_P(StoreContract, OutboxLifecycle) {
  auto store = this->open();
  EXPECT_TRUE(store->enqueue("notify:case:1:a", "garoon.notification", "payload-1", 1000));
  EXPECT_FALSE(store->enqueue("notify:case:1:a", "garoon.notification", "other", 1001));
  EXPECT_TRUE(store->enqueue("notify:case:2:a", "garoon.notification", "payload-2", 2000));

  EXPECT_FALSE(store->claim(999).has_value());  // nothing due yet
  auto first = store->claim(5000);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->key, "notify:case:1:a");
  EXPECT_EQ(first->payload, "payload-1");
  EXPECT_EQ(first->kind, "garoon.notification");
  EXPECT_EQ(first->state, OutboxState::kInFlight);
  EXPECT_EQ(first->attempts, 1);
  EXPECT_EQ(first->created, 1000);

  store->markFailed(first->id, "HTTP 503", 9000);
  auto second = store->claim(5000);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->key, "notify:case:2:a");
  EXPECT_FALSE(store->claim(8999).has_value());
  auto retried = store->claim(9000);
  ASSERT_TRUE(retried.has_value());
  EXPECT_EQ(retried->id, first->id);
  EXPECT_EQ(retried->attempts, 2);
  EXPECT_EQ(retried->lastError, "HTTP 503");

  store->markDone(retried->id, 9100);
  store->park(second->id, "GAROON_FORBIDDEN");
  EXPECT_FALSE(store->claim(100000).has_value());

  auto done = store->listOutbox(OutboxState::kDone, 10);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].done, 9100);
  auto parked = store->listOutbox(OutboxState::kParked, 10);
  ASSERT_EQ(parked.size(), 1u);
  EXPECT_EQ(parked[0].lastError, "GAROON_FORBIDDEN");
  EXPECT_EQ(store->listOutbox(std::nullopt, 10).size(), 2u);
}

TYPED_TEST_P(StoreContract, InFlightItemsAreReleasedAfterCrash) {
  {
    auto store = this->open();
    store->enqueue("k1", "kind", "p", 0);
    ASSERT_TRUE(store->claim(0).has_value());
  }
  auto store = this->open();
  EXPECT_FALSE(store->claim(0).has_value());
  EXPECT_EQ(store->releaseInFlight(), 1);
  auto again = store->claim(0);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->attempts, 2);
}

TYPED_TEST_P(StoreContract, OutboxPayloadIsSealed) {
  auto store = this->open();
  store->enqueue("k1", "kind", "ペイロード本文", 0);
  Poco::Data::Session raw = this->engine_.raw();
  Poco::Data::BLOB blob;
  raw << "SELECT payload FROM outbox", into(blob), now;
  std::string bytes(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
  EXPECT_EQ(bytes.find("ペイロード"), std::string::npos);
  EXPECT_EQ(bytes.size(), std::string("ペイロード本文").size() + crypto::kSealOverhead);
}

TYPED_TEST_P(StoreContract, RequeueReturnsOnlyAParkedItemToPending) {
  auto store = this->open();
  ASSERT_TRUE(store->enqueue("notify:share:1:g1", "garoon.notification", "p1", 1000));
  ASSERT_TRUE(store->enqueue("notify:share:2:g1", "garoon.notification", "p2", 1000));
  auto parked = store->claim(1000);
  ASSERT_TRUE(parked.has_value());
  store->park(parked->id, "GAROON_FORBIDDEN");
  auto inFlight = store->claim(1000);
  ASSERT_TRUE(inFlight.has_value());

  EXPECT_FALSE(store->requeue(inFlight->id, 5000));  // the deliverer is sending it
  EXPECT_EQ(store->outboxItem(inFlight->id)->state, OutboxState::kInFlight);
  EXPECT_FALSE(store->requeue(424242, 5000));

  EXPECT_TRUE(store->requeue(parked->id, 5000));
  auto item = store->outboxItem(parked->id);
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->state, OutboxState::kPending);
  EXPECT_EQ(item->attempts, 0);
  EXPECT_EQ(item->nextAttemptAt, 5000);
  EXPECT_EQ(item->lastError, "GAROON_FORBIDDEN");
  EXPECT_EQ(item->payload, "p1");
  EXPECT_FALSE(store->requeue(parked->id, 6000));  // pending now, not parked

  EXPECT_FALSE(store->claim(4999).has_value());
  auto again = store->claim(5000);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, parked->id);
  EXPECT_EQ(again->attempts, 1);
  store->markDone(again->id, 5100);
  EXPECT_FALSE(store->requeue(again->id, 6000));  // done stays done
  EXPECT_EQ(store->outboxItem(again->id)->state, OutboxState::kDone);
}

TYPED_TEST_P(StoreContract, DropWithdrawsPendingOrParkedAndKeepsTheKey) {
  auto store = this->open();
  ASSERT_TRUE(store->enqueue("k-parked", "garoon.notification", "b", 0));
  ASSERT_TRUE(store->enqueue("k-done", "garoon.notification", "d", 0));
  ASSERT_TRUE(store->enqueue("k-flight", "garoon.notification", "c", 0));
  auto parked = store->claim(0);
  auto done = store->claim(0);
  auto flight = store->claim(0);
  ASSERT_TRUE(parked && done && flight);
  ASSERT_EQ(parked->key, "k-parked");
  ASSERT_EQ(flight->key, "k-flight");
  store->park(parked->id, "GAROON_FORBIDDEN");
  store->markDone(done->id, 10);
  ASSERT_TRUE(store->enqueue("k-pending", "garoon.notification", "a", 0));
  const std::int64_t pending = store->listOutbox(OutboxState::kPending, 10).at(0).id;

  EXPECT_TRUE(store->dropOutbox(pending));
  EXPECT_TRUE(store->dropOutbox(parked->id));
  EXPECT_FALSE(store->dropOutbox(pending));  // already dropped
  EXPECT_FALSE(store->dropOutbox(flight->id));
  EXPECT_FALSE(store->dropOutbox(done->id));
  EXPECT_FALSE(store->dropOutbox(424242));
  EXPECT_FALSE(store->requeue(parked->id, 0));  // dropped is final

  EXPECT_EQ(store->outboxItem(pending)->state, OutboxState::kDropped);
  EXPECT_EQ(store->outboxItem(flight->id)->state, OutboxState::kInFlight);
  EXPECT_EQ(store->outboxItem(done->id)->state, OutboxState::kDone);
  EXPECT_FALSE(store->claim(1000000).has_value());  // never sent
  EXPECT_EQ(store->releaseInFlight(), 1);           // only k-flight goes back to pending
  auto resent = store->claim(1000000);
  ASSERT_TRUE(resent.has_value());
  EXPECT_EQ(resent->key, "k-flight");
  // The rule that made the action cannot enqueue it again under the same key.
  EXPECT_FALSE(store->enqueue("k-pending", "garoon.notification", "a", 0));
  auto dropped = store->listOutbox(OutboxState::kDropped, 10);
  ASSERT_EQ(dropped.size(), 2u);
  EXPECT_EQ(dropped[0].key, "k-parked");  // in id order
  EXPECT_EQ(dropped[1].key, "k-pending");
  EXPECT_FALSE(store->outboxItem(424242).has_value());
}

TYPED_TEST_P(StoreContract, OutboxStateNamesRoundTrip) {
  EXPECT_EQ(parseOutboxState("pending"), OutboxState::kPending);
  EXPECT_EQ(parseOutboxState("in_flight"), OutboxState::kInFlight);
  EXPECT_EQ(parseOutboxState("done"), OutboxState::kDone);
  EXPECT_EQ(parseOutboxState("parked"), OutboxState::kParked);
  EXPECT_EQ(parseOutboxState("dropped"), OutboxState::kDropped);
  EXPECT_FALSE(parseOutboxState("Parked").has_value());
  EXPECT_FALSE(parseOutboxState("").has_value());
  EXPECT_STREQ(toString(OutboxState::kDropped), "dropped");
}

TYPED_TEST_P(StoreContract, MetaSetGetOverwrite) {
  auto store = this->open();
  EXPECT_FALSE(store->meta("last_full_sync").has_value());
  store->setMeta("last_full_sync", "a");
  store->setMeta("last_full_sync", "b");
  EXPECT_EQ(store->meta("last_full_sync"), "b");
}

TYPED_TEST_P(StoreContract, AuditRowsAppendInOrder) {
  auto store = this->open();
  EXPECT_FALSE(store->lastAuditRow().has_value());
  for (std::int64_t seq = 1; seq <= 1005; ++seq) {
    store->appendAuditRow(
        AuditRow{seq, "t", "a", "x", "case", "1", "f", "", "p", "h" + std::to_string(seq)});
  }
  EXPECT_EQ(store->lastAuditRow()->hash, "h1005");
  std::int64_t expected = 1;
  bool ordered = true;
  store->forEachAuditRow([&](const AuditRow& row) { ordered = ordered && row.seq == expected++; });
  EXPECT_TRUE(ordered);
  EXPECT_EQ(expected, 1006);
  EXPECT_THROW(store->appendAuditRow(AuditRow{5, "t", "a", "x", "", "", "", "", "", ""}),
               StoreError);
}

TYPED_TEST_P(StoreContract, IntegrityCheckIsOk) {
  auto store = this->open();
  store->upsertRecord(this->caseRecord(1, 1));
  EXPECT_EQ(store->integrityCheck(), std::vector<std::string>{"ok"});
}

REGISTER_TYPED_TEST_SUITE_P(
    StoreContract, UpsertAndGetRoundTrip, UpsertReplacesValuesAndChildren,
    BatchUpsertLastDuplicateWins, DeleteRemovesRecordAndItsValues,
    ForEachStreamsAllRecordsInIdOrderAcrossPages, ClearValuesReadableWithoutDecrypting,
    MovedCiphertextFailsClosed, BodyIsNotStoredInClear, RotationKeepsOldRecordsReadable,
    ResealMovesEverythingToTheActiveKey, MissingKeyFailsClosed, UncommittedTransactionRollsBack,
    CheckpointCommitsWithItsRecords, NestedBeginIsRefused, AfterCommitHooksRunOnlyOnCommit,
    MigrationsAreIdempotent, RefusesNewerSchema, OutboxLifecycle,
    InFlightItemsAreReleasedAfterCrash, OutboxPayloadIsSealed,
    RequeueReturnsOnlyAParkedItemToPending, DropWithdrawsPendingOrParkedAndKeepsTheKey,
    OutboxStateNamesRoundTrip, MetaSetGetOverwrite, AuditRowsAppendInOrder, IntegrityCheckIsOk,
    FilterBodyRoundTripsAndOpensOnlyOnItsRecord, ForEachRecordValuesGivesTheNamedValuesInIdOrder);

}  // namespace teichaku::store::testing
