#include "data_check_output.h"

#include <rapidjson/document.h>

#include <set>
#include <stdexcept>
#include <utility>

#include "csv_table.h"

namespace teichaku::stats {
namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";

void line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    out += (i > 0 ? "," : "") + csvField(fields[i]);
  }
  out += "\r\n";
}

std::string joinFields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) {
    out += (out.empty() ? "" : "、") + f;
  }
  return out;
}

}  // namespace

CentreDirectory CentreDirectory::parse(const std::string& json, const std::string& sourceName) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  const auto bad = [&] {
    return std::runtime_error(
        sourceName + ": センターの一覧を読めません（{\"centres\": [{\"code\", \"name\"}]}）。");
  };
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("centres") ||
      !doc["centres"].IsArray()) {
    throw bad();
  }
  CentreDirectory directory;
  for (const auto& centre : doc["centres"].GetArray()) {
    if (!centre.IsObject() || !centre.HasMember("code") || !centre["code"].IsString() ||
        !centre.HasMember("name") || !centre["name"].IsString()) {
      throw bad();
    }
    const std::string code = centre["code"].GetString();
    const std::string name = centre["name"].GetString();
    directory.codeByName_[name] = code;
    directory.nameByCode_[code] = name;
  }
  return directory;
}

std::string CentreDirectory::codeOf(const std::string& name) const {
  if (name.empty()) {
    return kCentreNotSet;
  }
  auto it = codeByName_.find(name);
  return it != codeByName_.end() ? it->second : kCentreNotListed;
}

std::string CentreDirectory::nameOf(const std::string& codeOrName) const {
  auto it = nameByCode_.find(codeOrName);
  return it != nameByCode_.end() ? it->second : codeOrName;
}

std::string checkListingFileName(const std::string& centreCode) {
  return "データ点検_" + centreCode + ".csv";
}

std::map<std::string, std::string> buildCheckFiles(const DataCheckResult& result,
                                                   const CentreDirectory& directory) {
  // Centres by code; two unknown names share kCentreNotListed and so one listing.
  struct Group {
    std::vector<std::string> names;
    std::size_t cases = 0;
    std::set<std::pair<std::string, std::size_t>> findings;
  };
  std::map<std::string, Group> groups;
  for (const auto& [name, found] : result.centres) {
    Group& g = groups[directory.codeOf(name)];
    g.names.push_back(name.empty() ? kCentreNotSet : name);
    g.cases += found.casesChecked.size();
    g.findings.insert(found.findings.begin(), found.findings.end());
  }

  std::map<std::string, std::string> files;
  std::string summary = kBom;
  std::vector<std::string> header = {"センターコード", "センター", "点検したケース数", "指摘件数"};
  for (const auto& check : result.checks) {
    header.push_back(check.label);
  }
  header.emplace_back("ファイル");
  line(summary, header);
  for (const auto& [code, group] : groups) {
    std::string listing = kBom;
    line(listing, {"ケース番号", "点検項目", "項目名"});
    std::vector<std::size_t> perCheck(result.checks.size(), 0);
    for (const auto& [number, check] : group.findings) {
      line(listing,
           {number, result.checks[check].label, joinFields(result.checks[check].fields())});
      ++perCheck[check];
    }
    const std::string fileName = checkListingFileName(code);
    files[fileName] = std::move(listing);

    std::vector<std::string> row = {code, joinFields(group.names), std::to_string(group.cases),
                                    std::to_string(group.findings.size())};
    for (std::size_t n : perCheck) {
      row.push_back(std::to_string(n));
    }
    row.push_back(fileName);
    line(summary, row);
  }
  files[kCheckSummaryFile] = std::move(summary);
  return files;
}

}  // namespace teichaku::stats
