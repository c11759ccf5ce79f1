#include "xlsx_table.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "evidence_text.h"

namespace teichaku::stats {
namespace {

// libxlsxwriter 1.1.5 (Debian 12) writes only to a named file: a private temporary file,
// removed when done.
class TempFile {
 public:
  TempFile() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "teichaku-stats-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const int fd = mkstemp(buffer.data());
    if (fd < 0) {
      throw std::runtime_error("Excel ファイルの一時ファイルを作れませんでした。");
    }
    close(fd);
    path_ = buffer.data();
  }
  ~TempFile() { std::filesystem::remove(path_, ignored_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::error_code ignored_;  // a leftover empty temp file is not worth failing the export
};

struct WorkbookCloser {
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};
using Workbook = std::unique_ptr<lxw_workbook, WorkbookCloser>;

std::vector<std::string> centresThenAll(const Tally& tally) {
  std::vector<std::string> centres = tally.centres();
  centres.emplace_back(kAllCentres);
  return centres;
}

void writeCounts(lxw_workbook* book, const Definitions& d, const Tally& tally,
                 const std::string& periodLabel) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "集計");
  lxw_format* title = workbook_add_format(book);
  format_set_bold(title);
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  lxw_format* cell = workbook_add_format(book);
  format_set_border(cell, LXW_BORDER_THIN);

  worksheet_write_string(sheet, 0, 0, d.title.c_str(), title);
  worksheet_write_string(sheet, 1, 0, ("対象期間: " + periodLabel).c_str(), nullptr);
  worksheet_write_string(sheet, 2, 0, d.note.c_str(), nullptr);
  const lxw_row_t headerRow = 4;
  worksheet_write_string(sheet, headerRow, 0, "センター", header);
  worksheet_write_string(sheet, headerRow, 1, "区分", header);
  for (std::size_t c = 0; c < d.columns.size(); ++c) {
    worksheet_write_string(sheet, headerRow, static_cast<lxw_col_t>(c + 2),
                           d.columns[c].label.c_str(), header);
  }
  lxw_row_t row = headerRow + 1;
  for (const auto& centre : centresThenAll(tally)) {
    for (std::size_t r = 0; r < d.rows.size(); ++r, ++row) {
      worksheet_write_string(sheet, row, 0, centre.c_str(), cell);
      worksheet_write_string(sheet, row, 1, d.rows[r].label.c_str(), cell);
      for (std::size_t c = 0; c < d.columns.size(); ++c) {
        worksheet_write_number(sheet, row, static_cast<lxw_col_t>(c + 2),
                               static_cast<double>(tally.count(r, c, centre, d.columns[c].basis)),
                               cell);
      }
    }
  }
  worksheet_set_column(sheet, 0, 0, 34, nullptr);
  worksheet_set_column(sheet, 1, 1, 18, nullptr);
  worksheet_set_column(sheet, 2, static_cast<lxw_col_t>(d.columns.size() + 1), 12, nullptr);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_set_landscape(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);  // one page wide, as many pages tall as needed
  worksheet_repeat_rows(sheet, headerRow, headerRow);
}

void writeEvidence(lxw_workbook* book, const Definitions& d, const Tally& tally) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "根拠");
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  const char* headers[] = {"センター", "区分", "列", "数", "ケース番号"};
  for (lxw_col_t c = 0; c < 5; ++c) {
    worksheet_write_string(sheet, 0, c, headers[c], header);
  }
  lxw_row_t row = 1;
  for (const auto& centre : centresThenAll(tally)) {
    for (std::size_t r = 0; r < d.rows.size(); ++r) {
      for (std::size_t c = 0; c < d.columns.size(); ++c) {
        // A list too long for one cell continues on the next rows, 数 left empty there.
        const auto pieces = caseNumberPieces(tally.caseNumbers(r, c, centre));
        for (std::size_t i = 0; i < pieces.size(); ++i, ++row) {
          worksheet_write_string(sheet, row, 0, centre.c_str(), nullptr);
          worksheet_write_string(sheet, row, 1, d.rows[r].label.c_str(), nullptr);
          worksheet_write_string(sheet, row, 2, d.columns[c].label.c_str(), nullptr);
          if (i == 0) {
            worksheet_write_number(
                sheet, row, 3, static_cast<double>(tally.count(r, c, centre, d.columns[c].basis)),
                nullptr);
          }
          if (worksheet_write_string(sheet, row, 4, pieces[i].c_str(), nullptr) != LXW_NO_ERROR) {
            throw std::runtime_error("根拠シートにケース番号を書けませんでした（" + centre + "・" +
                                     d.rows[r].label + "・" + d.columns[c].label +
                                     "）。ケース番号が長すぎないか確かめてください。");
          }
        }
      }
    }
  }
  worksheet_set_column(sheet, 0, 0, 34, nullptr);
  worksheet_set_column(sheet, 1, 2, 20, nullptr);
  worksheet_set_column(sheet, 4, 4, 80, nullptr);
  worksheet_repeat_rows(sheet, 0, 0);
}

}  // namespace

std::string buildXlsx(const Definitions& definitions, const Tally& tally,
                      const std::string& periodLabel) {
  TempFile file;
  Workbook book(workbook_new(file.path().c_str()));
  if (!book) {
    throw std::runtime_error("Excel ファイルを作れませんでした。");
  }
  writeCounts(book.get(), definitions, tally, periodLabel);
  writeEvidence(book.get(), definitions, tally);
  if (workbook_close(book.release()) != LXW_NO_ERROR) {
    throw std::runtime_error("Excel ファイルを書けませんでした。");
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) {
    throw std::runtime_error("書いた Excel ファイルを読み戻せませんでした。");
  }
  return bytes.str();
}

}  // namespace teichaku::stats
