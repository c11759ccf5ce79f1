#include "common/secret_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace teichaku {

std::optional<std::string> checkSecretFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return "秘密情報のファイル " + path + " が見つかりません。パスを確認してください。";
  }
  if (!S_ISREG(st.st_mode)) {
    return "秘密情報のファイル " + path + " は通常のファイルではありません。";
  }
  if (st.st_uid != ::geteuid()) {
    return "秘密情報のファイル " + path + " の所有者が実行ユーザーと異なります。" +
           "`chown $(id -un) " + path + "` を実行してください。";
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return "秘密情報のファイル " + path + " はグループまたは他のユーザーが読み書きできます。" +
           "`chmod 600 " + path + "` を実行してください。";
  }
  return std::nullopt;
}

std::string readSecretFile(const std::string& path) {
  if (auto problem = checkSecretFile(path)) {
    throw std::runtime_error(*problem);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("秘密情報のファイル " + path + " を読めません。");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string value = buffer.str();
  if (!value.empty() && value.back() == '\n') {
    value.pop_back();
  }
  if (!value.empty() && value.back() == '\r') {
    value.pop_back();
  }
  return value;
}

}  // namespace teichaku
