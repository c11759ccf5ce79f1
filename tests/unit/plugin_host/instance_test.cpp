#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "fakes.h"
#include "log/log.h"
#include "plugin_host/plugin_instance.h"

namespace teichaku::plugin_host {
namespace {

using testing::FakeMirror;
using testing::MemoryAudit;
using testing::MemorySink;

const std::string kTestDir = TEICHAKU_TEST_PLUGIN_DIR;

class CapturingChannel : public Poco::Channel {
 public:
  void log(const Poco::Message& m) override { lines.push_back(m.getText()); }
  std::vector<std::string> lines;
};

class PluginInstanceTest : public ::testing::Test {
 protected:
  std::shared_ptr<PluginLibrary> load(const std::string& variant) {
    LoadResult r = PluginLibrary::load(kTestDir, "test_" + variant + ".so");
    EXPECT_TRUE(r.library) << r.error;
    return r.library;
  }
  PluginInstance::Created create(const std::string& variant, const std::string& toml) {
    auto library = load(variant);
    if (!library) {
      return {nullptr, Outcome::fail("TEST", "not loaded")};
    }
    config_ = toml::parse(toml);
    return PluginInstance::create(library, "inst", config_, services());
  }
  HostServices services() {
    HostServices s;
    s.mirror = &mirror_;
    s.output = &sink_;
    s.audit = &audit_;
    return s;
  }

  toml::table config_;
  FakeMirror mirror_;
  MemorySink sink_;
  MemoryAudit audit_;
};

TEST_F(PluginInstanceTest, CreateThatThrowsBecomesAFailAtTheBoundary) {
  auto created = create("create_throws", "type = \"test_create_throws\"");
  EXPECT_FALSE(created.instance);
  EXPECT_TRUE(created.outcome.isFail());
  EXPECT_EQ(created.outcome.messageId(), "PLUGIN_OPERATION_FAILED");
  EXPECT_NE(created.outcome.message().find("例外が境界を越えました: create が投げた例外"),
            std::string::npos)
      << created.outcome.message();
}

TEST_F(PluginInstanceTest, CreateThatFailsCarriesThePluginsIdAndMessage) {
  auto created = create("create_fails", "type = \"test_create_fails\"");
  EXPECT_FALSE(created.instance);
  EXPECT_TRUE(created.outcome.isFail());
  EXPECT_NE(created.outcome.message().find("テスト用に作成を断りました。（TEST_CREATE_REFUSED）"),
            std::string::npos)
      << created.outcome.message();
}

TEST_F(PluginInstanceTest, WritesAFileThroughTheSinkAndAuditsIt) {
  auto created = create("good", "type = \"test_good\"\nfile_name = \"out.txt\"");
  ASSERT_TRUE(created.instance) << created.outcome.message();
  Outcome run = created.instance->runExport({});
  ASSERT_TRUE(run.isOk()) << run.message();
  ASSERT_EQ(sink_.files.count("inst/out.txt"), 1u);
  EXPECT_EQ(sink_.files["inst/out.txt"], "テスト\n");
  ASSERT_EQ(audit_.events.size(), 1u);
  EXPECT_EQ(audit_.events[0].action, "write_file");
  EXPECT_EQ(audit_.events[0].instance, "inst");
  EXPECT_EQ(audit_.events[0].pluginType, "test_good");
  EXPECT_EQ(audit_.events[0].target, "out.txt");
}

TEST_F(PluginInstanceTest, DefaultsApplyWhenKeysAreAbsent) {
  auto created = create("good", "type = \"test_good\"");
  ASSERT_TRUE(created.instance);
  ASSERT_TRUE(created.instance->runExport({}).isOk());
  EXPECT_EQ(sink_.files.count("inst/hello.txt"), 1u);  // the schema's default name
}

TEST_F(PluginInstanceTest, RefusesAServiceThePluginDidNotDeclare) {
  mirror_.add("cases", "1");
  auto created = create("good", "type = \"test_good\"\naction = \"read\"");
  ASSERT_TRUE(created.instance);
  Outcome run = created.instance->runExport({});
  EXPECT_TRUE(run.isFail());
  EXPECT_NE(run.message().find("PLUGIN_CAPABILITY_MISSING"), std::string::npos) << run.message();
  EXPECT_TRUE(mirror_.calls.empty());
  EXPECT_TRUE(audit_.events.empty());
}

TEST_F(PluginInstanceTest, RefusesAnOutputNameThatLeavesTheFolder) {
  auto created = create("good", "type = \"test_good\"\naction = \"escape\"");
  ASSERT_TRUE(created.instance);
  Outcome run = created.instance->runExport({});
  EXPECT_TRUE(run.isFail());
  EXPECT_NE(run.message().find("PLUGIN_UNSAFE_FILE_NAME"), std::string::npos) << run.message();
  EXPECT_TRUE(sink_.files.empty());
}

TEST_F(PluginInstanceTest, TheClockIsTheInjectedOne) {
  // 2024-04-01T00:00:00Z = 1704067200 (2024-01-01) + 91 days * 86400 s.
  testing::FixedClock clock(
      std::chrono::system_clock::time_point(std::chrono::seconds(1711929600)));
  HostServices s = services();
  s.clock = &clock;
  auto library = load("good");
  ASSERT_TRUE(library);
  config_ = toml::parse("type = \"test_good\"\naction = \"clock\"");
  auto created = PluginInstance::create(library, "inst", config_, s);
  ASSERT_TRUE(created.instance);
  ASSERT_TRUE(created.instance->runExport({}).isOk());
  EXPECT_EQ(sink_.files["inst/clock.txt"], "1711929600000");
}

TEST_F(PluginInstanceTest, AttachingWithoutTheCapabilityIsRefused) {
  auto created = create("good", "type = \"test_good\"\naction = \"attach\"");
  ASSERT_TRUE(created.instance);
  Outcome run = created.instance->runExport({});
  EXPECT_TRUE(run.isFail());
  EXPECT_NE(run.message().find("PLUGIN_CAPABILITY_MISSING"), std::string::npos) << run.message();
  EXPECT_TRUE(sink_.files.empty());
}

TEST_F(PluginInstanceTest, AnExceptionInRunIsCaughtByThePluginShim) {
  auto created = create("good", "type = \"test_good\"\naction = \"throw\"");
  ASSERT_TRUE(created.instance);
  Outcome run = created.instance->runExport({});
  EXPECT_TRUE(run.isFail());
  EXPECT_NE(run.message().find("run が投げた例外（PLUGIN_EXCEPTION）"), std::string::npos)
      << run.message();
}

TEST_F(PluginInstanceTest, OperationsOfAnotherKindAreRefused) {
  auto created = create("good", "type = \"test_good\"");
  ASSERT_TRUE(created.instance);
  Outcome r = created.instance->render("1");
  EXPECT_TRUE(r.isFail());
  EXPECT_EQ(r.messageId(), "PLUGIN_WRONG_KIND");
}

TEST_F(PluginInstanceTest, PluginLogsAreTaggedWithTheInstanceAndRedacted) {
  Poco::AutoPtr<CapturingChannel> channel(new CapturingChannel);
  Poco::Logger& logger = Poco::Logger::get("plugin.inst");
  logger.setChannel(channel);
  logger.setLevel(Poco::Message::PRIO_DEBUG);
  auto redactor = std::make_shared<log::Redactor>();
  redactor->addPersonalKey("氏名");
  auto previous = log::redactor();
  log::setRedactor(redactor);

  auto created = create("good", "type = \"test_good\"\naction = \"log\"\nlog_key = \"氏名\"");
  ASSERT_TRUE(created.instance);
  Outcome run = created.instance->runExport({});
  log::setRedactor(previous);
  logger.setChannel(nullptr);
  ASSERT_TRUE(run.isOk()) << run.message();
  ASSERT_EQ(channel->lines.size(), 1u);
  EXPECT_EQ(channel->lines[0], "TEST_LOGGED instance=inst plugin=test_good 氏名=[秘匿] limit=3");
}

TEST_F(PluginInstanceTest, TheInstanceKeepsItsLibraryLoadedUntilDestroyed) {
  std::weak_ptr<PluginLibrary> weak;
  {
    auto library = load("good");
    ASSERT_TRUE(library);
    weak = library;
    config_ = toml::parse("type = \"test_good\"");
    auto created = PluginInstance::create(library, "inst", config_, services());
    ASSERT_TRUE(created.instance);
    library.reset();
    EXPECT_FALSE(weak.expired());
    EXPECT_TRUE(created.instance->runExport({}).isOk());
  }
  EXPECT_TRUE(weak.expired());
}

}  // namespace
}  // namespace teichaku::plugin_host
