#include "seed/staff.h"

#include <array>
#include <cstdio>

#include "seed/prng.h"
#include "seed/record_json.h"

namespace teichaku::seed {

namespace {

// Staff use their own random stream, far away from the case streams (0 .. cases-1).
constexpr std::uint64_t kStaffStream = 1ULL << 62;

std::string titleOf(int number) {
  if (number == 1) {
    return "センター長";
  }
  if (number == 2) {
    return "主任相談員";
  }
  return number == kStaffPerCentre ? "事務員" : "相談員";
}

// RFC 4180 quoting: roster values are generated and never contain quotes, but a comma in a
// future name must not shift the columns.
std::string csvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    return value;
  }
  std::string quoted = "\"";
  for (char c : value) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

}  // namespace

std::string staffLogin(const Centre& centre, int number) {
  char login[32];
  std::snprintf(login, sizeof login, "tk%s-%02d", std::string(centre.code).c_str(), number);
  return login;
}

std::vector<StaffMember> generateStaff(std::uint64_t seed, Date baseDate) {
  Prng prng(streamSeed(seed, kStaffStream));
  std::vector<StaffMember> staff;
  for (const Centre& centre : centres()) {
    for (int number = 1; number <= kStaffPerCentre; ++number) {
      StaffMember member;
      member.login = staffLogin(centre, number);
      member.name = makeName(prng, prng.chance(550) ? NameStyle::kFemale : NameStyle::kMale);
      member.email = member.login + "@example.com";  // RFC 2606 reserved domain
      member.centre = &centre;
      member.title = titleOf(number);
      member.start = addDays(baseDate, -static_cast<int>(prng.between(30, 4000)));
      const auto roll = prng.below(100);
      member.status = roll < 8 ? "異動" : roll < 14 ? "退職" : "在籍";
      if (member.status != "在籍") {
        member.end = addDays(baseDate, -static_cast<int>(prng.between(0, 25)));
      }
      staff.push_back(std::move(member));
    }
  }
  return staff;
}

std::string staffRecordJson(const StaffMember& member) {
  RecordJson record;
  record.text("ログイン名", member.login);
  record.text("姓", member.name.family);
  record.text("名", member.name.given);
  record.text("姓かな", member.name.familyKana);
  record.text("名かな", member.name.givenKana);
  record.text("メールアドレス", member.email);
  record.text("所属センター", member.centre->name);
  record.text("役職", member.title);
  record.text("在籍状況", member.status);
  record.date("着任日", member.start);
  record.date("離任日", member.end);
  return record.finish();
}

void writeRosterCsv(std::ostream& out, std::span<const StaffMember> staff) {
  out << "\xEF\xBB\xBF"
      << "ログイン名,姓,名,姓かな,名かな,メールアドレス,センターコード,所属センター,役職,在籍状況,"
         "着任日,離任日\r\n";
  for (const auto& member : staff) {
    const std::array<std::string, 12> fields{member.login,
                                             member.name.family,
                                             member.name.given,
                                             member.name.familyKana,
                                             member.name.givenKana,
                                             member.email,
                                             std::string(member.centre->code),
                                             std::string(member.centre->name),
                                             member.title,
                                             member.status,
                                             isoDate(member.start),
                                             member.end ? isoDate(*member.end) : std::string()};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      out << (i == 0 ? "" : ",") << csvField(fields[i]);
    }
    out << "\r\n";
  }
}

}  // namespace teichaku::seed
