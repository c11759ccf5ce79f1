#include "csv_table.h"

#include <vector>

#include "evidence_text.h"

namespace teichaku::stats {
namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";

void line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += csvField(fields[i]);
  }
  out += "\r\n";
}

std::vector<std::string> centresThenAll(const Tally& tally) {
  std::vector<std::string> centres = tally.centres();
  centres.emplace_back(kAllCentres);
  return centres;
}

}  // namespace

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

std::string buildCountsCsv(const Definitions& definitions, const Tally& tally,
                           const std::string& periodLabel, const CsvOptions& options) {
  std::string out = options.byteOrderMark ? kBom : "";
  line(out, {definitions.title});
  line(out, {"対象期間", periodLabel});
  if (!definitions.note.empty()) {
    line(out, {definitions.note});
  }
  std::vector<std::string> header = {"センター", "区分"};
  for (const auto& column : definitions.columns) {
    header.push_back(column.label);
  }
  line(out, header);
  for (const auto& centre : centresThenAll(tally)) {
    for (std::size_t r = 0; r < definitions.rows.size(); ++r) {
      std::vector<std::string> fields = {centre, definitions.rows[r].label};
      for (std::size_t c = 0; c < definitions.columns.size(); ++c) {
        fields.push_back(std::to_string(tally.count(r, c, centre, definitions.columns[c].basis)));
      }
      line(out, fields);
    }
  }
  return out;
}

std::string buildEvidenceCsv(const Definitions& definitions, const Tally& tally,
                             const CsvOptions& options) {
  std::string out = options.byteOrderMark ? kBom : "";
  line(out, {"センター", "区分", "列", "数", "ケース番号"});
  for (const auto& centre : centresThenAll(tally)) {
    for (std::size_t r = 0; r < definitions.rows.size(); ++r) {
      for (std::size_t c = 0; c < definitions.columns.size(); ++c) {
        // A list too long for one Excel cell continues on the next rows, 数 left empty there.
        const auto pieces = caseNumberPieces(tally.caseNumbers(r, c, centre));
        for (std::size_t i = 0; i < pieces.size(); ++i) {
          line(out,
               {centre, definitions.rows[r].label, definitions.columns[c].label,
                i == 0 ? std::to_string(tally.count(r, c, centre, definitions.columns[c].basis))
                       : std::string(),
                pieces[i]});
        }
      }
    }
  }
  return out;
}

}  // namespace teichaku::stats
