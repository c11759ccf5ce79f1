#include "crypto/aead.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstring>
#include <set>

namespace teichaku::crypto {
namespace {

KeyBytes filledKey(unsigned char value) {
  KeyBytes key{};
  key.fill(value);
  return key;
}

KeyRing ringWith(std::uint32_t id, unsigned char fill) {
  KeyRing ring;
  ring.add(id, filledKey(fill));
  ring.setActive(id);
  return ring;
}

TEST(Aead, RoundTripsWithSameAad) {
  KeyRing ring = ringWith(7, 0x11);
  const std::string plain = "{\"氏名\":\"テスト太郎\"}";
  std::string sealed = seal(ring, plain, "app:42");
  EXPECT_EQ(sealed.size(), plain.size() + kSealOverhead);
  EXPECT_EQ(sealed.find("テスト太郎"), std::string::npos);
  EXPECT_EQ(open(ring, sealed, "app:42"), plain);
  EXPECT_EQ(sealedKeyId(sealed), 7u);
}

TEST(Aead, EmptyPlaintextRoundTrips) {
  KeyRing ring = ringWith(1, 0x22);
  EXPECT_EQ(open(ring, seal(ring, "", "a:1"), "a:1"), "");
}

// Builds a sealed value independently with raw OpenSSL calls, following the layout
// documented in aead.h, from AES-256-GCM test case 14 of McGrew & Viega, "The
// Galois/Counter Mode of Operation" (zero key, zero 96-bit nonce, one zero block ->
// ciphertext cea7403d4d606b6e074ec5d3baf39d18). open() must accept it.
TEST(Aead, OpensIndependentlyBuiltValueInDocumentedLayout) {
  const unsigned char expectedCipher[16] = {0xce, 0xa7, 0x40, 0x3d, 0x4d, 0x60, 0x6b, 0x6e,
                                            0x07, 0x4e, 0xc5, 0xd3, 0xba, 0xf3, 0x9d, 0x18};
  const unsigned char head[5] = {0x01, 0x00, 0x00, 0x00, 0x09};  // version 1, key id 9
  const unsigned char zeros[16] = {};
  KeyBytes key{};
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  ASSERT_NE(ctx, nullptr);
  unsigned char cipher[16];
  unsigned char tag[16];
  int len = 0;
  ASSERT_EQ(EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(), zeros), 1);
  ASSERT_EQ(EVP_EncryptUpdate(ctx, nullptr, &len, head, 5), 1);
  ASSERT_EQ(EVP_EncryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>("r:1"), 3),
            1);
  ASSERT_EQ(EVP_EncryptUpdate(ctx, cipher, &len, zeros, 16), 1);
  ASSERT_EQ(EVP_EncryptFinal_ex(ctx, cipher + len, &len), 1);
  ASSERT_EQ(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag), 1);
  EVP_CIPHER_CTX_free(ctx);
  ASSERT_EQ(std::memcmp(cipher, expectedCipher, 16), 0);

  std::string sealed(reinterpret_cast<const char*>(head), 5);
  sealed.append(12, '\0');
  sealed.append(reinterpret_cast<const char*>(cipher), 16);
  sealed.append(reinterpret_cast<const char*>(tag), 16);
  KeyRing ring = ringWith(9, 0x00);
  EXPECT_EQ(open(ring, sealed, "r:1"), std::string(16, '\0'));
  EXPECT_EQ(sealedKeyId(sealed), 9u);
}

TEST(Aead, WrongAadFailsClosed) {
  KeyRing ring = ringWith(1, 0x33);
  std::string sealed = seal(ring, "secret body", "case:1");
  EXPECT_THROW(open(ring, sealed, "case:2"), OpenError);
  EXPECT_THROW(open(ring, sealed, ""), OpenError);
}

TEST(Aead, EveryFlippedByteFailsClosed) {
  KeyRing ring = ringWith(1, 0x44);
  std::string sealed = seal(ring, "secret body", "case:1");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string tampered = sealed;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_THROW(open(ring, tampered, "case:1"), OpenError) << "byte " << i;
  }
}

TEST(Aead, TruncatedFailsClosed) {
  KeyRing ring = ringWith(1, 0x55);
  std::string sealed = seal(ring, "secret body", "case:1");
  EXPECT_THROW(open(ring, sealed.substr(0, sealed.size() - 1), "case:1"), OpenError);
  EXPECT_THROW(open(ring, sealed.substr(0, kSealOverhead - 1), "case:1"), OpenError);
  EXPECT_THROW(open(ring, "", "case:1"), OpenError);
}

TEST(Aead, UnknownKeyIdFailsClosed) {
  KeyRing writer = ringWith(2, 0x66);
  KeyRing reader = ringWith(1, 0x66);
  std::string sealed = seal(writer, "x", "a:1");
  EXPECT_THROW(open(reader, sealed, "a:1"), OpenError);
}

TEST(Aead, WrongKeyMaterialFailsClosed) {
  KeyRing writer = ringWith(1, 0x66);
  KeyRing reader = ringWith(1, 0x67);
  EXPECT_THROW(open(reader, seal(writer, "x", "a:1"), "a:1"), OpenError);
}

TEST(Aead, NoncesNeverRepeat) {
  KeyRing ring = ringWith(1, 0x77);
  std::set<std::string> nonces;
  const int kSeals = 10000;
  for (int i = 0; i < kSeals; ++i) {
    std::string sealed = seal(ring, "same plaintext", "a:1");
    nonces.insert(sealed.substr(kHeaderBytes, kNonceBytes));
  }
  EXPECT_EQ(nonces.size(), static_cast<std::size_t>(kSeals));
}

TEST(Aead, RotationKeepsOldDataReadable) {
  KeyRing ring = ringWith(1, 0x01);
  std::string old = seal(ring, "before rotation", "a:1");
  ring.add(2, filledKey(0x02));
  ring.setActive(2);
  std::string fresh = seal(ring, "after rotation", "a:1");
  EXPECT_EQ(sealedKeyId(old), 1u);
  EXPECT_EQ(sealedKeyId(fresh), 2u);
  EXPECT_EQ(open(ring, old, "a:1"), "before rotation");
  EXPECT_EQ(open(ring, fresh, "a:1"), "after rotation");
}

}  // namespace
}  // namespace teichaku::crypto
