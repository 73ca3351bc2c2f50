#include "adapters/crypto/sodium_crypto.hpp"

#include <gtest/gtest.h>

namespace motcua::adapters {
namespace {

TEST(SodiumCryptoTest, Argon2idHashesVerifyAndDiffer) {
  auto crypto = make_sodium_crypto({.ops_limit = 1, .mem_limit = 8 * 1024 * 1024});
  ASSERT_TRUE(crypto.ok());
  auto h1 = (*crypto)->hash_password("mật-khẩu-dài-đủ");
  auto h2 = (*crypto)->hash_password("mật-khẩu-dài-đủ");
  ASSERT_TRUE(h1.ok() && h2.ok());
  EXPECT_EQ(h1->rfind("$argon2id$", 0), 0u) << *h1;
  EXPECT_NE(*h1, *h2);  // salted
  EXPECT_TRUE((*crypto)->verify_password(*h1, "mật-khẩu-dài-đủ"));
  EXPECT_FALSE((*crypto)->verify_password(*h1, "mat-khau-dai-du"));
  EXPECT_FALSE((*crypto)->verify_password("garbage", "x"));
}

TEST(SodiumCryptoTest, TokensAndDigests) {
  auto crypto = make_sodium_crypto();
  ASSERT_TRUE(crypto.ok());
  const auto t = (*crypto)->random_token(32);
  EXPECT_EQ(t.size(), 43u);
  EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_NE(t, (*crypto)->random_token(32));
  EXPECT_EQ((*crypto)->sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace motcua::adapters
