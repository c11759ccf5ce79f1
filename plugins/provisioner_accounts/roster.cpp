#include "roster.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>

#include "csv_records.h"
#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {
namespace {

// User API field limits (garoon-cybozu-api.md B3 "User input"): code ≤128, name ≤128,
// surName/givenName/readings ≤64, email ≤256.
constexpr std::size_t kMaxCode = 128;
constexpr std::size_t kMaxName = 128;
constexpr std::size_t kMaxNamePart = 64;
constexpr std::size_t kMaxEmail = 256;

const char* const kLogin = "ログイン名";
const char* const kSurName = "姓";
const char* const kGivenName = "名";
const char* const kSurReading = "姓かな";
const char* const kGivenReading = "名かな";
const char* const kEmail = "メールアドレス";
const char* const kCentreCode = "センターコード";
const char* const kCentre = "センター";
const char* const kCentreName = "所属センター";
const char* const kStatus = "在籍状況";
const char* const kStartDate = "着任日";
const char* const kLeaveDate = "離任日";
const char* const kDestination = "異動先センター";

std::string trim(const std::string& s) {
  const char* spaces = " \t";
  const auto begin = s.find_first_not_of(spaces);
  if (begin == std::string::npos) {
    return "";
  }
  return s.substr(begin, s.find_last_not_of(spaces) - begin + 1);
}

// UTF-8 characters, for the length limits (which count characters, not bytes).
std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    n += (c & 0xC0u) != 0x80u ? 1 : 0;
  }
  return n;
}

bool validLogin(const std::string& login) {
  for (unsigned char c : login) {
    if (c <= 0x20 || c == 0x7F) {
      return false;  // spaces and control characters
    }
  }
  return true;
}

bool validEmail(const std::string& email) {
  static const std::regex kEmailPattern(R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+)");
  return std::regex_match(email, kEmailPattern);
}

struct Columns {
  std::map<std::string, std::size_t> index;
  std::optional<std::size_t> find(const char* name) const {
    auto it = index.find(name);
    return it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }
};

class RowReader {
 public:
  RowReader(const Columns& columns, const CsvRecord& record) : columns_(columns), record_(record) {}
  std::string get(const char* name) const {
    auto i = columns_.find(name);
    return i && *i < record_.fields.size() ? trim(record_.fields[*i]) : std::string();
  }
  bool blank() const {
    for (const auto& f : record_.fields) {
      if (!trim(f).empty()) {
        return false;
      }
    }
    return true;
  }

 private:
  const Columns& columns_;
  const CsvRecord& record_;
};

// A row that passed its own checks, before logins are matched across rows.
struct Candidate {
  RosterEntry entry;
  std::string status;  // 在籍 / 異動 / 退職
  std::optional<Centre> destination;
};

}  // namespace

std::string normaliseDate(const std::string& text) {
  static const std::regex kDate(R"((\d{4})[-/](\d{1,2})[-/](\d{1,2}))");
  std::smatch m;
  if (!std::regex_match(text, m, kDate)) {
    return "";
  }
  const int y = std::stoi(m[1]);
  const int mo = std::stoi(m[2]);
  const int d = std::stoi(m[3]);
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap)) {
    return "";
  }
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, mo, d);
  return out;
}

Roster readRoster(std::string_view text, const CentreCatalogue& centres) {
  Roster roster;
  std::vector<CsvRecord> records = readCsvRecords(text);
  if (records.empty()) {
    throw plugin::Failure::fail("ACCOUNTS_ROSTER_HEADER", "名簿が空です（見出し行がありません）。");
  }
  Columns columns;
  for (std::size_t i = 0; i < records[0].fields.size(); ++i) {
    columns.index.emplace(trim(records[0].fields[i]), i);
  }
  for (const char* required : {kLogin, kSurName, kGivenName, kStatus}) {
    if (!columns.find(required)) {
      throw plugin::Failure::fail("ACCOUNTS_ROSTER_HEADER", std::string("名簿の見出し行に「") +
                                                                required + "」の列がありません。");
    }
  }
  const char* centreColumn = columns.find(kCentreCode)   ? kCentreCode
                             : columns.find(kCentre)     ? kCentre
                             : columns.find(kCentreName) ? kCentreName
                                                         : nullptr;
  if (centreColumn == nullptr) {
    throw plugin::Failure::fail(
        "ACCOUNTS_ROSTER_HEADER",
        "名簿の見出し行に「センターコード」「センター」「所属センター」のいずれの列もありません。");
  }
  roster.hasReadings = columns.find(kSurReading) && columns.find(kGivenReading);
  roster.hasEmail = columns.find(kEmail).has_value();

  std::vector<Candidate> candidates;
  for (std::size_t r = 1; r < records.size(); ++r) {
    RowReader row(columns, records[r]);
    if (row.blank()) {
      continue;  // Excel leaves empty lines at the end
    }
    ++roster.dataRows;
    const int rowNumber = records[r].row;
    std::vector<RowProblem> problems;
    auto problem = [&](const char* column, std::string reason) {
      problems.push_back({rowNumber, column, std::move(reason)});
    };
    Candidate c;
    c.entry.row = rowNumber;
    c.entry.login = row.get(kLogin);
    if (c.entry.login.empty()) {
      problem(kLogin, "ログイン名がありません。");
    } else if (characters(c.entry.login) > kMaxCode) {
      problem(kLogin, "ログイン名が128文字を超えています。");
    } else if (!validLogin(c.entry.login)) {
      problem(kLogin, "ログイン名に空白や制御文字は使えません。");
    }
    c.entry.surName = row.get(kSurName);
    c.entry.givenName = row.get(kGivenName);
    for (auto [column, value] :
         {std::pair<const char*, const std::string*>{kSurName, &c.entry.surName},
          {kGivenName, &c.entry.givenName}}) {
      if (value->empty()) {
        problem(column, std::string(column) + "がありません。");
      } else if (characters(*value) > kMaxNamePart) {
        problem(column, "64文字を超えています。");
      }
    }
    if (characters(c.entry.surName) + 1 + characters(c.entry.givenName) > kMaxName) {
      problem(kGivenName, "表示名（姓 名）が128文字を超えています。");
    }
    if (roster.hasReadings) {
      c.entry.surNameReading = row.get(kSurReading);
      c.entry.givenNameReading = row.get(kGivenReading);
      for (auto [column, value] :
           {std::pair<const char*, const std::string*>{kSurReading, &c.entry.surNameReading},
            {kGivenReading, &c.entry.givenNameReading}}) {
        if (characters(*value) > kMaxNamePart) {
          problem(column, "64文字を超えています。");
        }
      }
    }
    c.entry.email = row.get(kEmail);
    if (!c.entry.email.empty() &&
        (c.entry.email.size() > kMaxEmail || !validEmail(c.entry.email))) {
      problem(kEmail, "メールアドレスの形式が正しくありません。");
    }
    const std::string centreText = row.get(centreColumn);
    std::optional<Centre> centre;
    if (centreText.empty()) {
      problem(centreColumn, "センターがありません。");
    } else if (!(centre = centres.find(centreText))) {
      problem(centreColumn, "登録されていないセンターです（" + centreText + "）。");
    }
    c.status = row.get(kStatus);
    if (c.status != "在籍" && c.status != "異動" && c.status != "退職") {
      problem(kStatus, "在籍状況は「在籍」「異動」「退職」のいずれかにしてください。");
    }
    for (const char* column : {kStartDate, kLeaveDate}) {
      const std::string value = row.get(column);
      if (!value.empty() && normaliseDate(value).empty()) {
        problem(column, "日付の形式が正しくありません（例: 2026-03-31）。");
      }
    }
    c.entry.leaveDate = normaliseDate(row.get(kLeaveDate));
    const std::string destinationText = row.get(kDestination);
    if (c.status == "異動" && !destinationText.empty()) {
      c.destination = centres.find(destinationText);
      if (!c.destination) {
        problem(kDestination, "登録されていないセンターです（" + destinationText + "）。");
      } else if (centre && c.destination->code == centre->code) {
        problem(kDestination, "異動先が現在のセンターと同じです。");
      }
    }
    if (!problems.empty()) {
      roster.problems.insert(roster.problems.end(), problems.begin(), problems.end());
      continue;
    }
    c.entry.centre = *centre;
    candidates.push_back(std::move(c));
  }

  // One account per login. A pair of rows — 異動 at the old centre and 在籍 at the new —
  // is how a transfer is often written; any other repetition is an error.
  std::map<std::string, std::size_t> firstRow;
  std::vector<bool> dropped(candidates.size(), false);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto [it, inserted] = firstRow.emplace(candidates[i].entry.login, i);
    if (inserted) {
      continue;
    }
    Candidate& first = candidates[it->second];
    Candidate& second = candidates[i];
    const bool transferPair = (first.status == "異動") != (second.status == "異動") &&
                              (first.status == "在籍" || second.status == "在籍");
    Candidate& moving = first.status == "異動" ? first : second;
    Candidate& staying = first.status == "異動" ? second : first;
    if (!transferPair) {
      roster.problems.push_back({second.entry.row, kLogin,
                                 "ログイン名 " + second.entry.login + " は " +
                                     std::to_string(first.entry.row) + " 行目と重複しています。"});
      dropped[i] = true;
    } else if (moving.entry.centre.code == staying.entry.centre.code) {
      roster.problems.push_back({moving.entry.row, kStatus, "異動先が現在のセンターと同じです。"});
      dropped[i] = true;
    } else if (moving.destination && moving.destination->code != staying.entry.centre.code) {
      roster.problems.push_back(
          {moving.entry.row, kDestination,
           "異動先が " + std::to_string(staying.entry.row) + " 行目のセンターと違います。"});
      dropped[i] = true;
    } else {
      // The 在籍 row describes the person now; the 異動 row is only history.
      staying.entry.movedWithinNetwork = true;
      if (&moving == &first) {
        first = std::move(second);
      }
      dropped[i] = true;
    }
  }
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (dropped[i]) {
      continue;
    }
    Candidate& c = candidates[i];
    if (c.status == "退職" || (c.status == "異動" && !c.destination)) {
      // 異動 with no destination centre leaves the council's network: a leaver.
      c.entry.presence = Presence::kLeaving;
    } else if (c.status == "異動") {
      c.entry.centre = *c.destination;
      c.entry.movedWithinNetwork = true;
      c.entry.leaveDate.clear();
    }
    roster.entries.push_back(std::move(c.entry));
  }
  std::stable_sort(roster.problems.begin(), roster.problems.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
  return roster;
}

}  // namespace teichaku::accounts_plugin
