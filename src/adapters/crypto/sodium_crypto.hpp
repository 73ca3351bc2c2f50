// The Crypto port on libsodium: argon2id password hashes (OPSLIMIT/MEMLIMIT "interactive" by default,
// tunable), OS randomness and SHA-256. Thread-safe after construction.
#pragma once

#include <memory>

#include "app/crypto_port.hpp"

namespace motcua::adapters {

struct SodiumOptions {
  unsigned long long ops_limit = 2;             // crypto_pwhash_OPSLIMIT_INTERACTIVE
  std::size_t mem_limit = 64ull * 1024 * 1024;  // crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB)
};

// Initialises libsodium; Unavailable if it cannot (no entropy source).
core::Result<std::unique_ptr<app::Crypto>> make_sodium_crypto(SodiumOptions options = {});

}  // namespace motcua::adapters
