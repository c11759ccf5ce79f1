#include "sync/derived_values.h"

#include <optional>
#include <string_view>

#include "domain/derived_fields.h"

namespace teichaku::sync {

namespace {

std::optional<domain::Date> dateOf(const mapping::AppMapping& app, const rapidjson::Value& body,
                                   std::string_view name) {
  const mapping::FieldMapping* f = app.byName(name);
  if (f == nullptr) {
    return std::nullopt;
  }
  return domain::Date::parse(currentText(body, f->code));
}

std::string text(const std::optional<int>& v) {
  return v ? std::to_string(*v) : std::string();
}

}  // namespace

std::string currentText(const rapidjson::Value& body, const std::string& code) {
  if (!body.IsObject()) {
    return {};
  }
  auto field = body.FindMember(code.c_str());
  if (field == body.MemberEnd() || !field->value.IsObject()) {
    return {};
  }
  auto value = field->value.FindMember("value");
  return value != field->value.MemberEnd() && value->value.IsString()
             ? std::string(value->value.GetString(), value->value.GetStringLength())
             : std::string();
}

std::map<std::string, std::string> derivedValues(const mapping::AppMapping& app,
                                                 const rapidjson::Value& body,
                                                 const domain::Date& today) {
  domain::CaseDates dates;
  dates.birth = dateOf(app, body, "birth_date");
  dates.request = dateOf(app, body, "request_date");
  dates.supportStart = dateOf(app, body, "support_start_date");
  dates.supportEnd = dateOf(app, body, "support_end_date");
  dates.coordinationEnd = dateOf(app, body, "coordination_end_date");
  dates.followUpStart = dateOf(app, body, "follow_up_start_date");
  dates.followUpEnd = dateOf(app, body, "follow_up_end_date");
  dates.previousRelease = dateOf(app, body, "previous_release_date");
  dates.currentOffence = dateOf(app, body, "offence_date");
  dates.release = dateOf(app, body, "release_date");
  dates.reoffenceInFollowUp = dateOf(app, body, "reoffence_date");
  const domain::DerivedFields d = domain::computeDerived(dates, today);

  const std::pair<std::string_view, std::string> wanted[] = {
      {"request_fiscal_year", text(d.requestFiscalYear)},
      {"age_at_request", text(d.ageAtRequest)},
      {"age_today", text(d.ageToday)},
      {"elderly", d.elderlyAtRequest.value_or(false) ? "高齢" : ""},
      {"support_days", text(d.supportDaysToDate)},
      {"coordination_days", text(d.coordinationDays)},
      {"follow_up_days", text(d.followUpDays)},
      {"days_from_previous_release", text(d.daysFromPreviousRelease)},
      {"days_to_reoffence", text(d.daysToReoffence)},
  };
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : wanted) {
    const mapping::FieldMapping* f = app.byName(name);
    if (f != nullptr && f->derived) {
      out[f->code] = value;
    }
  }
  return out;
}

}  // namespace teichaku::sync
