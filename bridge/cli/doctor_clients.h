#pragma once

#include <memory>
#include <set>
#include <string>

#include "config/config.h"
#include "cybozu/cybozu_user_client.h"
#include "garoon/garoon_client.h"
#include "kintone/kintone_client.h"

// Service clients for `doctor`. Unlike the daemon's (service_clients.h) they give up
// after a few seconds: a person is waiting at the terminal, and an unreachable service
// is a finding to report, not something to wait out for ten minutes. Secrets are
// registered with the log redactor before use. Each builder throws std::runtime_error
// (Japanese, no secret) when a secret cannot be read.
namespace teichaku::cli {

// Only the apps named in `apps` get their API token (the others' tokens were unreadable
// and are reported as such).
std::unique_ptr<kintone::KintoneClient> makeDoctorKintoneClient(const config::Config& config,
                                                                const std::set<std::string>& apps);
std::unique_ptr<garoon::GaroonClient> makeDoctorGaroonClient(const config::Config& config);
std::unique_ptr<cybozu::CybozuUserClient> makeDoctorCybozuClient(const config::Config& config);

}  // namespace teichaku::cli
