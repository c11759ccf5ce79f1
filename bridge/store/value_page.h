#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/key_ring.h"
#include "store/mirror_store.h"

// A page of records as forEachRecordValues reads them, in flat arrays: one allocation per
// array per page instead of a map of values per record (which cost a statistics scan over
// 100,000 records more than reading the index). Internal to the store component.
namespace teichaku::store {

struct ValuePage {
  std::string app;
  std::size_t width = 0;  // the number of names asked for
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> revisions;
  std::vector<std::string> sealedFilters;  // "" = no filter body
  std::vector<ClearValue> values;          // values[row * width + i]: names[i] of that row
  std::vector<std::uint8_t> present;       // 1 where values[...] was read
  const crypto::KeyRing* keys = nullptr;

  std::size_t size() const { return ids.size(); }

  // Record `row`, pointing into this page.
  RecordValues at(std::size_t row) const {
    RecordValues r;
    r.id = ids[row];
    r.revision = revisions[row];
    r.app_ = &app;
    r.values_ = values.data() + row * width;
    r.present_ = present.data() + row * width;
    r.sealedFilter_ = &sealedFilters[row];
    r.keys_ = keys;
    return r;
  }
};

}  // namespace teichaku::store
