#include "log/messages.h"

namespace teichaku::log {

const std::vector<MessageInfo>& messageCatalogue() {
  static const std::vector<MessageInfo> catalogue = {
      {"BRIDGE_STARTED", "information", "ブリッジが起動しました。"},
      {"BRIDGE_STOPPED", "information", "ブリッジが停止しました。"},
      {"COMMAND_FAILED", "error", "コマンドが失敗しました。"},
      {"CONFIG_INVALID", "error", "設定ファイルに誤りがあります。"},
      {"CONFIG_VALID", "information", "設定ファイルを検査し、問題はありませんでした。"},
      {"CONFIG_RELOADED", "notice", "設定ファイルを読み直しました。"},
      {"CONFIG_RELOAD_REFUSED", "error",
       "新しい設定ファイルに誤りがあるため、前の設定のまま動作します。"},
      {"SECRET_FILE_UNSAFE", "error", "秘密情報のファイルの権限または所有者が安全ではありません。"},
  };
  return catalogue;
}

const MessageInfo* findMessage(std::string_view id) {
  for (const auto& m : messageCatalogue()) {
    if (m.id == id) {
      return &m;
    }
  }
  return nullptr;
}

}  // namespace teichaku::log
