#include "emulator/garoon/schedule_store.h"

#include <stdexcept>

namespace teichaku::emulator::garoon {
namespace {

std::optional<std::int64_t> numericId(const std::string& id) {
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(id);
}

}  // namespace

const Event& ScheduleStore::add(Event event) {
  const std::int64_t id = nextId_++;
  event.id = std::to_string(id);
  event.createdSequence = event.updatedSequence = nextSequence_++;
  return events_[id] = std::move(event);
}

const Event& ScheduleStore::replace(Event event) {
  const auto id = numericId(event.id);
  if (!id || events_.count(*id) == 0) {
    throw std::logic_error("ScheduleStore::replace on an unknown event");
  }
  event.updatedSequence = nextSequence_++;
  return events_[*id] = std::move(event);
}

const Event* ScheduleStore::find(const std::string& id) const {
  const auto key = numericId(id);
  if (!key) {
    return nullptr;
  }
  auto it = events_.find(*key);
  return it == events_.end() ? nullptr : &it->second;
}

bool ScheduleStore::remove(const std::string& id) {
  const auto key = numericId(id);
  return key && events_.erase(*key) > 0;
}

std::vector<Event> ScheduleStore::all() const {
  std::vector<Event> result;
  for (const auto& [id, event] : events_) {
    result.push_back(event);
  }
  return result;
}

void ScheduleStore::clear() {
  events_.clear();
  nextId_ = 1;
  nextSequence_ = 1;
}

}  // namespace teichaku::emulator::garoon
