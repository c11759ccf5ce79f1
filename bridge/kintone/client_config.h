#pragma once

#include <string>

#include "kintone/auth.h"
#include "kintone/backoff.h"
#include "kintone/request_budget.h"
#include "kintone/transport.h"
#include "kintone/url.h"

namespace teichaku::kintone {

struct ClientConfig {
  Endpoint endpoint;
  AuthConfig auth;
  TransportConfig transport;
  RetryPolicy retry;
  BudgetConfig budget;
  // Our share of the 10 live cursors a domain may hold; other integrations need the rest
  // (kintone-api.md §2; reliability.md §4.2).
  int cursorSlots = 2;
  std::string userAgent = "teichaku-bridge";
};

}  // namespace teichaku::kintone
