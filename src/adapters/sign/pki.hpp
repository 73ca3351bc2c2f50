// PKI for agencies: a demo certificate authority, organisational (seal) and personal (signer) certificates,
// CRLs, private keys encrypted at rest (PKCS#8), PKCS#12 import/export, and the checks every signing
// certificate must pass. Real deployments import certificates from a licensed CA (PKCS#12 or a PKCS#11 token,
// see pkcs11.hpp); the demo CA lets a province try the whole flow. All functions are thread-safe; time comes
// from the Clock.
//
//   auto ca = create_ca({.subject = {.common_name = "Sở Tư pháp Lào Cai CA", .organisation = "Sở Tư pháp"}},
//   clock); auto leader = issue_certificate(*ca, {.subject = {.common_name = "Trần Quốc Bảo", ...},
//                                         .purpose = CertificatePurpose::kPersonalSigning}, clock);
//   std::string at_rest = *encrypt_private_key(leader->key.get(), config.key_passphrase);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sign/ossl.hpp"
#include "app/documents_port.hpp"
#include "core/clock.hpp"

namespace motcua::adapters::sign {

enum class KeyAlgorithm { kRsa2048, kRsa3072, kEcP256 };

struct DistinguishedName {
  std::string common_name{};
  std::string organisation{};
  std::string organisational_unit{};
  std::string locality{};  // province or city, e.g. "Lào Cai"
  std::string country = "VN";
  std::string email{};
};

struct CertificateAuthority {
  X509Ptr certificate;
  PkeyPtr key;
};

struct CaRequest {
  DistinguishedName subject{};
  int validity_days = 3650;
  KeyAlgorithm key = KeyAlgorithm::kRsa2048;
};

// A self-signed CA certificate (basicConstraints CA:TRUE critical, keyCertSign and cRLSign) and its key.
core::Result<CertificateAuthority> create_ca(const CaRequest& request, const core::Clock& clock);

enum class CertificatePurpose {
  kPersonalSigning,   // a leader or official: digitalSignature, nonRepudiation; EKU emailProtection,
                      // documentSigning
  kOrganisationSeal,  // the agency's seal: same usages, the organisation as subject
  kTimestamping,      // a TSA: digitalSignature; EKU timeStamping (critical)
  kTlsServer,         // a web server: not for documents (tests use it to check refusals)
};

struct CertificateRequest {
  DistinguishedName subject{};
  CertificatePurpose purpose = CertificatePurpose::kPersonalSigning;
  int validity_days = 730;
  KeyAlgorithm key = KeyAlgorithm::kRsa2048;
  std::optional<core::UnixSeconds>
      not_before{};       // default: now; tests back-date to make expired certificates
  std::string crl_url{};  // crlDistributionPoints, when set
};

struct IssuedCertificate {
  X509Ptr certificate;
  PkeyPtr key;
};

core::Result<IssuedCertificate> issue_certificate(const CertificateAuthority& ca,
                                                  const CertificateRequest& request,
                                                  const core::Clock& clock);

// A CRL (PEM) signed by `ca` listing `revoked`, valid from now for `validity_days`.
core::Result<std::string> make_crl(const CertificateAuthority& ca, const std::vector<X509*>& revoked,
                                   const core::Clock& clock, int validity_days = 7);

// A new key pair.
core::Result<PkeyPtr> generate_key(KeyAlgorithm algorithm);

// PKCS#8 "ENCRYPTED PRIVATE KEY" PEM: AES-256-CBC under PBKDF2-HMAC-SHA256 with `iterations`.
// InvalidArgument for an empty passphrase.
core::Result<std::string> encrypt_private_key(EVP_PKEY* key, std::string_view passphrase,
                                              int iterations = 100000);
// Reads such a PEM back. InvalidArgument "signature.wrong_passphrase" when the passphrase is wrong,
// "signature.key_not_encrypted" for a key stored in clear (keys at rest must be encrypted).
core::Result<PkeyPtr> decrypt_private_key(std::string_view pem, std::string_view passphrase);

struct Pkcs12Contents {
  X509Ptr certificate;
  PkeyPtr key;
  X509StackPtr chain;  // may be empty
};

// PKCS#12 with AES-256 and a SHA-256 MAC (OpenSSL 3 defaults).
core::Result<std::string> export_pkcs12(X509* certificate, EVP_PKEY* key, STACK_OF(X509) * chain,
                                        std::string_view password, std::string_view friendly_name);
// InvalidArgument "signature.pkcs12_wrong_password" for a wrong password, "signature.pkcs12_unreadable" for a
// file that is not PKCS#12 (or uses algorithms OpenSSL 3 no longer enables by default), and
// "signature.pkcs12_incomplete" when it lacks a certificate or a key.
core::Result<Pkcs12Contents> import_pkcs12(std::string_view der, std::string_view password);

// Refuses a certificate that may not sign documents: keyUsage without digitalSignature and nonRepudiation,
// an extendedKeyUsage without emailProtection, documentSigning (RFC 9336), Adobe's or Microsoft's document
// signing or anyExtendedKeyUsage, a CA certificate, or one outside its validity period at `now`.
// FailedPrecondition "signature.certificate_not_for_signing" / "signature.certificate_expired" /
// "signature.certificate_not_yet_valid".
core::Status check_signing_certificate(X509* certificate, core::UnixSeconds now);
// FailedPrecondition "signature.key_mismatch" when `key` is not the certificate's private key.
core::Status check_key_matches(X509* certificate, EVP_PKEY* key);

// Personal or organisational, from the certificate: a seal certificate names the organisation as its subject
// (CN equal to O); anything else is personal.
app::SignerRole role_of(X509* certificate);

}  // namespace motcua::adapters::sign
