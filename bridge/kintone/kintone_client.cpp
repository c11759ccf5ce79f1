#include "kintone/kintone_client.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <thread>

#include "kintone/classify.h"
#include "kintone/json_util.h"

namespace teichaku::kintone {

namespace {

Outcome badResponse(const char* what) {
  return Outcome::fail("KINTONE_BAD_RESPONSE",
                       std::string("kintone の応答に ") + what + " がありません。");
}

void defaultSleep(std::chrono::milliseconds delay) {
  std::this_thread::sleep_for(delay);
}

}  // namespace

KintoneClient::KintoneClient(ClientConfig config, Backoff::Uniform01 uniform, Sleeper sleeper,
                             RequestBudget::Clock clock)
    : builder_(config.endpoint, config.auth, config.userAgent),
      transport_(config.transport),
      backoff_(config.retry, std::move(uniform)),
      sleeper_(sleeper ? std::move(sleeper) : Sleeper(defaultSleep)),
      budget_(config.budget, std::move(clock)),
      freeCursorSlots_(config.cursorSlots) {}

KintoneClient::~KintoneClient() = default;

KintoneClient::RawResult KintoneClient::sendRaw(const HttpRequest& request, bool expectJson) {
  std::chrono::milliseconds waited{0};
  const RetryPolicy& policy = backoff_.policy();
  for (int attempt = 0;; ++attempt) {
    if (!request.budgetApp.empty() && !budget_.tryConsume(request.budgetApp, request.urgent)) {
      return {Outcome::retry("KINTONE_DAILY_BUDGET_RESERVED",
                             "アプリ " + request.budgetApp +
                                 " の本日の API リクエスト数が上限の手前（" +
                                 std::to_string(budget_.config().ceiling) +
                                 " 件）に達したため、急ぎでない処理を 09:00 まで見送ります。"),
              {},
              rapidjson::Document(),
              {}};
    }
    HttpResponse response = transport_.submit(request).get();
    Classification verdict = classify(response, request.idempotent);
    rapidjson::Document json;
    if (verdict.outcome.isOk() && expectJson) {
      json.Parse(response.body.data(), response.body.size());
      if (json.HasParseError() || !json.IsObject()) {
        verdict = classifyUnreadableBody(response.status, request.idempotent);
      }
    }
    if (!verdict.outcome.isRetry() || attempt + 1 >= policy.maxAttempts) {
      return {std::move(verdict.outcome), std::move(response), std::move(json),
              std::move(verdict.kintoneCode)};
    }
    const std::chrono::milliseconds delay = backoff_.delay(attempt, verdict.retryAfter);
    if (waited + delay > policy.maxTotal) {
      return {std::move(verdict.outcome), std::move(response), rapidjson::Document(),
              std::move(verdict.kintoneCode)};
    }
    sleeper_(delay);
    waited += delay;
  }
}

JsonResult KintoneClient::send(const HttpRequest& request) {
  RawResult raw = sendRaw(request, true);
  return {std::move(raw.outcome), std::move(raw.json), std::move(raw.kintoneCode)};
}

// Configuration and argument errors become a Fail the caller handles like any other.
JsonResult KintoneClient::sendBuilt(const std::function<HttpRequest()>& build) {
  try {
    return send(build());
  } catch (const AuthError& error) {
    return {Outcome::fail("KINTONE_AUTH_CONFIG", error.what()), rapidjson::Document(), {}};
  } catch (const std::invalid_argument& error) {
    return {Outcome::fail("KINTONE_INVALID_ARGUMENT", error.what()), rapidjson::Document(), {}};
  }
}

JsonResult KintoneClient::getRecords(const std::string& app, const std::string& query,
                                     const std::vector<std::string>& fields, bool totalCount) {
  return sendBuilt([&] { return builder_.getRecords(app, query, fields, totalCount); });
}

JsonResult KintoneClient::getRecord(const std::string& app, const std::string& id) {
  return sendBuilt([&] { return builder_.getRecord(app, id); });
}

Outcome KintoneClient::getAllRecordsBySeek(const std::string& app, const std::string& condition,
                                           const std::vector<std::string>& fields,
                                           const PageCallback& onPage, int pageSize) {
  return seekFrom(app, condition, fields, onPage, pageSize, "0");
}

Outcome KintoneClient::getAllRecordsBySeekParallel(const std::string& app,
                                                   const std::string& condition,
                                                   const std::vector<std::string>& fields,
                                                   const PageCallback& onPage, int parts,
                                                   int pageSize) {
  if (parts <= 1) {
    return getAllRecordsBySeek(app, condition, fields, onPage, pageSize);
  }
  const std::string prefix = condition.empty() ? "" : "(" + condition + ") ";
  JsonResult top = getRecords(app, prefix + "order by $id desc limit 1", {"$id"}, false);
  if (!top.outcome.isOk()) {
    return top.outcome;
  }
  auto records = top.json.FindMember("records");
  if (records == top.json.MemberEnd() || !records->value.IsArray()) {
    return badResponse("records");
  }
  if (records->value.Empty()) {
    return Outcome::ok();
  }
  const rapidjson::Value& last = records->value[0];
  std::optional<std::string> maxText;
  if (last.IsObject() && last.HasMember("$id")) {
    maxText = stringMember(last["$id"], "value");
  }
  long long maxId = 0;
  if (!maxText || std::from_chars(maxText->data(), maxText->data() + maxText->size(), maxId).ec !=
                      std::errc()) {
    return badResponse("$id");
  }
  const long long step = maxId / parts + 1;
  std::mutex callbackMutex;
  bool stopped = false;
  auto serialised = [&](const rapidjson::Value& page) {
    std::lock_guard lock(callbackMutex);
    if (stopped) {
      return false;
    }
    stopped = !onPage(page);
    return !stopped;
  };
  std::vector<Outcome> outcomes(static_cast<std::size_t>(parts), Outcome::ok());
  std::vector<std::thread> workers;
  for (int i = 0; i < parts; ++i) {
    const long long low = step * i;
    const long long high = std::min(maxId, step * (i + 1));
    if (low >= high) {
      break;
    }
    const std::string rangeCondition =
        (condition.empty() ? "" : "(" + condition + ") and ") + "$id <= " + std::to_string(high);
    workers.emplace_back([&, i, low, rangeCondition] {
      Outcome outcome =
          seekFrom(app, rangeCondition, fields, serialised, pageSize, std::to_string(low));
      if (!outcome.isOk()) {
        std::lock_guard lock(callbackMutex);
        stopped = true;  // the other ranges stop at their next page
      }
      outcomes[static_cast<std::size_t>(i)] = std::move(outcome);
    });
  }
  for (std::thread& worker : workers) {
    worker.join();
  }
  for (const Outcome& outcome : outcomes) {
    if (!outcome.isOk()) {
      return outcome;
    }
  }
  return Outcome::ok();
}

Outcome KintoneClient::seekFrom(const std::string& app, const std::string& condition,
                                const std::vector<std::string>& fields, const PageCallback& onPage,
                                int pageSize, std::string lastId) {
  if (pageSize < 1 || static_cast<std::size_t>(pageSize) > kMaxGetRecords) {
    return Outcome::fail("KINTONE_INVALID_ARGUMENT", "1 ページの件数は 1〜500 です。");
  }
  std::vector<std::string> wanted = fields;
  if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), "$id") == wanted.end()) {
    wanted.push_back("$id");  // needed to continue after the last record
  }
  while (true) {
    std::string query = condition.empty() ? "" : "(" + condition + ") and ";
    query += "$id > " + lastId + " order by $id asc limit " + std::to_string(pageSize);
    JsonResult page = getRecords(app, query, wanted, false);
    if (!page.outcome.isOk()) {
      return page.outcome;
    }
    auto records = page.json.FindMember("records");
    if (records == page.json.MemberEnd() || !records->value.IsArray()) {
      return badResponse("records");
    }
    const rapidjson::Value& list = records->value;
    if (list.Empty() || !onPage(list)) {
      return Outcome::ok();
    }
    const rapidjson::Value& last = list[list.Size() - 1];
    auto idField = last.IsObject() ? last.FindMember("$id") : last.MemberEnd();
    std::optional<std::string> id;
    if (last.IsObject() && idField != last.MemberEnd()) {
      id = stringMember(idField->value, "value");
    }
    if (!id) {
      return badResponse("$id");
    }
    lastId = *id;
    if (list.Size() < static_cast<rapidjson::SizeType>(pageSize)) {
      return Outcome::ok();
    }
  }
}

bool KintoneClient::acquireCursorSlot() {
  std::lock_guard lock(cursorMutex_);
  if (freeCursorSlots_ <= 0) {
    return false;
  }
  --freeCursorSlots_;
  return true;
}

void KintoneClient::releaseCursorSlot() {
  std::lock_guard lock(cursorMutex_);
  ++freeCursorSlots_;
}

CursorResult KintoneClient::openCursor(const std::string& app,
                                       const std::vector<std::string>& fields,
                                       const std::string& query, int size) {
  if (!acquireCursorSlot()) {
    return {Outcome::retry("KINTONE_CURSOR_SLOTS_BUSY",
                           "kintone カーソルの使用枠がすべて使用中です。後で再試行します。"),
            nullptr};
  }
  JsonResult created = sendBuilt([&] { return builder_.createCursor(app, fields, query, size); });
  if (!created.outcome.isOk()) {
    releaseCursorSlot();
    return {std::move(created.outcome), nullptr};
  }
  auto id = stringMember(created.json, "id");
  if (!id) {
    releaseCursorSlot();
    return {badResponse("id"), nullptr};
  }
  std::string total = stringMember(created.json, "totalCount").value_or("");
  return {Outcome::ok(), std::unique_ptr<RecordCursor>(new RecordCursor(*this, app, *id, total))};
}

Outcome KintoneClient::forEachCursorPage(const std::string& app,
                                         const std::vector<std::string>& fields,
                                         const std::string& query, const PageCallback& onPage) {
  CursorResult opened = openCursor(app, fields, query);
  if (!opened.outcome.isOk()) {
    return opened.outcome;
  }
  while (opened.cursor->hasMore()) {
    JsonResult page = opened.cursor->next();
    if (!page.outcome.isOk()) {
      return page.outcome;
    }
    auto records = page.json.FindMember("records");
    if (records == page.json.MemberEnd() || !records->value.IsArray()) {
      return badResponse("records");
    }
    if (!onPage(records->value)) {
      return opened.cursor->close();
    }
  }
  return Outcome::ok();
}

RecordCursor::RecordCursor(KintoneClient& client, std::string app, std::string id,
                           std::string totalCount)
    : client_(client),
      app_(std::move(app)),
      id_(std::move(id)),
      totalCount_(std::move(totalCount)) {}

RecordCursor::~RecordCursor() {
  // A failed delete is not fatal: kintone expires the cursor 10 minutes after its last use
  // (kintone-api.md §2), and close() already reported the outcome to anyone who asked.
  static_cast<void>(close());
  client_.releaseCursorSlot();
}

JsonResult RecordCursor::next() {
  if (!open_) {
    return {Outcome::fail("KINTONE_CURSOR_CLOSED", "カーソルはすでに閉じています。"),
            rapidjson::Document(),
            {}};
  }
  JsonResult page = client_.sendBuilt([&] { return client_.builder_.getCursor(app_, id_); });
  if (page.outcome.isOk()) {
    auto next = page.json.FindMember("next");
    // After the last page kintone deletes the cursor itself (kintone-api.md §3.1).
    open_ = next != page.json.MemberEnd() && next->value.IsBool() && next->value.GetBool();
  }
  return page;
}

Outcome RecordCursor::close() {
  if (!open_) {
    return Outcome::ok();
  }
  open_ = false;
  return client_.sendBuilt([&] { return client_.builder_.deleteCursor(app_, id_); }).outcome;
}

WriteResult KintoneClient::writeInChunks(
    const std::string& app, const rapidjson::Value& items,
    const std::function<HttpRequest(const rapidjson::Value&)>& build, const char* idsKey) {
  WriteResult result{Outcome::ok(), 0, {}, {}};
  if (!items.IsArray()) {
    result.outcome =
        Outcome::fail("KINTONE_INVALID_ARGUMENT", "レコードは JSON 配列で渡してください。");
    return result;
  }
  static_cast<void>(app);
  for (rapidjson::SizeType start = 0; start < items.Size(); start += kMaxWriteRecords) {
    rapidjson::Document chunk(rapidjson::kArrayType);
    const rapidjson::SizeType end =
        std::min<rapidjson::SizeType>(items.Size(), start + kMaxWriteRecords);
    for (rapidjson::SizeType i = start; i < end; ++i) {
      chunk.PushBack(rapidjson::Value(items[i], chunk.GetAllocator()), chunk.GetAllocator());
    }
    JsonResult sent = sendBuilt([&] { return build(chunk); });
    if (!sent.outcome.isOk()) {
      result.outcome = std::move(sent.outcome);
      return result;
    }
    // add: {"ids":[..],"revisions":[..]}; update: {"records":[{"id","revision"}]}; delete: {}.
    if (std::string(idsKey) == "ids") {
      auto ids = sent.json.FindMember("ids");
      auto revisions = sent.json.FindMember("revisions");
      if (ids == sent.json.MemberEnd() || !ids->value.IsArray() ||
          revisions == sent.json.MemberEnd() || !revisions->value.IsArray()) {
        result.outcome = badResponse("ids");
        return result;
      }
      for (const auto& id : ids->value.GetArray()) {
        result.ids.emplace_back(id.IsString() ? id.GetString() : "");
      }
      for (const auto& revision : revisions->value.GetArray()) {
        result.revisions.emplace_back(revision.IsString() ? revision.GetString() : "");
      }
    } else if (std::string(idsKey) == "records") {
      auto records = sent.json.FindMember("records");
      if (records == sent.json.MemberEnd() || !records->value.IsArray()) {
        result.outcome = badResponse("records");
        return result;
      }
      for (const auto& record : records->value.GetArray()) {
        result.ids.push_back(stringMember(record, "id").value_or(""));
        result.revisions.push_back(stringMember(record, "revision").value_or(""));
      }
    }
    result.recordsDone = end;
  }
  return result;
}

WriteResult KintoneClient::addRecords(const std::string& app, const rapidjson::Value& records) {
  return writeInChunks(
      app, records, [&](const rapidjson::Value& chunk) { return builder_.addRecords(app, chunk); },
      "ids");
}

WriteResult KintoneClient::updateRecords(const std::string& app, const rapidjson::Value& updates,
                                         bool upsert) {
  return writeInChunks(
      app, updates,
      [&](const rapidjson::Value& chunk) { return builder_.updateRecords(app, chunk, upsert); },
      "records");
}

WriteResult KintoneClient::deleteRecords(const std::string& app,
                                         const std::vector<std::string>& ids,
                                         const std::vector<std::string>& revisions) {
  WriteResult result{Outcome::ok(), 0, {}, {}};
  if (!revisions.empty() && revisions.size() != ids.size()) {
    result.outcome = Outcome::fail("KINTONE_INVALID_ARGUMENT",
                                   "revisions は ids と同じ数だけ指定してください。");
    return result;
  }
  for (std::size_t start = 0; start < ids.size(); start += kMaxWriteRecords) {
    const std::size_t end = std::min(ids.size(), start + kMaxWriteRecords);
    std::vector<std::string> idChunk(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                     ids.begin() + static_cast<std::ptrdiff_t>(end));
    std::vector<std::string> revisionChunk;
    if (!revisions.empty()) {
      revisionChunk.assign(revisions.begin() + static_cast<std::ptrdiff_t>(start),
                           revisions.begin() + static_cast<std::ptrdiff_t>(end));
    }
    JsonResult sent =
        sendBuilt([&] { return builder_.deleteRecords(app, idChunk, revisionChunk); });
    if (!sent.outcome.isOk()) {
      result.outcome = std::move(sent.outcome);
      return result;
    }
    result.recordsDone = end;
  }
  return result;
}

}  // namespace teichaku::kintone
