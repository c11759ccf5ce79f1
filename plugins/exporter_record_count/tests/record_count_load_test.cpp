// Runs the built exporter_record_count.so through the real loader against in-memory
// host services.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fakes.h"
#include "plugin_host/folder_output_sink.h"
#include "plugin_host/plugin_instance.h"

namespace teichaku::plugin_host {
namespace {

using testing::FakeMirror;
using testing::MemoryAudit;
using testing::MemorySink;

const char* kConfig =
    "type = \"exporter_record_count\"\n"
    "apps = [\"cases\", \"support\"]\n"
    "query = '状況 in (\"支援中\")'\n"
    "date_field = \"依頼日\"\n"
    "output_file = \"件数.csv\"\n";

// The query the plugin must send for a period starting 2024-04-01 (written by hand).
const char* kExpectedQuery = "(状況 in (\"支援中\")) and 依頼日 >= \"2024-04-01\"";

class StopAfterFirst final : public ProgressSink {
 public:
  bool report(const std::string&, std::uint64_t, std::uint64_t, const std::string&) override {
    return false;
  }
};

class RecordCountLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LoadResult r = PluginLibrary::load(TEICHAKU_PLUGIN_DIR, "exporter_record_count.so");
    ASSERT_TRUE(r.library) << r.error;
    library_ = r.library;
    for (const char* id : {"1", "2", "3"}) {
      mirror_.add("cases", id, {kExpectedQuery});
    }
    mirror_.add("cases", "4");  // does not match the query
    mirror_.add("support", "10", {kExpectedQuery});
    mirror_.add("support", "11", {kExpectedQuery});
    services_.mirror = &mirror_;
    services_.output = &sink_;
    services_.audit = &audit_;
  }

  PluginInstance::Created create(const std::string& text) {
    config_ = toml::parse(text);
    return PluginInstance::create(library_, "counts", config_, services_);
  }

  std::shared_ptr<PluginLibrary> library_;
  toml::table config_;
  FakeMirror mirror_;
  MemorySink sink_;
  MemoryAudit audit_;
  HostServices services_;
};

TEST_F(RecordCountLoadTest, CountsMatchingRecordsPerAppAndWritesTheCsv) {
  auto created = create(kConfig);
  ASSERT_TRUE(created.instance) << created.outcome.message();
  ExportRequest request;
  request.periodStart = "2024-04-01";
  Outcome run = created.instance->runExport(request);
  ASSERT_TRUE(run.isOk()) << run.message();

  ASSERT_EQ(mirror_.calls.size(), 2u);
  EXPECT_EQ(mirror_.calls[0], std::make_pair(std::string("cases"), std::string(kExpectedQuery)));
  EXPECT_EQ(mirror_.calls[1].first, "support");
  EXPECT_EQ(mirror_.lastFields, std::vector<std::string>{"$id"});

  const std::string quotedQuery = "\"(状況 in (\"\"支援中\"\")) and 依頼日 >= \"\"2024-04-01\"\"\"";
  EXPECT_EQ(sink_.files["counts/件数.csv"],
            "\xEF\xBB\xBF"
            "アプリ,条件,件数\r\n"
            "cases," +
                quotedQuery +
                ",3\r\n"
                "support," +
                quotedQuery + ",2\r\n");

  ASSERT_EQ(audit_.events.size(), 3u);
  EXPECT_EQ(audit_.events[0].action, "read");
  EXPECT_EQ(audit_.events[0].app, "cases");
  EXPECT_EQ(audit_.events[0].recordIds, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(audit_.events[0].fieldCodes, std::vector<std::string>{"$id"});
  EXPECT_EQ(audit_.events[1].recordIds, (std::vector<std::string>{"10", "11"}));
  EXPECT_EQ(audit_.events[2].action, "write_file");
  EXPECT_EQ(audit_.events[2].target, "件数.csv");
}

TEST_F(RecordCountLoadTest, AnUnsupportedFormatFailsBeforeReadingAnything) {
  auto created = create(kConfig);
  ASSERT_TRUE(created.instance);
  ExportRequest request;
  request.formats = {"xlsx"};
  Outcome run = created.instance->runExport(request);
  EXPECT_TRUE(run.isFail());
  EXPECT_NE(run.message().find("RECORD_COUNT_FORMAT"), std::string::npos) << run.message();
  EXPECT_TRUE(mirror_.calls.empty());
  EXPECT_TRUE(sink_.files.empty());
}

TEST_F(RecordCountLoadTest, AStopRequestEndsWithRetryAndNoFile) {
  StopAfterFirst stop;
  services_.progress = &stop;
  auto created = create(kConfig);
  ASSERT_TRUE(created.instance);
  Outcome run = created.instance->runExport({});
  EXPECT_TRUE(run.isRetry()) << run.message();
  EXPECT_EQ(mirror_.calls.size(), 1u);
  EXPECT_TRUE(sink_.files.empty());
}

TEST_F(RecordCountLoadTest, AnEmptyAppListIsRefusedAtCreate) {
  auto created = create("type = \"exporter_record_count\"\napps = []\n");
  EXPECT_FALSE(created.instance);
  EXPECT_NE(created.outcome.message().find("RECORD_COUNT_NO_APPS"), std::string::npos)
      << created.outcome.message();
}

TEST_F(RecordCountLoadTest, TheFolderSinkWritesAPrivateFilePerInstance) {
  namespace fs = std::filesystem;
  const fs::path base = fs::temp_directory_path() / ("teichaku-rc-" + std::to_string(::getpid()));
  fs::remove_all(base);
  FolderOutputSink folder(base.string());
  services_.output = &folder;
  auto created = create("type = \"exporter_record_count\"\napps = [\"support\"]\n");
  ASSERT_TRUE(created.instance);
  ASSERT_TRUE(created.instance->runExport({}).isOk());

  const fs::path file = base / "counts" / "record_count.csv";  // the default name
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(),
            "\xEF\xBB\xBF"
            "アプリ,条件,件数\r\nsupport,,2\r\n");
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  fs::remove_all(base);
}

}  // namespace
}  // namespace teichaku::plugin_host
