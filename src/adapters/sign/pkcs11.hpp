// Private keys that stay on a PKCS#11 token (a USB token, an HSM; SoftHSM2 in tests), through libp11
// (Debian's libp11-3 0.4.12, which works with OpenSSL 3 through EVP_PKEY handles that call the token for
// every signature). The returned key is used like any EVP_PKEY by the CMS signer; the private key never
// leaves the token. Thread-safety: a TokenKey may be used by one thread at a time (PKCS#11 sessions are not
// shared).
#pragma once

#include <memory>
#include <string>

#include "adapters/sign/ossl.hpp"

namespace motcua::adapters::sign {

struct Pkcs11KeyRef {
  std::string module_path{};  // e.g. /usr/lib/softhsm/libsofthsm2.so, or a vendor's token library
  std::string token_label{};  // the token's label; empty: the first token present
  std::string key_label{};    // CKA_LABEL of the private key; empty: the first private key
  std::string pin{};          // user PIN (used to log in, not kept)
};

// A private-key handle on a token and the session that must outlive it.
struct TokenKey {
  std::shared_ptr<void> session;  // declared first: destroyed after `key`
  PkeyPtr key;
};

// Loads the module, finds the token, logs in and returns the private key. Errors: Unavailable
// "signature.pkcs11_module" (module cannot be loaded), NotFound "signature.pkcs11_token" /
// "signature.pkcs11_key", Unauthenticated "signature.pkcs11_pin" (wrong PIN).
core::Result<TokenKey> load_pkcs11_key(const Pkcs11KeyRef& ref);

}  // namespace motcua::adapters::sign
