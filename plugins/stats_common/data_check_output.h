#pragma once

#include <map>
#include <string>
#include <vector>

#include "data_check_engine.h"

// The data-check files: per centre データ点検_<centre code>.csv (ケース番号, 点検項目, 項目名)
// and the summary データ点検_一覧.csv. UTF-8 with a byte order mark, CRLF (Excel). Case
// numbers, check labels and field codes only: never a value of a record.
namespace teichaku::stats {

inline constexpr const char* kCheckSummaryFile = "データ点検_一覧.csv";
inline constexpr const char* kCentreNotSet = "未設定";     // records without a centre
inline constexpr const char* kCentreNotListed = "未登録";  // a name not in the directory

// Centre codes and names, as samples/apps/centres.json ({"centres": [{"code", "name"}]}).
class CentreDirectory {
 public:
  // Throws std::runtime_error (Japanese, naming `sourceName`) when the JSON is not a list of
  // centres with a code and a name.
  static CentreDirectory parse(const std::string& json, const std::string& sourceName);

  // The code of a centre name; kCentreNotSet for "", kCentreNotListed for an unknown name.
  std::string codeOf(const std::string& name) const;
  // The name for a code or a name given on the command line ("13" or the full name); the
  // text itself when it is neither.
  std::string nameOf(const std::string& codeOrName) const;

 private:
  std::map<std::string, std::string> codeByName_;
  std::map<std::string, std::string> nameByCode_;
};

std::string checkListingFileName(const std::string& centreCode);

// Files to write: file name -> bytes. One listing per centre code seen (a header only when
// nothing was found, so the link of a weekly notice always works), then the summary: one
// line per centre (センターコード, センター, 点検したケース数, 指摘件数, one column per check,
// ファイル), sorted by centre code.
std::map<std::string, std::string> buildCheckFiles(const DataCheckResult& result,
                                                   const CentreDirectory& directory);

}  // namespace teichaku::stats
