#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "kintone/state.h"

// Keeps the kintone State across restarts in DIR/kintone.sqlite (--state DIR). The whole
// state is rewritten in one transaction per save; KintoneService saves at most once a
// second after writes and on shutdown, so a crash can lose the last second.
namespace teichaku::emulator::kintone {

class StateStore {
 public:
  // Opens or creates the database; throws std::runtime_error.
  explicit StateStore(const std::string& directory);

  // Replaces `state` with the stored one; false when nothing was stored yet.
  bool load(State& state);
  void save(const State& state);

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
  };
  void exec(const char* sql);

  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace teichaku::emulator::kintone
