#include "crypto/key_file.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <stdexcept>

#include "crypto/atomic_file.h"
#include "crypto/key_ring.h"

namespace teichaku::crypto {
namespace {

KeyBytes freshKey() {
  KeyBytes key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    throw std::runtime_error("鍵の生成に失敗しました（乱数生成器のエラー）。");
  }
  return key;
}

void writeRing(const std::string& path, const KeyRing& ring, bool exclusive) {
  std::string text = ring.serialize();
  try {
    if (exclusive) {
      createFileExclusively(path, text, S_IRUSR | S_IWUSR);
    } else {
      writeFileAtomically(path, text, S_IRUSR | S_IWUSR);
    }
  } catch (...) {
    OPENSSL_cleanse(text.data(), text.size());
    throw;
  }
  OPENSSL_cleanse(text.data(), text.size());
}

}  // namespace

void initKeyFile(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    throw std::runtime_error(
        "鍵ファイル " + path +
        " は既に存在します。上書きすると暗号化済みのデータが読めなくなるため、"
        "中止しました。鍵を追加するには `teichaku-bridge key rotate` を使ってください。");
  }
  KeyRing ring;
  KeyBytes key = freshKey();
  ring.add(1, key);
  OPENSSL_cleanse(key.data(), key.size());
  ring.setActive(1);
  writeRing(path, ring, true);
}

std::uint32_t rotateKeyFile(const std::string& path) {
  KeyRing ring = KeyRing::load(path);
  const std::uint32_t next = ring.maxId() + 1;
  if (next == 0)
    throw std::runtime_error("鍵 ID が上限に達しました。");
  KeyBytes key = freshKey();
  ring.add(next, key);
  OPENSSL_cleanse(key.data(), key.size());
  ring.setActive(next);
  writeRing(path, ring, false);
  return next;
}

}  // namespace teichaku::crypto
