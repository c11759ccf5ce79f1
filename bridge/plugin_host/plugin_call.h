#pragma once

#include <functional>
#include <string>

#include "common/outcome.h"
#include "plugin_host/plugin_info.h"
#include "teichaku/plugin_abi.h"

// The host-side shim: every call into a plugin goes through here, so an exception a
// plugin lets escape (a bug, but possible) becomes a Fail instead of crossing on.
namespace teichaku::plugin_host {

Outcome callPlugin(const PluginInfo& plugin, const std::string& instance, const char* operation,
                   const std::function<tb_status(tb_result*)>& call);

}  // namespace teichaku::plugin_host
