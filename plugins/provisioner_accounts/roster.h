#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "centres.h"

// The staff roster (職員名簿) read into entries the planner can use, and a problem for
// every bad row (row number, column, reason in Japanese). Good rows are kept even when
// others are bad. Columns are found by their Japanese header (the 職員名簿 field codes,
// samples/rosters/staff-roster.csv); other columns are ignored.
namespace teichaku::accounts_plugin {

struct RowProblem {
  int row = 0;
  std::string column;
  std::string reason;
};

enum class Presence { kActive, kLeaving };

struct RosterEntry {
  int row = 0;
  std::string login;
  std::string surName;
  std::string givenName;
  std::string surNameReading;  // "" when the roster has no kana
  std::string givenNameReading;
  std::string email;  // "" = not managed by the roster
  Centre centre;      // where the account belongs (the destination of a move)
  Presence presence = Presence::kActive;
  std::string leaveDate;            // YYYY-MM-DD of 離任日, "" when none
  bool movedWithinNetwork = false;  // 異動 to another centre
};

struct Roster {
  std::vector<RosterEntry> entries;
  std::vector<RowProblem> problems;  // in row order
  int dataRows = 0;
  bool hasReadings = false;  // the roster has 姓かな / 名かな columns
  bool hasEmail = false;
};

// `text` is UTF-8 (decodeRosterText). Throws plugin::Failure (ACCOUNTS_ROSTER_HEADER)
// when a required column is missing.
Roster readRoster(std::string_view text, const CentreCatalogue& centres);

// "2026-03-31" or Excel's "2026/3/31" as YYYY-MM-DD; "" when not a date.
std::string normaliseDate(const std::string& text);

}  // namespace teichaku::accounts_plugin
