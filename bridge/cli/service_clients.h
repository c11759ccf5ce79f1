#pragma once

#include <memory>

#include "config/config.h"
#include "kintone/kintone_client.h"

// Builds service clients from the configuration: reads the secrets they need (and
// only those), registers each secret with the log redactor before it is used.
namespace teichaku::cli {

enum class KintoneCredentials {
  kApiTokens,  // sync, write-back, rules: one token per configured app
  kAdmin,      // apps deploy: the app-management user, no tokens
};

std::unique_ptr<kintone::KintoneClient> makeKintoneClient(const config::Config& config,
                                                          KintoneCredentials credentials);

// The app id of [kintone.apps.<name>] as kintone expects it ("101"). Throws with a
// Japanese message naming the section when the name is not configured.
std::string appId(const config::Config& config, const std::string& name);

}  // namespace teichaku::cli
