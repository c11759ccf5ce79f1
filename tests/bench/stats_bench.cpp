// The national survey from the encrypted mirror, as a ratio to a plain scan of the same rows.
// Builds a SQLite mirror of seed cases (bridge/seed, stored as the sync stores them: clear
// columns plus an AES-256-GCM body; no kintone, no HTTP), then measures
//   (a) a plain scan: forEachRecord decrypting every body,
//   (b) the national survey (exporter_stats_national.so, CSV + XLSX) for one fiscal year,
//   (c) the national survey for each of ten fiscal years, one run each.
// Goal (issue 6): (b) under 1 s for 100,000 cases. Prints seconds and ratios; exits non-zero
// only when a run fails, never on speed (machines differ).
//
// Usage: stats_bench [--cases N] [--per-cell]   (default 100000; --per-cell also times the
// former way, one mirror pass per cell, for the fiscal year of (b))
#include <rapidjson/document.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "audit/audit_log.h"
#include "crypto/key_ring.h"
#include "mapping/mapping.h"
#include "plugin_host/folder_output_sink.h"
#include "plugin_host/plugin_instance.h"
#include "plugin_host/plugin_library.h"
#include "plugin_host/store_bindings.h"
#include "seed_mirror.h"
#include "store/mirror_store.h"
#include "sync/sync_engine.h"

namespace {

namespace fs = std::filesystem;
using namespace teichaku;
using Clock = std::chrono::steady_clock;

constexpr int kSurveyYear = 2024;  // (b); the mirror holds FY2016–FY2025
constexpr int kFirstYear = 2016;   // (c): FY2016 … FY2025

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of this process: on a shared machine the wall clock also counts other jobs.
double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Wall and CPU seconds of one measured step.
struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu = cpuSeconds();
  double wallSeconds() const { return secondsSince(wall); }
  double cpuSpent() const { return cpuSeconds() - cpu; }
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string fy(int year, int addYears, const char* monthDay) {
  return std::to_string(year + addYears) + monthDay;
}

// One survey run through the built plugin, as `teichaku-bridge stats --fy year` runs it.
bool survey(std::shared_ptr<plugin_host::PluginLibrary> library, plugin_host::HostServices services,
            const toml::table& config, int year) {
  auto created = plugin_host::PluginInstance::create(library, "national", config, services);
  if (!created.instance) {
    std::fprintf(stderr, "create: %s %s\n", created.outcome.messageId().c_str(),
                 created.outcome.message().c_str());
    return false;
  }
  plugin_host::ExportRequest request;
  request.periodStart = fy(year, 0, "-04-01");
  request.periodEnd = fy(year, 1, "-03-31");
  const Outcome run = created.instance->runExport(request);
  if (!run.isOk()) {
    std::fprintf(stderr, "run FY%d: %s %s\n", year, run.messageId().c_str(), run.message().c_str());
  }
  return run.isOk();
}

// The floor under (a): the same rows and clear values read with plain sqlite3 statements
// (what the store reads through Poco::Data), without decrypting. Shows how much of a pass is
// the store's row reading. Returns the number of clear values read.
std::size_t rawSqliteRead(const fs::path& database) {
  sqlite3* opened = nullptr;
  if (sqlite3_open_v2(database.c_str(), &opened, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(opened);
    return 0;
  }
  const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(opened, sqlite3_close);
  auto each = [&](const char* sql, const std::function<void(sqlite3_stmt*)>& row) {
    sqlite3_stmt* prepared = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &prepared, nullptr) != SQLITE_OK) {
      return;
    }
    const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> st(prepared, sqlite3_finalize);
    sqlite3_bind_text(st.get(), 1, "cases", -1, SQLITE_STATIC);
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
      row(st.get());
    }
  };
  std::size_t bytes = 0;
  std::size_t values = 0;
  auto text = [](sqlite3_stmt* st, int column) {
    const auto* p = sqlite3_column_text(st, column);
    return std::string(p != nullptr ? reinterpret_cast<const char*>(p) : "",
                       static_cast<std::size_t>(sqlite3_column_bytes(st, column)));
  };
  each(
      "SELECT record_id, revision, updated_at, key_id, body FROM records WHERE app = ? "
      "ORDER BY record_id",
      [&](sqlite3_stmt* st) {
        bytes += static_cast<std::size_t>(sqlite3_column_bytes(st, 4));
        bytes += text(st, 2).size();
      });
  each(
      "SELECT record_id, subtable, row_id, name, kind, text_value, num_value FROM clear_values "
      "WHERE app = ? ORDER BY record_id, subtable, row_id, name",
      [&](sqlite3_stmt* st) {
        ++values;
        bytes += text(st, 1).size() + text(st, 3).size() + text(st, 4).size() + text(st, 5).size();
      });
  return bytes > 0 ? values : 0;
}

// What a store read limited to the clear columns the national draft uses would cost (no bodies,
// eight names instead of every clear value): the floor of a pass that decrypts nothing.
std::size_t rawSqliteSurveyColumns(const fs::path& database) {
  sqlite3* opened = nullptr;
  if (sqlite3_open_v2(database.c_str(), &opened, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(opened);
    return 0;
  }
  const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(opened, sqlite3_close);
  sqlite3_stmt* prepared = nullptr;
  const char* sql =
      "SELECT record_id, name, text_value FROM clear_values WHERE app = 'cases' AND subtable = "
      "'' AND name IN ('ケース番号', '管理センター', '依頼日', '支援終了日', '依頼区分', "
      "'知的障害', '精神障害', '身体障害') ORDER BY record_id";
  if (sqlite3_prepare_v2(db.get(), sql, -1, &prepared, nullptr) != SQLITE_OK) {
    return 0;
  }
  const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> st(prepared, sqlite3_finalize);
  std::size_t values = 0;
  std::string last;
  while (sqlite3_step(st.get()) == SQLITE_ROW) {
    const auto* p = sqlite3_column_text(st.get(), 2);
    last.assign(p != nullptr ? reinterpret_cast<const char*>(p) : "",
                static_cast<std::size_t>(sqlite3_column_bytes(st.get(), 2)));
    ++values;
  }
  return values;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t cases = 100000;
  bool perCell = false;
  bool surveyOnly = false;
  fs::path keep;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--cases" && i + 1 < argc) {
      cases = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "--per-cell") {
      perCell = true;
    } else if (arg == "--keep" && i + 1 < argc) {
      keep = argv[++i];
    } else if (arg == "--survey-only") {
      surveyOnly = true;
    } else {
      std::fprintf(stderr,
                   "usage: stats_bench [--cases N] [--per-cell] [--keep DIR] [--survey-only]\n"
                   "  --keep DIR      build the mirror in DIR and keep it; reuse it next time\n"
                   "  --survey-only   skip the floors and (a); time (b) and (c) only\n");
      return 2;
    }
  }
  const fs::path source = TEICHAKU_SOURCE_DIR;
  const fs::path dir = keep.empty() ? fs::temp_directory_path() /
                                          ("teichaku-stats-bench-" + std::to_string(::getpid()))
                                    : keep;
  const bool reuse = !keep.empty() && fs::exists(dir / "mirror.db");
  if (!reuse) {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  int status = 0;
  {
    crypto::KeyBytes key{};
    key.fill(7);
    crypto::KeyRing keys;
    keys.add(1, key);
    keys.setActive(1);
    store::StoreConfig storeConfig;
    storeConfig.url = "sqlite:" + (dir / "mirror.db").string();
    storeConfig.keys = keys;
    auto store = store::openStore(std::move(storeConfig));
    const mapping::Mapping mapping =
        mapping::loadMapping((source / "mappings/raito-plus.toml").string());
    const std::string form = readFile(source / "samples/apps/cases.json");
    store->setMeta(sync::SyncEngine::formMetaKey("cases"), form);
    rapidjson::Document formDoc;
    formDoc.Parse(form.c_str(), form.size());

    const auto start = Clock::now();
    if (reuse) {
      std::printf("mirror: %lld cases reused from %s\n",
                  static_cast<long long>(store->countRecords("cases")), dir.c_str());
    } else {
      // Five parts with base dates 2022-03-31 … 2026-03-31: requests over FY2016–FY2025.
      const std::size_t stored = plugin_host::testing::storeSeedCases(
          *store, *mapping.app("cases"), formDoc["properties"], cases, 5, 2026);
      std::printf("mirror: %zu cases stored in %.2f s (SQLite, bodies sealed)\n", stored,
                  secondsSince(start));
    }
    double plain = 1;
    double plainCpu = 1;
    if (!surveyOnly) {
      Timer read;
      std::size_t clearValues = 0;
      store->forEachRecord("cases", [&](const store::StoredRecord& record) {
        clearValues += record.clear.size();
        return true;
      });
      std::printf(
          "(store) reading the rows without decrypting: %.3f s (CPU %.3f s), %zu clear "
          "values\n",
          read.wallSeconds(), read.cpuSpent(), clearValues);

      Timer rawTimer;
      const std::size_t rawValues = rawSqliteRead(dir / "mirror.db");
      std::printf(
          "(sqlite3) the same rows read with plain sqlite3 statements: %.3f s (CPU %.3f s), "
          "%zu clear values\n",
          rawTimer.wallSeconds(), rawTimer.cpuSpent(), rawValues);

      Timer columnsTimer;
      const std::size_t columnValues = rawSqliteSurveyColumns(dir / "mirror.db");
      std::printf(
          "(sqlite3) only the eight clear columns the survey reads, no bodies: %.3f s "
          "(CPU %.3f s), %zu values\n",
          columnsTimer.wallSeconds(), columnsTimer.cpuSpent(), columnValues);

      Timer scanTimer;
      std::size_t bytes = 0;
      store->forEachRecord("cases", [&](const store::StoredRecord& record) {
        bytes += record.body().size();
        return true;
      });
      plain = scanTimer.wallSeconds();
      plainCpu = scanTimer.cpuSpent();
      std::printf("(a) plain scan, every body decrypted: %.3f s (CPU %.3f s), %zu body bytes\n",
                  plain, plainCpu, bytes);
    }

    audit::AuditLog audit(*store, (dir / "audit.head").string());
    plugin_host::AuditLogSink auditSink(audit);
    plugin_host::FolderOutputSink sink((dir / "out").string());
    plugin_host::StoreMirrorReader mirror(*store, mapping, 1767225600);  // 2026-01-01
    plugin_host::HostServices services;
    services.mirror = &mirror;
    services.output = &sink;
    services.audit = &auditSink;
    auto loaded =
        plugin_host::PluginLibrary::load(TEICHAKU_PLUGIN_DIR, "exporter_stats_national.so");
    if (!loaded.library) {
      std::fprintf(stderr, "%s\n", loaded.error.c_str());
      return 1;
    }
    const toml::table config =
        toml::parse("type = \"stats_national\"\ndefinitions = \"" +
                    (source / "mappings/statistics/national.toml").string() + "\"\ncentres = \"" +
                    (source / "samples/apps/centres.json").string() + "\"\n");

    // Five runs of the same year: the first reads the index pages into the caches; the
    // spread of the other four is the VM's noise (reported, not hidden in a best-of).
    std::vector<double> walls;
    std::vector<double> cpus;
    for (int run = 0; run < 5; ++run) {
      Timer oneTimer;
      if (!survey(loaded.library, services, config, kSurveyYear)) {
        status = 1;
      }
      walls.push_back(oneTimer.wallSeconds());
      cpus.push_back(oneTimer.cpuSpent());
    }
    std::vector<double> sorted(walls);
    std::sort(sorted.begin(), sorted.end());
    const double one = sorted[sorted.size() / 2];  // median
    const double oneCpu =
        cpus[static_cast<std::size_t>(std::find(walls.begin(), walls.end(), one) - walls.begin())];
    const auto& scan = mirror.lastScanStats();
    std::string each;
    for (double w : walls) {
      each += (each.empty() ? "" : ", ") + std::to_string(w).substr(0, 5);
    }
    std::printf(
        "(b) national survey FY%d (CSV + XLSX), five runs: %s s; median %.3f s (CPU %.3f s), "
        "slowest %.3f s; %zu records read, %zu bodies decrypted, %zu filter bodies opened, %zu "
        "handed to the plugin\n",
        kSurveyYear, each.c_str(), one, oneCpu, sorted.back(), scan.records, scan.decrypted,
        scan.filtersOpened, scan.handedOver);
    if (!surveyOnly) {
      std::printf("    (b)/(a) = %.2f (CPU %.2f), slowest/(a) = %.2f\n", one / plain,
                  oneCpu / plainCpu, sorted.back() / plain);
    }

    Timer tenTimer;
    for (int year = kFirstYear; year < kFirstYear + 10; ++year) {
      if (!survey(loaded.library, services, config, year)) {
        status = 1;
      }
    }
    const double ten = tenTimer.wallSeconds();
    const double tenCpu = tenTimer.cpuSpent();
    std::printf("(c) national survey FY%d–FY%d, ten runs: %.3f s (CPU %.3f s)\n", kFirstYear,
                kFirstYear + 9, ten, tenCpu);
    if (!surveyOnly) {
      std::printf("    (c)/(a) = %.2f (CPU %.2f)\n", ten / plain, tenCpu / plainCpu);
    }

    if (perCell) {
      // The former way: one decrypting pass over the mirror per cell (8 rows × 5 columns).
      Timer naiveTimer;
      std::size_t matched = 0;
      const std::string from = fy(kSurveyYear, 0, "-04-01");
      const std::string to = fy(kSurveyYear, 1, "-03-31");
      const std::string query = "依頼日 >= \"" + from + "\" and 依頼日 <= \"" + to + "\"";
      for (int cell = 0; cell < 40; ++cell) {
        mirror.forEach("cases", query, {"ケース番号", "管理センター"}, [&](std::string_view) {
          ++matched;
          return true;
        });
      }
      const double naive = naiveTimer.wallSeconds();
      std::printf(
          "(per cell) 40 passes of one query each: %.3f s (CPU %.3f s), ratio to (a) = "
          "%.2f (%zu matches)\n",
          naive, naiveTimer.cpuSpent(), naive / plain, matched);
    }
  }
  if (keep.empty()) {
    fs::remove_all(dir);
  }
  return status;
}
