#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

// The emulated domain's data. Records are immutable once stored (copy on write), so a
// bulkRequest can snapshot an app cheaply and a page of records is served from each
// record's cached JSON without re-serialising.
namespace teichaku::emulator::kintone {

using Clock = std::chrono::steady_clock;

struct StoredRecord {
  std::uint64_t id = 0;
  std::uint64_t revision = 0;
  // {"code":{"type":..,"value":..}, ..., "$id":..., "$revision":...}: the GET record.json shape.
  rapidjson::Document fields;
  std::string json;  // fields serialised once
};
using RecordPtr = std::shared_ptr<const StoredRecord>;

// Builds the stored form; fills $id/$revision and the cached JSON.
RecordPtr makeRecord(std::uint64_t id, std::uint64_t revision, rapidjson::Document fields);

enum Permission : unsigned {
  kView = 1,
  kAdd = 2,
  kEdit = 4,
  kDelete = 8,
  kSettings = 16,
};

struct ApiToken {
  std::string token;
  std::uint64_t app = 0;
  unsigned permissions = kView;
};

struct Webhook {
  std::string url;
  // ADD_RECORD, UPDATE_RECORD, DELETE_RECORD, ADD_RECORD_COMMENT, UPDATE_STATUS; empty = all.
  std::set<std::string> events;
};

struct Comment {
  std::uint64_t id = 0;
  std::string text;
  std::string createdAt;
  std::string creatorCode;
  std::string creatorName;
  std::string mentionsJson = "[]";
};

struct AppSettings {
  // Object code -> field property (fields.json "properties"); includes system fields.
  std::shared_ptr<const rapidjson::Document> fields;
  std::shared_ptr<const rapidjson::Document> layout;  // array
  std::shared_ptr<const rapidjson::Document> views;   // object
  std::shared_ptr<const rapidjson::Document> status;  // {"enable","states","actions"}
  std::string name;
};

struct App {
  std::uint64_t id = 0;
  std::string code;  // app code: record numbers become CODE-12
  std::optional<std::uint64_t> spaceId;
  bool guestSpace = false;
  bool deployed = true;
  std::string createdAt;
  AppSettings live;
  AppSettings preview;
  std::uint64_t revision = 1;      // preview settings counter (kintone-api.md §3.3)
  std::uint64_t liveRevision = 1;  // catches up with `revision` on deploy
  std::optional<Clock::time_point> deployDoneAt;
  std::map<std::uint64_t, RecordPtr> records;
  std::uint64_t nextRecordId = 1;
  std::map<std::uint64_t, std::vector<Comment>> comments;  // by record id
  std::uint64_t nextCommentId = 1;
  std::vector<ApiToken> tokens;
  std::vector<Webhook> webhooks;
};

struct StoredFile {
  std::string name;
  std::string contentType;
  std::shared_ptr<const std::string> bytes;
  std::chrono::system_clock::time_point uploadedAt;
};

struct Cursor {
  std::uint64_t app = 0;
  std::vector<std::uint64_t> ids;  // record set fixed at creation (DOC:get-cursor)
  std::size_t position = 0;
  std::size_t size = 100;
  std::vector<std::string> fields;
  Clock::time_point lastUsed;
};

struct User {
  std::string code;
  std::string name;
  std::string password;
};

struct State {
  std::map<std::uint64_t, App> apps;
  std::uint64_t nextAppId = 1;
  std::map<std::string, StoredFile> uploads;    // upload key -> file (single use)
  std::map<std::string, StoredFile> downloads;  // download key -> attached file
  std::map<std::string, Cursor> cursors;
  std::uint64_t nextRowId = 1;  // SUBTABLE row ids, server-assigned
  std::uint64_t nextFileId = 1;
};

}  // namespace teichaku::emulator::kintone
