#include "plugin_host/plugin_call.h"

#include <exception>

namespace teichaku::plugin_host {
namespace {

std::string describe(const PluginInfo& plugin, const std::string& instance, const char* operation) {
  return "プラグイン " + plugin.name + "（インスタンス " + instance + "）の " + operation;
}

}  // namespace

Outcome callPlugin(const PluginInfo& plugin, const std::string& instance, const char* operation,
                   const std::function<tb_status(tb_result*)>& call) {
  tb_result result{};
  result.struct_size = sizeof(tb_result);
  tb_status status = TB_FAIL;
  try {
    status = call(&result);
  } catch (const std::exception& e) {
    return Outcome::fail("PLUGIN_OPERATION_FAILED", describe(plugin, instance, operation) +
                                                        " で例外が境界を越えました: " + e.what());
  } catch (...) {
    return Outcome::fail("PLUGIN_OPERATION_FAILED", describe(plugin, instance, operation) +
                                                        " で不明な例外が境界を越えました。");
  }
  // The plugin's buffers may lack a terminator if it wrote them by hand.
  result.message_id[sizeof(result.message_id) - 1] = '\0';
  result.message[sizeof(result.message) - 1] = '\0';
  const std::string detail =
      std::string(result.message) +
      (result.message_id[0] != '\0' ? std::string("（") + result.message_id + "）" : "");
  switch (status) {
    case TB_OK:
      return Outcome::ok();
    case TB_RETRY:
      return Outcome::retry("PLUGIN_OPERATION_RETRY", describe(plugin, instance, operation) +
                                                          " は後で再試行します: " + detail);
    case TB_FAIL:
      return Outcome::fail("PLUGIN_OPERATION_FAILED",
                           describe(plugin, instance, operation) + " が失敗しました: " + detail);
  }
  return Outcome::fail("PLUGIN_OPERATION_FAILED",
                       describe(plugin, instance, operation) + " が不明な状態 " +
                           std::to_string(static_cast<int>(status)) + " を返しました。");
}

}  // namespace teichaku::plugin_host
