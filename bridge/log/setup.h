#pragma once

#include <memory>

#include "config/config.h"
#include "log/redactor.h"

namespace teichaku::log {

// Installs the channels named in [logging] (console on stderr, rotating file,
// syslog/journald) behind one RedactingChannel at the root logger.
void configureLogging(const config::LoggingConfig& logging, std::shared_ptr<Redactor> redactor);

}  // namespace teichaku::log
