#include "data_check_engine.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <stdexcept>

namespace teichaku::stats {
namespace {

// Values of one field of a kintone record (kintone-api.md §4): a string, an array of
// strings (CHECK_BOX, MULTI_SELECT) or of objects with a code (USER_SELECT and the like).
// Missing, null, "", only blanks and [] are "no value", as in the query language.
std::vector<std::string> valuesOf(const rapidjson::Value& record, const std::string& code) {
  std::vector<std::string> out;
  auto field = record.FindMember(code.c_str());
  if (field == record.MemberEnd() || !field->value.IsObject()) {
    return out;
  }
  auto value = field->value.FindMember("value");
  if (value == field->value.MemberEnd()) {
    return out;
  }
  auto add = [&](const rapidjson::Value& v) {
    if (v.IsString()) {
      std::string text(v.GetString(), v.GetStringLength());
      if (text.find_first_not_of(" \t\r\n") != std::string::npos) {
        out.push_back(std::move(text));
      }
    } else if (v.IsObject() && v.HasMember("code") && v["code"].IsString()) {
      out.emplace_back(v["code"].GetString(), v["code"].GetStringLength());
    } else if (v.IsNumber()) {
      out.push_back(v.IsInt64() ? std::to_string(v.GetInt64()) : std::to_string(v.GetDouble()));
    }
  };
  if (value->value.IsArray()) {
    for (const auto& item : value->value.GetArray()) {
      if (item.IsObject() && item.HasMember("value") && !item.HasMember("code")) {
        out.emplace_back("行");  // a SUBTABLE row: only its presence matters here
      } else {
        add(item);
      }
    }
  } else {
    add(value->value);
  }
  return out;
}

std::optional<CivilDate> dateOf(const rapidjson::Value& record, const std::string& code) {
  const auto values = valuesOf(record, code);
  return values.size() == 1 ? parseDate(values.front()) : std::nullopt;
}

bool isFinding(const CheckDefinition& check, const rapidjson::Value& record,
               const CivilDate& ageBase) {
  switch (check.kind) {
    case CheckKind::kRequired:
      return valuesOf(record, check.field).empty();
    case CheckKind::kMatch:
      return true;
    case CheckKind::kDateOrder: {
      const auto earlier = dateOf(record, check.earlier);
      const auto later = dateOf(record, check.later);
      return earlier && later && *later < *earlier;
    }
    case CheckKind::kAgeFlag: {
      const auto birth = dateOf(record, check.birth);
      const auto base =
          check.base == "age_base" ? std::optional<CivilDate>(ageBase) : dateOf(record, check.base);
      if (!birth || !base || !(*birth <= latestBirthDateForAge(*base, check.age))) {
        return false;
      }
      const auto marks = valuesOf(record, check.flag);
      return std::find(marks.begin(), marks.end(), check.flagValue) == marks.end();
    }
  }
  return false;
}

// `field in ("a", "b")`: only the requested centres' records are read (and audited).
std::string centreCondition(const std::string& field, const std::vector<std::string>& centres) {
  if (centres.empty()) {
    return "";
  }
  std::string list;
  for (const auto& centre : centres) {
    std::string quoted;
    for (char c : centre) {
      if (c == '"' || c == '\\') {
        quoted += '\\';
      }
      quoted += c;
    }
    list += (list.empty() ? "\"" : ", \"") + quoted + "\"";
  }
  return field + " in (" + list + ")";
}

// The query a check runs: its `when` where the host decides; the rest is decided here.
std::string conditionOf(const CheckDefinition& check) {
  return check.kind == CheckKind::kRequired || check.kind == CheckKind::kMatch ? check.when : "";
}

}  // namespace

CivilDate ageBaseDate(const Definitions& definitions, const std::optional<Period>& period,
                      const CivilDate& today) {
  if (!period) {
    return today;
  }
  return definitions.ageBase == "period_start" ? period->start : period->end;
}

std::size_t DataCheckResult::findingCount() const {
  std::size_t n = 0;
  for (const auto& [centre, found] : centres) {
    n += found.findings.size();
  }
  return n;
}

DataCheckResult runDataChecks(const Definitions& d, const std::vector<CheckDefinition>& checks,
                              const std::string& scope, const CheckRun& run,
                              const RecordQuery& query,
                              const std::function<void(std::size_t, std::size_t)>& afterQuery) {
  // Without a period, period placeholders in a condition stand for the age base date.
  const Period expansion = run.period ? *run.period : Period{run.ageBase, run.ageBase};
  const std::string base = d.ageBase;
  const std::string scopeQuery =
      conjoin(run.period ? expandPlaceholders(scope, expansion, base) : std::string(),
              centreCondition(d.centreField, run.centres));
  const std::size_t total = checks.size() + 1;

  DataCheckResult result;
  result.checks = checks;
  auto forEach = [&](const std::string& condition, std::vector<std::string> fields,
                     const std::function<void(const rapidjson::Value&, const std::string&,
                                              CentreFindings&)>& onRecord) {
    fields.insert(fields.begin(), {d.caseNumberField, d.centreField});
    query(conjoin(scopeQuery, condition), fields, [&](std::string_view json) {
      rapidjson::Document doc;
      doc.Parse(json.data(), json.size());
      if (doc.HasParseError() || !doc.IsObject()) {
        throw std::runtime_error("ミラーのレコードを読めませんでした。");
      }
      const auto centres = valuesOf(doc, d.centreField);
      const std::string centre = centres.empty() ? std::string() : centres.front();
      if (!run.centres.empty() &&
          std::find(run.centres.begin(), run.centres.end(), centre) == run.centres.end()) {
        return;
      }
      const auto numbers = valuesOf(doc, d.caseNumberField);
      const auto ids = valuesOf(doc, "$id");
      // A case without a number is still listed, by its record number (no personal data).
      const std::string number = !numbers.empty() ? numbers.front()
                                                  : "（ケース番号なし・レコード" +
                                                        (ids.empty() ? "?" : ids.front()) + "）";
      onRecord(doc, number, result.centres[centre]);
    });
  };

  forEach("", {}, [](const rapidjson::Value&, const std::string& number, CentreFindings& found) {
    found.casesChecked.insert(number);
  });
  afterQuery(1, total);
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const CheckDefinition& check = checks[i];
    forEach(expandPlaceholders(conditionOf(check), expansion, base), check.fields(),
            [&](const rapidjson::Value& record, const std::string& number, CentreFindings& found) {
              if (isFinding(check, record, run.ageBase)) {
                found.findings.emplace(number, i);
              }
            });
    afterQuery(i + 2, total);
  }
  return result;
}

}  // namespace teichaku::stats
