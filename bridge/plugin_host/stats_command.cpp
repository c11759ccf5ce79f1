#include "plugin_host/stats_command.h"

#include <chrono>
#include <cstdio>
#include <regex>

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
  } else {
    err << "期間を --fy 年度 か --from YYYY-MM-DD --to YYYY-MM-DD で指定してください。\n";
    return code(ExitCode::kConfigError);
  }
  if (options.outDir.empty()) {
    err << "--out に出力先のフォルダを指定してください。\n";
    return code(ExitCode::kConfigError);
  }
  request.centres = options.centres;
  request.formats = options.formats;

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
  out << "統計を書き出しました: " << options.outDir << "/" << options.instance << "/\n";
  return code(ExitCode::kOk);
}

}  // namespace teichaku::plugin_host
