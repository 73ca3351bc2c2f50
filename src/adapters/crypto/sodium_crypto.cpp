#include "adapters/crypto/sodium_crypto.hpp"

#include <sodium.h>

#include <string>

namespace motcua::adapters {

namespace {

class SodiumCrypto final : public app::Crypto {
 public:
  explicit SodiumCrypto(SodiumOptions options) : options_(options) {}

  core::Result<std::string> hash_password(std::string_view password) override {
    std::string out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), options_.ops_limit,
                              options_.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return core::Error::unavailable("argon2id hashing ran out of memory");
    }
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
  }

  bool verify_password(std::string_view hash, std::string_view password) override {
    const std::string h(hash);  // must be NUL-terminated
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
  }

  std::string random_token(std::size_t bytes) override {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    sodium_memzero(raw.data(), raw.size());
    return out;
  }

  std::string sha256_hex(std::string_view data) override {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
  }

 private:
  SodiumOptions options_;
};

}  // namespace

core::Result<std::unique_ptr<app::Crypto>> make_sodium_crypto(SodiumOptions options) {
  if (sodium_init() < 0) return core::Error::unavailable("libsodium failed to initialise");
  return std::unique_ptr<app::Crypto>(std::make_unique<SodiumCrypto>(options));
}

}  // namespace motcua::adapters
