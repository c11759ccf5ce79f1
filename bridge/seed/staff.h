#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "seed/centres.h"
#include "seed/dates.h"
#include "seed/names.h"

namespace teichaku::seed {

inline constexpr int kStaffPerCentre = 10;

struct StaffMember {
  std::string login;
  PersonName name;
  std::string email;
  const Centre* centre = nullptr;
  std::string title;   // 役職
  std::string status;  // 在籍 / 異動 / 退職
  Date start{};
  std::optional<Date> end;
};

// Login name of staff member `number` (1..kStaffPerCentre) of a centre, e.g. "tk01a-03".
std::string staffLogin(const Centre& centre, int number);
// kStaffPerCentre members for each of the 48 centres, in centre order; depends only on seed.
std::vector<StaffMember> generateStaff(std::uint64_t seed, Date baseDate);
std::string staffRecordJson(const StaffMember& member);
// Roster for the account provisioning plugin: UTF-8 with BOM (Excel opens it as UTF-8),
// CRLF line ends, one header line with the 職員名簿 field codes plus センターコード.
void writeRosterCsv(std::ostream& out, std::span<const StaffMember> staff);

}  // namespace teichaku::seed
