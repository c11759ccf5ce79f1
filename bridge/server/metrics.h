#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

// Counters and gauges for GET /metrics, written out in the Prometheus text format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/). Thread-safe. Names and
// label names must be valid Prometheus identifiers (std::invalid_argument otherwise: that is
// a programming error, not input); label values may hold anything and are escaped.
namespace teichaku::server {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Metrics {
 public:
  // Past this many series in total, new series are not recorded (existing ones still are),
  // so a label fed from outside can never grow memory without bound.
  static constexpr std::size_t kMaxSeries = 10000;

  // The "# HELP" text of a metric; metrics without one get no HELP line.
  void describe(const std::string& name, const std::string& help);
  void setGauge(const std::string& name, const Labels& labels, double value);
  // `by` must not be negative: counters only go up.
  void addCounter(const std::string& name, const Labels& labels, double by = 1);
  // Forgets every series of a gauge, e.g. before setting per-app gauges afresh.
  void clearGauge(const std::string& name);

  // Families sorted by name, series by labels; TYPE (and HELP) before each family.
  std::string exposition() const;

 private:
  enum class Kind { kCounter, kGauge };
  struct Family {
    Kind kind = Kind::kGauge;
    bool typed = false;  // false until a value is recorded (describe alone sets no type)
    std::string help;
    std::map<Labels, double> series;  // labels sorted by name
  };

  Family& family(const std::string& name, Kind kind);
  double* series(Family& family, const Labels& labels);

  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
  std::size_t seriesCount_ = 0;
};

}  // namespace teichaku::server
