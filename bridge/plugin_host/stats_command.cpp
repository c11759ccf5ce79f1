#include "plugin_host/stats_command.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string_view>

#include "common/exit_codes.h"
#include "plugin_host/folder_output_sink.h"
#include "plugin_host/plugin_instance.h"
#include "plugin_host/plugin_registry.h"
#include "plugin_host/plugin_schema.h"
#include "plugin_host/store_bindings.h"

namespace teichaku::plugin_host {
namespace {

int code(ExitCode c) {
  return static_cast<int>(c);
}

bool isIsoDate(const std::string& text) {
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  return std::regex_match(text, kDate);
}

std::string fourDigits(int year) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04d", year);
  return buffer;
}

// Written by the statistics plugins (plugins/stats_common/data_check_output.h), read here.
constexpr const char* kCheckSummaryFile = "データ点検_一覧.csv";

// Fields of one CSV line (RFC 4180: quoted fields, "" inside quotes). Hand-written: the
// summary is one small file this command's own plugin wrote.
std::vector<std::string> csvFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

bool toCount(const std::string& text, std::size_t& out) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  out = static_cast<std::size_t>(std::stoull(text));
  return true;
}

int reportChecks(const StatsCommandOptions& options, std::ostream& out, std::ostream& err) {
  const std::string folder = (std::filesystem::path(options.outDir) / options.instance).string();
  std::string error;
  const auto listings = readDataCheckSummary(folder, error);
  if (!listings) {
    err << error << "\n";
    return code(ExitCode::kRuntimeFailure);
  }
  std::size_t total = 0;
  for (const auto& l : *listings) {
    out << l.centreCode << " " << l.centreName << ": " << l.findings << " 件（点検 "
        << l.casesChecked << " ケース） " << l.path << "\n";
    total += l.findings;
  }
  out << "データ点検の一覧を書き出しました: " << folder << "/" << kCheckSummaryFile << "（指摘 "
      << total << " 件）\n";
  return code(total > 0 && options.failOnFindings ? ExitCode::kNeedsOperator : ExitCode::kOk);
}

}  // namespace

int runStatsCommand(const config::Config& config, store::MirrorStore& store,
                    const mapping::Mapping& mapping, audit::AuditLog& audit,
                    const StatsCommandOptions& options, std::ostream& out, std::ostream& err) {
  ExportRequest request;
  if (options.fiscalYear && (!options.from.empty() || !options.to.empty())) {
    err << "--fy と --from/--to は同時に指定できません。\n";
    return code(ExitCode::kConfigError);
  }
  if (options.fiscalYear) {
    if (*options.fiscalYear < 1989 || *options.fiscalYear > 9998) {
      err << "--fy には西暦の年度（例: 2024）を指定してください。\n";
      return code(ExitCode::kConfigError);
    }
    // The fiscal year runs 1 April – 31 March (domain.md §4.1).
    request.periodStart = fourDigits(*options.fiscalYear) + "-04-01";
    request.periodEnd = fourDigits(*options.fiscalYear + 1) + "-03-31";
  } else if (isIsoDate(options.from) && isIsoDate(options.to)) {
    request.periodStart = options.from;
    request.periodEnd = options.to;
  } else if (options.check && options.from.empty() && options.to.empty()) {
    // The data checks without a period look at every case.
  } else {
    err << "期間を --fy 年度 か --from YYYY-MM-DD --to YYYY-MM-DD で指定してください。\n";
    return code(ExitCode::kConfigError);
  }
  if (options.outDir.empty()) {
    err << "--out に出力先のフォルダを指定してください。\n";
    return code(ExitCode::kConfigError);
  }
  if (options.check && !options.formats.empty()) {
    err << "--check と --format は同時に指定できません（点検の一覧は CSV です）。\n";
    return code(ExitCode::kConfigError);
  }
  if (options.failOnFindings && !options.check) {
    err << "--fail-on-findings は --check と組で指定してください。\n";
    return code(ExitCode::kConfigError);
  }
  request.centres = options.centres;
  request.formats = options.formats;
  request.checksOnly = options.check;

  auto instance = config.plugins.find(options.instance);
  if (instance == config.plugins.end()) {
    err << "プラグインのインスタンス '" << options.instance
        << "' は設定ファイルにありません（[plugins." << options.instance << "]）。\n";
    return code(ExitCode::kConfigError);
  }
  if (!instance->second.enabled) {
    err << "プラグインのインスタンス '" << options.instance
        << "' は無効（enabled = false）です。\n";
    return code(ExitCode::kConfigError);
  }
  const auto* plugins = config.document["plugins"].as_table();
  const auto* table = plugins != nullptr ? (*plugins)[options.instance].as_table() : nullptr;
  if (table == nullptr) {
    err << "[plugins." << options.instance << "] を読めません。\n";
    return code(ExitCode::kConfigError);
  }
  PluginRegistry registry = PluginRegistry::load(config.pluginDirectory);
  auto library = registry.find(instance->second.type);
  if (!library) {
    err << "プラグイン '" << instance->second.type << "' がプラグインフォルダ（"
        << config.pluginDirectory << "）にありません。\n";
    for (const auto& e : registry.errors()) {
      err << e << "\n";
    }
    return code(ExitCode::kConfigError);
  }

  // Checked again here: the configuration may have been loaded without the plugin check.
  config::ConfigErrors problems;
  validateInstanceTable(*table, library->info(), "plugins." + options.instance, config.file,
                        problems);
  if (!problems.empty()) {
    for (const auto& p : problems) {
      err << p.format() << "\n";
    }
    return code(ExitCode::kConfigError);
  }

  const std::int64_t now = options.nowEpochSeconds != 0
                               ? options.nowEpochSeconds
                               : std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
  StoreMirrorReader mirror(store, mapping, now);
  FolderOutputSink sink(options.outDir);
  AuditLogSink auditSink(audit);
  HostServices services;
  services.mirror = &mirror;
  services.output = &sink;
  services.audit = &auditSink;

  auto created = PluginInstance::create(library, options.instance, *table, services);
  if (!created.instance) {
    err << created.outcome.messageId() << ": " << created.outcome.message() << "\n";
    return code(created.outcome.isRetry() ? ExitCode::kRetryLater : ExitCode::kConfigError);
  }
  const Outcome run = created.instance->runExport(request);
  if (!run.isOk()) {
    err << run.messageId() << ": " << run.message() << "\n";
    return code(run.isRetry() ? ExitCode::kRetryLater : ExitCode::kRuntimeFailure);
  }
  if (options.check) {
    return reportChecks(options, out, err);
  }
  out << "統計を書き出しました: " << options.outDir << "/" << options.instance << "/\n";
  return code(ExitCode::kOk);
}

std::optional<std::vector<DataCheckListing>> readDataCheckSummary(const std::string& instanceFolder,
                                                                  std::string& error) {
  const std::filesystem::path path = std::filesystem::path(instanceFolder) / kCheckSummaryFile;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "データ点検の一覧がありません: " + path.string();
    return std::nullopt;
  }
  std::string line;
  std::getline(in, line);
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (line.rfind(kBom, 0) == 0) {
    line.erase(0, kBom.size());
  }
  auto strip = [](std::string& text) {
    if (!text.empty() && text.back() == '\r') {
      text.pop_back();
    }
  };
  strip(line);
  const auto header = csvFields(line);
  if (header.size() < 5 || header[0] != "センターコード" || header[3] != "指摘件数" ||
      header.back() != "ファイル") {
    error = "データ点検の一覧の見出しが違います: " + path.string();
    return std::nullopt;
  }
  std::vector<DataCheckListing> listings;
  while (std::getline(in, line)) {
    strip(line);
    if (line.empty()) {
      continue;
    }
    const auto fields = csvFields(line);
    DataCheckListing l;
    if (fields.size() != header.size() || !toCount(fields[2], l.casesChecked) ||
        !toCount(fields[3], l.findings) || fields.back().find('/') != std::string::npos) {
      error = "データ点検の一覧の行が読めません: " + path.string();
      return std::nullopt;
    }
    l.centreCode = fields[0];
    l.centreName = fields[1];
    l.path = (std::filesystem::path(instanceFolder) / fields.back()).string();
    listings.push_back(std::move(l));
  }
  return listings;
}

}  // namespace teichaku::plugin_host
