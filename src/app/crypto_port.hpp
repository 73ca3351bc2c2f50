// Cryptography port: password hashing and random secrets. The adapter (adapters/crypto) uses libsodium's
// argon2id and CSPRNG; tests may use it directly. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace motcua::app {

class Crypto {
 public:
  virtual ~Crypto() = default;
  // argon2id PHC string ("$argon2id$v=19$m=...").
  virtual core::Result<std::string> hash_password(std::string_view password) = 0;
  virtual bool verify_password(std::string_view hash, std::string_view password) = 0;
  // `bytes` random bytes from the OS CSPRNG, base64url without padding.
  virtual std::string random_token(std::size_t bytes) = 0;
  // Lower-case hex SHA-256, used to store tokens without storing the tokens.
  virtual std::string sha256_hex(std::string_view data) = 0;
};

}  // namespace motcua::app
