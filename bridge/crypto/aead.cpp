#include "crypto/aead.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdint>
#include <memory>

namespace teichaku::crypto {
namespace {

constexpr unsigned char kVersion = 0x01;

struct CipherContextDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

// EVP_aes_256_gcm() makes OpenSSL 3 look the algorithm up again on every init (an implicit
// fetch); an explicitly fetched cipher is looked up once (openssl-migration_guide(7),
// "Fetching algorithms"). Statistics open tens of thousands of small filter bodies per run.
const EVP_CIPHER* aes256Gcm() {
  static const EVP_CIPHER* const fetched = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
  return fetched != nullptr ? fetched : EVP_aes_256_gcm();
}

CipherContext newContext() {
  CipherContext ctx(EVP_CIPHER_CTX_new());
  if (!ctx)
    throw std::runtime_error("暗号コンテキストを作成できません。");
  return ctx;
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

int length(std::string_view s) {
  if (s.size() > static_cast<std::size_t>(INT32_MAX) - 64) {
    throw std::length_error("暗号化するデータが大きすぎます。");
  }
  return static_cast<int>(s.size());
}

std::string header(std::uint32_t keyId) {
  std::string h(kHeaderBytes, '\0');
  h[0] = static_cast<char>(kVersion);
  for (int i = 0; i < 4; ++i) {
    h[static_cast<std::size_t>(1 + i)] = static_cast<char>((keyId >> (24 - 8 * i)) & 0xff);
  }
  return h;
}

// The header is authenticated along with the caller's aad: changing the key id or
// version byte then fails the tag check like any other tampering.
bool addAad(EVP_CIPHER_CTX* ctx, std::string_view head, std::string_view aad, bool encrypt) {
  int outLen = 0;
  auto update = encrypt ? EVP_EncryptUpdate : EVP_DecryptUpdate;
  if (update(ctx, nullptr, &outLen, bytes(head), length(head)) != 1)
    return false;
  return aad.empty() || update(ctx, nullptr, &outLen, bytes(aad), length(aad)) == 1;
}

}  // namespace

std::uint32_t sealedKeyId(std::string_view sealed) {
  if (sealed.size() < kSealOverhead || static_cast<unsigned char>(sealed[0]) != kVersion) {
    throw OpenError("暗号化データの形式が正しくありません。");
  }
  std::uint32_t id = 0;
  for (std::size_t i = 1; i < kHeaderBytes; ++i) {
    id = (id << 8) | static_cast<unsigned char>(sealed[i]);
  }
  return id;
}

std::string seal(const KeyRing& ring, std::string_view plaintext, std::string_view aad) {
  const std::uint32_t keyId = ring.activeId();
  const KeyBytes& key = ring.key(keyId);
  const std::string head = header(keyId);
  std::string out(kSealOverhead + plaintext.size(), '\0');
  auto* outBytes = reinterpret_cast<unsigned char*>(out.data());
  std::copy(head.begin(), head.end(), out.begin());
  unsigned char* nonce = outBytes + kHeaderBytes;
  // A fresh random 96-bit nonce per seal (reliability.md §5.3: a nonce must never
  // repeat under one key; rotate long before 2^32 seals per key).
  if (RAND_bytes(nonce, static_cast<int>(kNonceBytes)) != 1) {
    throw std::runtime_error("乱数の生成に失敗しました。");
  }
  CipherContext ctx = newContext();
  int outLen = 0;
  unsigned char* cipher = nonce + kNonceBytes;
  if (EVP_EncryptInit_ex(ctx.get(), aes256Gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce) != 1 ||
      !addAad(ctx.get(), head, aad, true) ||
      EVP_EncryptUpdate(ctx.get(), cipher, &outLen, bytes(plaintext), length(plaintext)) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), cipher + outLen, &outLen) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                          cipher + plaintext.size()) != 1) {
    throw std::runtime_error("暗号化に失敗しました。");
  }
  return out;
}

std::string open(const KeyRing& ring, std::string_view sealed, std::string_view aad) {
  const std::uint32_t keyId = sealedKeyId(sealed);
  if (!ring.has(keyId)) {
    throw OpenError("暗号化データの鍵 ID " + std::to_string(keyId) + " が鍵ファイルにありません。");
  }
  const KeyBytes& key = ring.key(keyId);
  std::string_view head = sealed.substr(0, kHeaderBytes);
  std::string_view nonce = sealed.substr(kHeaderBytes, kNonceBytes);
  std::string_view cipher =
      sealed.substr(kHeaderBytes + kNonceBytes, sealed.size() - kSealOverhead);
  std::string tag(sealed.substr(sealed.size() - kTagBytes));
  std::string plain(cipher.size(), '\0');
  auto* plainBytes = reinterpret_cast<unsigned char*>(plain.data());
  CipherContext ctx = newContext();
  int outLen = 0;
  bool ok = EVP_DecryptInit_ex(ctx.get(), aes256Gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), bytes(nonce)) == 1 &&
            addAad(ctx.get(), head, aad, false) &&
            EVP_DecryptUpdate(ctx.get(), plainBytes, &outLen, bytes(cipher), length(cipher)) == 1 &&
            // The expected tag is set before DecryptFinal, which fails on mismatch.
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes),
                                tag.data()) == 1;
  int finalLen = 0;
  if (!ok || EVP_DecryptFinal_ex(ctx.get(), plainBytes + outLen, &finalLen) != 1) {
    OPENSSL_cleanse(plain.data(), plain.size());
    throw OpenError(
        "暗号化データの検証に失敗しました（改ざん・別の行への移動・鍵の不一致のいずれか）。");
  }
  return plain;
}

}  // namespace teichaku::crypto
