#include "core/faults.h"

#include "core/json.h"

namespace teichaku::emulator {
namespace {

struct Field {
  const char* name;
  double FaultSpec::*rate;
  int FaultSpec::*integer;
};

constexpr Field kFields[] = {
    {"latencyMs", nullptr, &FaultSpec::latencyMs},
    {"jitterMs", nullptr, &FaultSpec::jitterMs},
    {"rate429", &FaultSpec::rate429, nullptr},
    {"rate500", &FaultSpec::rate500, nullptr},
    {"rate503", &FaultSpec::rate503, nullptr},
    {"rate520", &FaultSpec::rate520, nullptr},
    {"resetRate", &FaultSpec::resetRate, nullptr},
    {"truncateRate", &FaultSpec::truncateRate, nullptr},
    {"trickleBytes", nullptr, &FaultSpec::trickleBytes},
    {"trickleDelayMs", nullptr, &FaultSpec::trickleDelayMs},
    {"remaining", nullptr, &FaultSpec::remaining},
};

}  // namespace

std::string normaliseRoute(const std::string& path) {
  const std::string guest = "/k/guest/";
  if (path.rfind(guest, 0) == 0) {
    auto slash = path.find('/', guest.size());
    if (slash != std::string::npos) {
      return "/k" + path.substr(slash);
    }
  }
  return path;
}

void FaultTable::set(const std::string& route, const FaultSpec& spec) {
  std::lock_guard lock(mutex_);
  specs_[route] = spec;
}

void FaultTable::clear() {
  std::lock_guard lock(mutex_);
  specs_.clear();
}

bool FaultTable::load(const rapidjson::Value& object, std::string& error) {
  if (!object.IsObject()) {
    error = "faults must be an object keyed by route";
    return false;
  }
  std::map<std::string, FaultSpec> parsed;
  for (const auto& route : object.GetObject()) {
    if (!route.value.IsObject()) {
      error = "fault spec must be an object";
      return false;
    }
    FaultSpec spec;
    for (const auto& attribute : route.value.GetObject()) {
      const Field* match = nullptr;
      for (const auto& field : kFields) {
        if (attribute.name.GetString() == std::string_view(field.name)) {
          match = &field;
        }
      }
      if (match == nullptr || !attribute.value.IsNumber()) {
        error =
            std::string("unknown or non-numeric fault attribute: ") + attribute.name.GetString();
        return false;
      }
      if (match->rate != nullptr) {
        spec.*(match->rate) = attribute.value.GetDouble();
      } else {
        spec.*(match->integer) = attribute.value.GetInt();
      }
    }
    parsed[route.name.GetString()] = spec;
  }
  std::lock_guard lock(mutex_);
  specs_ = std::move(parsed);
  return true;
}

std::string FaultTable::toJson() const {
  std::lock_guard lock(mutex_);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  for (const auto& [route, spec] : specs_) {
    json::key(w, route);
    w.StartObject();
    for (const auto& field : kFields) {
      json::key(w, field.name);
      if (field.rate != nullptr) {
        w.Double(spec.*(field.rate));
      } else {
        w.Int(spec.*(field.integer));
      }
    }
    w.EndObject();
  }
  w.EndObject();
  return buffer.GetString();
}

FaultDecision FaultTable::decide(const std::string& route) {
  std::lock_guard lock(mutex_);
  auto it = specs_.find(route);
  if (it == specs_.end()) {
    it = specs_.find("*");
  }
  FaultDecision decision;
  if (it == specs_.end() || it->second.remaining == 0) {
    return decision;
  }
  FaultSpec& spec = it->second;
  if (spec.remaining > 0) {
    --spec.remaining;
  }
  decision.delayMs = spec.latencyMs;
  if (spec.jitterMs > 0) {
    decision.delayMs += static_cast<int>(random_() % static_cast<unsigned>(spec.jitterMs + 1));
  }
  decision.trickleBytes = spec.trickleBytes;
  decision.trickleDelayMs = spec.trickleDelayMs;
  // One draw decides among the rates so their sum is the chance of any fault.
  double draw = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
  const std::pair<double, FaultAction> rates[] = {
      {spec.rate429, FaultAction::k429},     {spec.rate500, FaultAction::k500},
      {spec.rate503, FaultAction::k503},     {spec.rate520, FaultAction::k520},
      {spec.resetRate, FaultAction::kReset}, {spec.truncateRate, FaultAction::kTruncate},
  };
  for (const auto& [rate, action] : rates) {
    if (draw < rate) {
      decision.action = action;
      break;
    }
    draw -= rate;
  }
  return decision;
}

}  // namespace teichaku::emulator
