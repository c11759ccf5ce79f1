#include "server/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace teichaku::server {
namespace {

bool isNameStart(char c, bool colonAllowed) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':');
}

// Metric names match [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]* and do not
// start with "__" (reserved) — Prometheus data model.
bool validIdentifier(const std::string& name, bool colonAllowed) {
  if (name.empty() || !isNameStart(name.front(), colonAllowed)) {
    return false;
  }
  return std::all_of(name.begin() + 1, name.end(), [&](char c) {
    return isNameStart(c, colonAllowed) || (c >= '0' && c <= '9');
  });
}

void checkName(const std::string& name) {
  if (!validIdentifier(name, true)) {
    throw std::invalid_argument("invalid metric name: " + name);
  }
}

Labels sortedLabels(const Labels& labels) {
  Labels sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const std::string& name = sorted[i].first;
    if (!validIdentifier(name, false) || name.rfind("__", 0) == 0) {
      throw std::invalid_argument("invalid label name: " + name);
    }
    if (i > 0 && sorted[i - 1].first == name) {
      throw std::invalid_argument("duplicate label name: " + name);
    }
  }
  return sorted;
}

// Label values escape backslash, double quote and line feed; HELP text backslash and line feed.
std::string escape(const std::string& text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

std::string formatValue(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc{} ? std::string(buffer, end) : "NaN";
}

}  // namespace

void Metrics::describe(const std::string& name, const std::string& help) {
  checkName(name);
  std::lock_guard lock(mutex_);
  families_[name].help = help;
}

Metrics::Family& Metrics::family(const std::string& name, Kind kind) {
  checkName(name);
  Family& f = families_[name];
  if (f.typed && f.kind != kind) {
    throw std::logic_error("metric used both as a counter and as a gauge: " + name);
  }
  f.kind = kind;
  f.typed = true;
  return f;
}

double* Metrics::series(Family& f, const Labels& labels) {
  Labels key = sortedLabels(labels);
  if (auto it = f.series.find(key); it != f.series.end()) {
    return &it->second;
  }
  if (seriesCount_ >= kMaxSeries) {
    return nullptr;
  }
  ++seriesCount_;
  return &f.series.emplace(std::move(key), 0.0).first->second;
}

void Metrics::setGauge(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mutex_);
  if (double* v = series(family(name, Kind::kGauge), labels)) {
    *v = value;
  }
}

void Metrics::addCounter(const std::string& name, const Labels& labels, double by) {
  if (!(by >= 0)) {
    throw std::invalid_argument("counter increment must not be negative: " + name);
  }
  std::lock_guard lock(mutex_);
  if (double* v = series(family(name, Kind::kCounter), labels)) {
    *v += by;
  }
}

void Metrics::clearGauge(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it == families_.end() || it->second.kind != Kind::kGauge) {
    return;
  }
  seriesCount_ -= it->second.series.size();
  it->second.series.clear();
}

std::string Metrics::exposition() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, f] : families_) {
    if (!f.typed) {
      continue;
    }
    if (!f.help.empty()) {
      out += "# HELP " + name + " " + escape(f.help, false) + "\n";
    }
    out += "# TYPE " + name + (f.kind == Kind::kCounter ? " counter\n" : " gauge\n");
    for (const auto& [labels, value] : f.series) {
      out += name;
      if (!labels.empty()) {
        out += '{';
        for (std::size_t i = 0; i < labels.size(); ++i) {
          out +=
              (i == 0 ? "" : ",") + labels[i].first + "=\"" + escape(labels[i].second, true) + "\"";
        }
        out += '}';
      }
      out += ' ' + formatValue(value) + '\n';
    }
  }
  return out;
}

}  // namespace teichaku::server
