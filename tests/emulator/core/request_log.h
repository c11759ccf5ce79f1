#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

// Counts of served requests per route, per app and per day, so tests can assert how
// many API calls a sync made (kintone's daily per-app budget, kintone-api.md §2).
namespace teichaku::emulator {

class RequestLog {
 public:
  // `app` empty when the request names no app; `epochSeconds` is the arrival time.
  void record(const std::string& route, const std::string& app, std::int64_t epochSeconds);
  void clear();
  std::string toJson() const;

 private:
  mutable std::mutex mutex_;
  std::uint64_t total_ = 0;
  std::map<std::string, std::uint64_t> routes_;
  std::map<std::string, std::uint64_t> apps_;
  std::map<std::string, std::uint64_t> days_;
};

}  // namespace teichaku::emulator
