#pragma once

#include <string>
#include <vector>

#include "plan_model.h"
#include "teichaku/plugin.hpp"

// The provisioner: `plan` reads the roster, diffs it with the directory snapshot and
// writes the plan; `apply` re-checks the plan against the directory and sends the changes.
// It never holds the administrator credential nor a password: the host's directory
// service (tb_directory) does the writes and generates the initial passwords.
namespace teichaku::accounts_plugin {

struct Settings {
  std::string leavers = "delete";
  std::string centresFile;
  std::string organizationPrefix = "teichaku-";
  bool kintone = true;
  bool garoon = true;

  // Throws plugin::Failure (ACCOUNTS_BAD_SETTING) for a value the schema cannot check.
  static Settings fromHost(const plugin::Host& host);
};

// Lines of the Japanese summary grouped by centre (作成 n / 更新 n / …), then the totals.
std::vector<std::string> summaryLines(const Plan& plan);

class Provisioner {
 public:
  Provisioner(const plugin::Host& host, Settings settings)
      : host_(host), settings_(std::move(settings)) {}

  void plan(const tb_provision_request& request);
  void apply(const tb_provision_request& request);

 private:
  plugin::Host host_;
  Settings settings_;
};

}  // namespace teichaku::accounts_plugin
