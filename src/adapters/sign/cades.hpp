// CAdES detached signatures on OpenSSL 3 CMS: the building block of both PAdES signatures (over a PDF's byte
// ranges) and detached signatures of other files. Signed attributes: content-type, message-digest and
// signing-certificate-v2 (ETSI EN 319 122-1 B-B); no signing-time, as PAdES baseline requires (the claimed
// time goes in the PDF signature dictionary). B-T adds an RFC 3161 signature-time-stamp as an unsigned
// attribute. The signature value is computed with EVP_DigestSign on the identity's key, so keys on PKCS#11
// tokens work as well. Thread-safe for distinct identities; one identity is used by one thread at a time when
// its key is on a token.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "adapters/sign/ossl.hpp"
#include "app/documents_port.hpp"

namespace motcua::adapters::sign {

// A certificate with its private key (in memory or on a token), the chain to embed, and an optional PNG of
// the handwritten signature (personal) or the seal (organisation) for visible signatures.
struct SigningIdentity {
  std::shared_ptr<void> token;  // keeps a PKCS#11 session alive; declared first so it outlives `key`
  X509Ptr certificate;
  PkeyPtr key;
  X509StackPtr chain;  // intermediate certificates (may be empty)
  std::string image_png;
};

// RFC 3161 time-stamping: returns the DER TimeStampToken (a CMS ContentInfo) over a SHA-256 digest.
class TimestampAuthority {
 public:
  virtual ~TimestampAuthority() = default;
  virtual core::Result<std::string> timestamp(std::string_view sha256_digest) const = 0;
};

// Signs a precomputed SHA-256 digest of the content: DER CMS SignedData without encapsulated content.
// `tsa` is consulted when non-null (B-T). Internal for OpenSSL failures; the TSA's errors pass through.
core::Result<std::string> cades_sign_digest(const SigningIdentity& identity, std::string_view sha256_digest,
                                            const TimestampAuthority* tsa);

}  // namespace motcua::adapters::sign
