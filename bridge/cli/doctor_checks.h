#pragma once

#include <set>
#include <string>

#include "cli/doctor_checklist.h"
#include "config/config.h"
#include "mapping/mapping.h"

// The checks of `teichaku-bridge doctor`. None of them changes any data: kintone and the
// User API are only read (GET), Garoon is only read unless the operator asked for one
// test notice. Lines name apps, files and setting keys, never secrets or record values.
namespace teichaku::cli {

// Data folder, key file, mirror file and every secret the configuration names. Returns
// the kintone app names whose API token can be read (the others are reported here).
std::set<std::string> checkLocalFiles(const config::Config& config, Checklist& list);

// Per app: token accepted (form fields), record view permission (one record id), the
// form against the mapping; then which permissions cannot be checked without writing.
// `mapping` is null when the mapping file did not load (already reported).
void checkKintoneApps(const config::Config& config, const mapping::Mapping* mapping,
                      const std::set<std::string>& usableApps, Checklist& list);

// Login, the external notification code and, when `notifyOperator` is not empty, one
// test notice to that login — the only write doctor makes.
void checkGaroon(const config::Config& config, const std::string& notifyOperator, Checklist& list);

// The User API with the common administrator's credential: one GET of that user.
void checkCybozu(const config::Config& config, Checklist& list);

// TLS verification is always on; names the CA bundle in use.
void checkTls(const config::Config& config, Checklist& list);

}  // namespace teichaku::cli
