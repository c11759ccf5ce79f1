#pragma once

#include <string>
#include <string_view>

namespace teichaku::plugin_host {

// The "$id" value of a kintone record JSON, or "?" when it has none (audit rows name records
// by id; a record without one is still counted as read).
std::string recordIdOf(std::string_view recordJson);

}  // namespace teichaku::plugin_host
