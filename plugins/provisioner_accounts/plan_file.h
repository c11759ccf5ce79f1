#pragma once

#include <string>

#include "plan_model.h"

// The plan file: JSON (UTF-8), written with mode 0600 because it holds names and e-mail
// addresses. Format "teichaku-accounts-plan/1", documented in docs/accounts.md.
namespace teichaku::accounts_plugin {

std::string planToJson(const Plan& plan);
// Throws plugin::Failure (ACCOUNTS_PLAN_UNREADABLE) for a file that is not a plan.
Plan planFromJson(const std::string& json);

void writePlanFile(const std::string& path, const Plan& plan);
Plan readPlanFile(const std::string& path);

}  // namespace teichaku::accounts_plugin
