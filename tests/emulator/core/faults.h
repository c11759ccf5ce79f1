#pragma once

#include <rapidjson/document.h>

#include <map>
#include <mutex>
#include <random>
#include <string>

// Per-route fault injection at the HTTP level (reliability.md §2.1, §2.4): the toxics
// of Toxiproxy that need an HTTP-aware server (status faults) plus the byte-level ones
// (reset, trickle, truncate) applied while writing the response.
namespace teichaku::emulator {

struct FaultSpec {
  int latencyMs = 0;
  int jitterMs = 0;
  double rate429 = 0;  // kintone GAIA_TO04 body and headers
  double rate500 = 0;
  double rate503 = 0;  // text/plain body, like a maintenance/load-balancer page
  double rate520 = 0;
  double resetRate = 0;     // TCP reset after part of the body was sent
  double truncateRate = 0;  // full Content-Length announced, half the body sent
  int trickleBytes = 0;     // > 0: send the body in chunks of this size...
  int trickleDelayMs = 0;   // ...with this pause between chunks
  int remaining = -1;       // number of requests this spec still applies to; -1 = forever
};

enum class FaultAction { kNone, k429, k500, k503, k520, kReset, kTruncate };

struct FaultDecision {
  int delayMs = 0;
  FaultAction action = FaultAction::kNone;
  int trickleBytes = 0;
  int trickleDelayMs = 0;
};

class FaultTable {
 public:
  // Route keys are normalised API paths ("/k/v1/records.json", "/g/api/v1/...") or "*".
  void set(const std::string& route, const FaultSpec& spec);
  void clear();
  // Replaces the table from {"<route>": {latencyMs, rate429, ...}, ...}. False on bad input.
  bool load(const rapidjson::Value& object, std::string& error);
  std::string toJson() const;
  FaultDecision decide(const std::string& route);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, FaultSpec> specs_;
  std::mt19937_64 random_{20260401};
};

// "/k/guest/5/v1/records.json" -> "/k/v1/records.json": faults and the request log do
// not distinguish guest spaces.
std::string normaliseRoute(const std::string& path);

}  // namespace teichaku::emulator
