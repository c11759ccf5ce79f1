#include "sync/run_query.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <memory>

#include "mapping/schema_adapters.h"
#include "query/query.h"
#include "sync/sync_engine.h"

namespace teichaku::sync {

namespace {

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// One cell: text as is, lists joined with ", " (entities by code), subtables as JSON.
std::string cellText(const rapidjson::Value& record, const std::string& code) {
  auto field = record.FindMember(code.c_str());
  if (field == record.MemberEnd() || !field->value.IsObject()) {
    return {};
  }
  auto value = field->value.FindMember("value");
  if (value == field->value.MemberEnd() || value->value.IsNull()) {
    return {};
  }
  const rapidjson::Value& v = value->value;
  if (v.IsString()) {
    return std::string(v.GetString(), v.GetStringLength());
  }
  auto type = field->value.FindMember("type");
  const bool subtable = type != field->value.MemberEnd() && type->value.IsString() &&
                        std::string_view(type->value.GetString()) == "SUBTABLE";
  if (v.IsArray() && !subtable) {
    std::string out;
    for (const auto& item : v.GetArray()) {
      std::string part;
      if (item.IsString()) {
        part = item.GetString();
      } else if (auto c = item.IsObject() ? item.FindMember("code") : item.MemberEnd();
                 item.IsObject() && c != item.MemberEnd() && c->value.IsString()) {
        part = c->value.GetString();
      } else if (auto n = item.IsObject() ? item.FindMember("name") : item.MemberEnd();
                 item.IsObject() && n != item.MemberEnd() && n->value.IsString()) {
        part = n->value.GetString();
      } else {
        part = compact(item);
      }
      out += (out.empty() ? "" : ", ") + part;
    }
    return out;
  }
  return compact(v);
}

// RFC 4180: quote when the cell holds a comma, quote or line break; double the quotes.
std::string csvCell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

// Display width for the table format: East Asian characters take two columns in a terminal.
std::size_t displayWidth(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += length >= 3 ? 2 : 1;
    i += length;
  }
  return width;
}

}  // namespace

bool parseQueryFormat(const std::string& text, QueryFormat& out) {
  if (text == "csv") {
    out = QueryFormat::kCsv;
  } else if (text == "json") {
    out = QueryFormat::kJson;
  } else if (text == "table") {
    out = QueryFormat::kTable;
  } else {
    return false;
  }
  return true;
}

QueryResult runQuery(store::MirrorStore& store, const mapping::Mapping& mapping,
                     const std::string& app, const std::string& queryText, QueryFormat format,
                     std::ostream& out, std::int64_t nowEpochSeconds) {
  QueryResult result;
  const mapping::AppMapping* appMapping = mapping.app(app);
  if (appMapping == nullptr) {
    result.outcome = Outcome::fail("SYNC_APP_NOT_MAPPED",
                                   "アプリ '" + app + "' はデータマッピングにありません。");
    return result;
  }
  try {
    auto formText = store.meta(SyncEngine::formMetaKey(app));
    if (!formText) {
      result.outcome = Outcome::fail(
          "SYNC_NO_SCHEMA",
          "アプリ '" + app + "' はまだ同期されていません。先に sync を実行してください。");
      return result;
    }
    rapidjson::Document form;
    form.Parse(formText->c_str(), formText->size());
    const query::MapSchema schema = mapping::formSchema(form, appMapping);
    const query::ParseResult parsed = query::parse(queryText, schema);
    if (!parsed.ok()) {
      result.outcome =
          Outcome::fail("SYNC_QUERY_INVALID", "クエリが正しくありません（" + parsed.error.code +
                                                  "）: " + parsed.error.message);
      return result;
    }
    const query::Query& q = *parsed.query;
    query::EvalContext context;
    context.nowEpochSeconds = nowEpochSeconds;

    std::vector<std::unique_ptr<rapidjson::Document>> matched;
    store.forEachRecord(app, [&](const store::StoredRecord& record) {
      auto doc = std::make_unique<rapidjson::Document>();
      const std::string body = record.body();
      doc->Parse(body.c_str(), body.size());
      if (doc->IsObject() && query::matches(q, *doc, context)) {
        matched.push_back(std::move(doc));
      }
      return true;
    });
    std::vector<const rapidjson::Value*> rows;
    for (const auto& d : matched) {
      rows.push_back(d.get());
    }
    query::sortRecords(rows, q.orderBy);
    const auto offset = static_cast<std::size_t>(q.effectiveOffset());
    rows.erase(rows.begin(),
               rows.begin() + static_cast<std::ptrdiff_t>(std::min(offset, rows.size())));
    if (q.limit && rows.size() > static_cast<std::size_t>(*q.limit)) {
      rows.resize(static_cast<std::size_t>(*q.limit));
    }

    std::vector<std::string> columns = {"$id", "$revision"};
    for (const auto& code : appMapping->topLevelCodes()) {
      columns.push_back(code);
    }
    result.fieldCodes = columns;
    for (const auto* row : rows) {
      result.recordIds.push_back(std::stoll(cellText(*row, "$id")));
    }
    if (format == QueryFormat::kJson) {
      out << "[";
      for (std::size_t i = 0; i < rows.size(); ++i) {
        out << (i == 0 ? "" : ",\n") << compact(*rows[i]);
      }
      out << "]\n";
    } else if (format == QueryFormat::kCsv) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        out << (c == 0 ? "" : ",") << csvCell(columns[c]);
      }
      out << "\r\n";
      for (const auto* row : rows) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
          out << (c == 0 ? "" : ",") << csvCell(cellText(*row, columns[c]));
        }
        out << "\r\n";
      }
    } else {
      std::vector<std::vector<std::string>> cells;
      cells.push_back(columns);
      for (const auto* row : rows) {
        std::vector<std::string> line;
        for (const auto& code : columns) {
          std::string text = cellText(*row, code);
          std::replace(text.begin(), text.end(), '\n', ' ');
          line.push_back(std::move(text));
        }
        cells.push_back(std::move(line));
      }
      std::vector<std::size_t> widths(columns.size(), 0);
      for (const auto& line : cells) {
        for (std::size_t c = 0; c < line.size(); ++c) {
          widths[c] = std::max(widths[c], displayWidth(line[c]));
        }
      }
      for (const auto& line : cells) {
        for (std::size_t c = 0; c < line.size(); ++c) {
          out << (c == 0 ? "" : " | ") << line[c];
          if (c + 1 < line.size()) {
            out << std::string(widths[c] - displayWidth(line[c]), ' ');
          }
        }
        out << "\n";
      }
      out << "(" << rows.size() << " 件)\n";
    }
  } catch (const std::exception& e) {
    result.outcome = Outcome::fail("SYNC_STORE_FAILED", e.what());
  }
  return result;
}

}  // namespace teichaku::sync
