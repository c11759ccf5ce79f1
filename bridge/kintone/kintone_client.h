#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/outcome.h"
#include "kintone/backoff.h"
#include "kintone/client_config.h"
#include "kintone/request_budget.h"
#include "kintone/request_builder.h"
#include "kintone/transport.h"

// The kintone REST client: builds requests (RequestBuilder), sends them (Transport),
// classifies the answer (classify), retries with backoff, keeps the daily budget.
// Thread-safe: any number of caller threads may use one client.
namespace teichaku::kintone {

struct JsonResult {
  Outcome outcome;
  rapidjson::Document json;  // the parsed body when ok; null otherwise
  std::string kintoneCode;   // set when kintone named an error
};

struct BytesResult {
  Outcome outcome;
  std::string bytes;
  std::string contentType;
};

// Writes split into chunks of 100: each chunk is atomic in kintone, the whole is not.
// On failure `recordsDone` tells how many leading records were stored.
struct WriteResult {
  Outcome outcome;
  std::size_t recordsDone = 0;
  std::vector<std::string> ids;
  std::vector<std::string> revisions;
};

class KintoneClient;

// A live kintone cursor. Holds one of our cursor slots; deleting it on kintone (if still
// open) and freeing the slot happen in the destructor, so an abandoned read never leaks a
// domain-wide cursor.
class RecordCursor {
 public:
  ~RecordCursor();
  RecordCursor(const RecordCursor&) = delete;
  RecordCursor& operator=(const RecordCursor&) = delete;

  // The next page: {"records":[...],"next":bool}. Loop on hasMore(), not on page size
  // (an empty page with next:true is possible: kintone-api.md §3.1).
  JsonResult next();
  bool hasMore() const { return open_; }
  const std::string& totalCount() const { return totalCount_; }
  Outcome close();

 private:
  friend class KintoneClient;
  RecordCursor(KintoneClient& client, std::string app, std::string id, std::string totalCount);

  KintoneClient& client_;
  std::string app_;
  std::string id_;
  std::string totalCount_;
  bool open_ = true;
};

struct CursorResult {
  Outcome outcome;
  std::unique_ptr<RecordCursor> cursor;
};

class KintoneClient {
 public:
  using Sleeper = std::function<void(std::chrono::milliseconds)>;
  // Called with one page's "records" array; return false to stop early.
  using PageCallback = std::function<bool(const rapidjson::Value& records)>;

  explicit KintoneClient(ClientConfig config, Backoff::Uniform01 uniform = defaultUniform01(),
                         Sleeper sleeper = nullptr,
                         RequestBudget::Clock clock = std::chrono::system_clock::now);
  ~KintoneClient();

  // Sends with budget, retries and classification; parses the body as JSON.
  JsonResult send(const HttpRequest& request);

  JsonResult getRecords(const std::string& app, const std::string& query,
                        const std::vector<std::string>& fields, bool totalCount = false);
  JsonResult getRecord(const std::string& app, const std::string& id);
  // Every record matching `condition` (no order/limit/offset in it), by `$id` seek:
  // "(condition) and $id > last order by $id asc limit N" (kintone-api.md §8). Needs no
  // cursor slot and has no 10,000 offset limit.
  Outcome getAllRecordsBySeek(const std::string& app, const std::string& condition,
                              const std::vector<std::string>& fields, const PageCallback& onPage,
                              int pageSize = static_cast<int>(kMaxGetRecords));
  // The same over `parts` $id ranges read at once (up to the transport's in-flight limit).
  // Pages arrive in id order within a range but ranges interleave; onPage is never called
  // concurrently. The ranges end at the highest $id seen when the read starts.
  Outcome getAllRecordsBySeekParallel(const std::string& app, const std::string& condition,
                                      const std::vector<std::string>& fields,
                                      const PageCallback& onPage, int parts,
                                      int pageSize = static_cast<int>(kMaxGetRecords));
  // For an order other than $id: a cursor (Retry KINTONE_CURSOR_SLOTS_BUSY when all our
  // slots are taken).
  CursorResult openCursor(const std::string& app, const std::vector<std::string>& fields,
                          const std::string& query, int size = static_cast<int>(kMaxGetRecords));
  Outcome forEachCursorPage(const std::string& app, const std::vector<std::string>& fields,
                            const std::string& query, const PageCallback& onPage);

  WriteResult addRecords(const std::string& app, const rapidjson::Value& records);
  // updates: [{id|updateKey, record, revision?}, ...]; upsert adds the missing ones.
  WriteResult updateRecords(const std::string& app, const rapidjson::Value& updates,
                            bool upsert = false);
  WriteResult deleteRecords(const std::string& app, const std::vector<std::string>& ids,
                            const std::vector<std::string>& revisions = {});
  JsonResult bulkRequest(const std::vector<BulkItem>& items);

  JsonResult getFormFields(const std::string& app, bool preview = false);
  JsonResult addPreviewFormFields(const std::string& app, const rapidjson::Value& properties,
                                  const std::optional<std::string>& revision = std::nullopt);
  JsonResult updatePreviewFormFields(const std::string& app, const rapidjson::Value& properties,
                                     const std::optional<std::string>& revision = std::nullopt);
  JsonResult addPreviewApp(const std::string& name);
  JsonResult deployApps(const std::vector<DeployTarget>& targets, bool revert = false);
  JsonResult getDeployStatus(const std::vector<std::string>& apps);
  JsonResult getApps(int offset = 0, int limit = 100);

  JsonResult uploadFile(const std::string& app, MultipartFile file);
  BytesResult downloadFile(const std::string& app, const std::string& fileKey);

  int budgetUsed(const std::string& app) const { return budget_.used(app); }
  RequestBudget& budget() { return budget_; }
  int concurrencyLimit() const { return transport_.concurrencyLimit(); }
  const RequestBuilder& builder() const { return builder_; }

 private:
  friend class RecordCursor;
  struct RawResult {
    Outcome outcome;
    HttpResponse response;
    rapidjson::Document json;
    std::string kintoneCode;
  };
  // The retry loop. With expectJson a 2xx body that is not a JSON object counts as a
  // failed attempt too (truncated body, proxy page).
  RawResult sendRaw(const HttpRequest& request, bool expectJson);
  JsonResult sendBuilt(const std::function<HttpRequest()>& build);
  WriteResult writeInChunks(const std::string& app, const rapidjson::Value& items,
                            const std::function<HttpRequest(const rapidjson::Value&)>& build,
                            const char* idsKey);
  Outcome seekFrom(const std::string& app, const std::string& condition,
                   const std::vector<std::string>& fields, const PageCallback& onPage, int pageSize,
                   std::string lastId);
  bool acquireCursorSlot();
  void releaseCursorSlot();

  RequestBuilder builder_;
  Transport transport_;
  Backoff backoff_;
  Sleeper sleeper_;
  RequestBudget budget_;
  std::mutex cursorMutex_;
  int freeCursorSlots_;
};

}  // namespace teichaku::kintone
