#include "log/setup.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SplitterChannel.h>
#include <Poco/SyslogChannel.h>

#include "log/log.h"
#include "log/redacting_channel.h"

namespace teichaku::log {

void configureLogging(const config::LoggingConfig& logging, std::shared_ptr<Redactor> r) {
  setRedactor(r);
  Poco::AutoPtr<Poco::SplitterChannel> splitter(new Poco::SplitterChannel);
  Poco::AutoPtr<Poco::PatternFormatter> formatter(
      new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S%z %p %s: %t"));
  formatter->setProperty("times", "local");
  if (logging.console) {
    Poco::AutoPtr<Poco::Channel> console(new Poco::ConsoleChannel);
    splitter->addChannel(new Poco::FormattingChannel(formatter, console));
  }
  if (!logging.file.empty()) {
    Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(logging.file));
    file->setProperty("rotation", logging.rotation);
    file->setProperty("archive", "timestamp");
    file->setProperty("purgeCount", std::to_string(logging.archives));
    file->setProperty("flush", "true");
    splitter->addChannel(new Poco::FormattingChannel(formatter, file));
  }
  if (logging.syslog) {
    // journald collects syslog; the syslog daemon adds its own timestamp.
    Poco::AutoPtr<Poco::SyslogChannel> syslog(new Poco::SyslogChannel("teichaku-bridge"));
    Poco::AutoPtr<Poco::PatternFormatter> plain(new Poco::PatternFormatter("%s: %t"));
    splitter->addChannel(new Poco::FormattingChannel(plain, syslog));
  }
  Poco::AutoPtr<Poco::Channel> root(new RedactingChannel(r, splitter));
  Poco::Logger::root().setChannel(root);
  Poco::Logger::root().setLevel(logging.level);
  // Loggers created before this call keep their old channel; update them too.
  Poco::Logger::setChannel("", root);
  Poco::Logger::setLevel("", Poco::Logger::parseLevel(logging.level));
}

}  // namespace teichaku::log
