#include "crypto/sha256.hpp"

#include <gtest/gtest.h>

namespace vanban::crypto {
namespace {

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsWhole) {
  const std::string text = "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc";
  Sha256 hash;
  for (const char c : text) hash.update(std::string_view(&c, 1));
  const Sha256Digest digest = hash.finish();
  std::string hex;
  for (const auto byte : digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    hex += kHex[byte >> 4U];
    hex += kHex[byte & 0x0FU];
  }
  EXPECT_EQ(hex, sha256_hex(text));
  EXPECT_EQ(to_hex(digest), hex);
  EXPECT_EQ(sha256(text), digest);
}

TEST(Sha256, MovedHashGoesOn) {
  Sha256 first;
  first.update("ab");
  Sha256 second = std::move(first);
  second.update("c");
  EXPECT_EQ(to_hex(second.finish()), sha256_hex("abc"));
}

}  // namespace
}  // namespace vanban::crypto
