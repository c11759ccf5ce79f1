// teichaku-seed: writes a synthetic Raito Plus data set (no real person) for tests, benchmarks
// and demos. Hand-parsed options: four flags do not justify pulling Poco::Util into this tool.
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "common/exit_codes.h"
#include "seed/generator.h"
#include "seed/staff.h"

namespace {

using teichaku::seed::App;
using teichaku::seed::SeedOptions;

constexpr std::string_view kUsage =
    "使い方: teichaku-seed --out DIR [--cases N] [--seed S] [--base-date YYYY-MM-DD] "
    "[--canary 氏名]\n"
    "  DIR/<アプリ>.ndjson（1行1レコード、POST records.json の形）と DIR/staff-roster.csv "
    "を書き出します。\n";

template <typename Number>
bool parseNumber(std::string_view text, Number& out) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc{} && result.ptr == text.data() + text.size();
}

int fail(const std::string& message, teichaku::ExitCode code = teichaku::ExitCode::kConfigError) {
  std::cerr << "teichaku-seed: " << message << "\n";
  if (code == teichaku::ExitCode::kConfigError) {
    std::cerr << kUsage;
  }
  return teichaku::toInt(code);
}

}  // namespace

int main(int argc, char** argv) {
  SeedOptions options;
  std::filesystem::path out;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help") {
      std::cout << kUsage;
      return teichaku::toInt(teichaku::ExitCode::kOk);
    }
    if (i + 1 >= argc) {
      return fail("オプション " + std::string(flag) + " に値がありません");
    }
    const std::string value = argv[++i];
    if (flag == "--out") {
      out = value;
    } else if (flag == "--cases") {
      if (!parseNumber(value, options.cases)) {
        return fail("--cases は 0 以上の整数で指定してください");
      }
    } else if (flag == "--seed") {
      if (!parseNumber(value, options.seed)) {
        return fail("--seed は 0 以上の整数で指定してください");
      }
    } else if (flag == "--base-date") {
      if (!teichaku::seed::parseIsoDate(value, options.baseDate)) {
        return fail("--base-date は YYYY-MM-DD 形式の日付で指定してください");
      }
    } else if (flag == "--canary") {
      options.canary = value;
    } else {
      return fail("不明なオプション " + std::string(flag));
    }
  }
  if (out.empty()) {
    return fail("--out を指定してください");
  }
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) {
    return fail(out.string() + " を作成できません: " + error.message(),
                teichaku::ExitCode::kRuntimeFailure);
  }
  std::array<std::ofstream, teichaku::seed::kAllApps.size()> files;
  for (App app : teichaku::seed::kAllApps) {
    const auto path = out / (std::string(teichaku::seed::appKey(app)) + ".ndjson");
    auto& file = files[static_cast<std::size_t>(app)];
    file.open(path, std::ios::binary | std::ios::trunc);
    if (!file) {
      return fail(path.string() + " に書き込めません", teichaku::ExitCode::kRuntimeFailure);
    }
  }
  teichaku::seed::generateStream(options, [&files](App app, std::string_view json) {
    files[static_cast<std::size_t>(app)] << json << '\n';
  });
  const auto rosterPath = out / "staff-roster.csv";
  std::ofstream roster(rosterPath, std::ios::binary | std::ios::trunc);
  const auto staff = teichaku::seed::generateStaff(options.seed, options.baseDate);
  teichaku::seed::writeRosterCsv(roster, staff);
  for (auto& file : files) {
    file.flush();
    if (!file) {
      return fail("書き込みに失敗しました（ディスクの空きを確認してください）",
                  teichaku::ExitCode::kRuntimeFailure);
    }
  }
  if (!roster.flush()) {
    return fail(rosterPath.string() + " に書き込めません", teichaku::ExitCode::kRuntimeFailure);
  }
  return teichaku::toInt(teichaku::ExitCode::kOk);
}
