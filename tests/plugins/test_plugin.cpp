// One small exporter, compiled once per TB_TEST_VARIANT into the test-plugins folder:
// a well-behaved one and deliberately broken ones for the loader tests.
#include <stdexcept>
#include <string>

#include "teichaku/plugin.hpp"

#define TB_VARIANT_GOOD 1
#define TB_VARIANT_WRONG_MAJOR 2
#define TB_VARIANT_NEWER_MINOR 3
#define TB_VARIANT_MISSING_SYMBOL 4
#define TB_VARIANT_UNRESOLVED_SYMBOL 5
#define TB_VARIANT_CREATE_THROWS 6
#define TB_VARIANT_CREATE_FAILS 7
#define TB_VARIANT_INCOMPLETE_OPS 8

#if TB_TEST_VARIANT == TB_VARIANT_UNRESOLVED_SYMBOL
// Defined nowhere: dlopen with RTLD_NOW must fail.
extern "C" int teichaku_test_symbol_that_does_not_exist(void);
#endif

struct tb_instance {
  teichaku::plugin::Host host;
  std::string action;
};

namespace {

using teichaku::plugin::Failure;
using teichaku::plugin::guard;

const tb_config_key kKeys[] = {
    {sizeof(tb_config_key), "action", TB_VALUE_STRING, 0, "\"write\"", 0, 0, 0, 0,
     "run で何をするか: write / read / escape / log / clock / attach / throw。"},
    {sizeof(tb_config_key), "file_name", TB_VALUE_STRING, 0, "\"hello.txt\"", 0, 0, 0, 0,
     "write で書くファイル名。"},
    {sizeof(tb_config_key), "log_key", TB_VALUE_STRING, 0, "\"note\"", 0, 0, 0, 0,
     "log で書くフィールドのキー。"},
    {sizeof(tb_config_key), "limit", TB_VALUE_INTEGER, 0, "3", 1, 1, 1, 10, "1 以上 10 以下。"},
};

tb_status create(const tb_host* host, tb_instance** instance, tb_result* result) {
#if TB_TEST_VARIANT == TB_VARIANT_CREATE_THROWS
  // No guard on purpose: the host-side shim must stop this exception.
  (void)host;
  (void)instance;
  (void)result;
  throw std::runtime_error("create が投げた例外");
#else
  return guard(result, [&] {
#if TB_TEST_VARIANT == TB_VARIANT_CREATE_FAILS
    throw Failure::fail("TEST_CREATE_REFUSED", "テスト用に作成を断りました。");
#elif TB_TEST_VARIANT == TB_VARIANT_UNRESOLVED_SYMBOL
    teichaku_test_symbol_that_does_not_exist();
#endif
    teichaku::plugin::Host h(host);
    *instance = new tb_instance{h, h.configString("action").value_or("")};
  });
#endif
}

void destroy(tb_instance* instance) {
  delete instance;
}

tb_status run(tb_instance* instance, const tb_export_request*, tb_result* result) {
  return guard(result, [&] {
    const teichaku::plugin::Host& host = instance->host;
    if (instance->action == "write") {
      host.writeFile(host.configString("file_name").value_or(""), "テスト\n");
    } else if (instance->action == "read") {
      host.mirrorQuery("cases", "", {}, [](std::string_view) { return true; });
    } else if (instance->action == "escape") {
      host.writeFile("../escape.txt", "x");
    } else if (instance->action == "log") {
      host.log(TB_LOG_WARNING, "TEST_LOGGED",
               {{host.configString("log_key").value_or(""), "山田 太郎"},
                {"limit", std::to_string(host.configInteger("limit").value_or(0))}});
    } else if (instance->action == "clock") {
      host.writeFile("clock.txt", std::to_string(host.nowUnixMs()));
    } else if (instance->action == "attach") {
      host.attachFile("cases", "1", "添付", "a.txt", "x");
    } else if (instance->action == "throw") {
      throw std::logic_error("run が投げた例外");
    }
  });
}

// incomplete_ops declares a table without its run function.
const tb_exporter_ops kOperations = {sizeof(tb_exporter_ops),
                                     TB_TEST_VARIANT == TB_VARIANT_INCOMPLETE_OPS ? nullptr : run};

const tb_plugin_descriptor kDescriptor = {
    sizeof(tb_plugin_descriptor),
    TB_ABI_VERSION,
    TB_TEST_NAME,
    TB_KIND_EXPORTER,
    "0.0.1",
    "テスト用のプラグイン。",
    TB_CAP_WRITE_FILES,  // not READ_MIRROR: action "read" must be refused
    kKeys,
    sizeof(kKeys) / sizeof(kKeys[0]),
    create,
    destroy,
    &kOperations,
};

}  // namespace

extern "C" {

TB_EXPORT uint32_t teichaku_plugin_abi_version(void) {
#if TB_TEST_VARIANT == TB_VARIANT_WRONG_MAJOR
  return (TB_ABI_VERSION_MAJOR + 1) * 65536u;
#elif TB_TEST_VARIANT == TB_VARIANT_NEWER_MINOR
  return TB_ABI_VERSION + 1;
#else
  return TB_ABI_VERSION;
#endif
}

#if TB_TEST_VARIANT != TB_VARIANT_MISSING_SYMBOL
TB_EXPORT const tb_plugin_descriptor* teichaku_plugin_descriptor(void) {
  return &kDescriptor;
}
#endif
}
