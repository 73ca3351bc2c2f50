// The SignatureVerifier port on OpenSSL 3 (see app/documents_port.hpp). PDFs are read by pdf_scan.hpp, never
// by PoDoFo. For each signature: the digest over its /ByteRange against the signed messageDigest, the CMS
// signature with the signer's key, an RFC 3161 timestamp if present (its imprint and its TSA's chain), the
// signer's chain to a configured trust anchor at the timestamp's time (or now, without one), the CRLs
// configured for revocation (checked now), key usage for document signing, and what later revisions changed.
// Thread-safe: the trust store is built once and only read afterwards.
//
//   auto verifier = make_verifier({.trust_anchors_pem = {agency_ca_pem, national_root_pem}}, clock);
//   auto report = (*verifier)->verify_pdf(upload);  // report->signatures[i].ok(), .modification, ...
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/documents_port.hpp"
#include "core/clock.hpp"

namespace motcua::adapters::sign {

struct VerifierConfig {
  std::vector<std::string> trust_anchors_pem{};  // root certificates (each entry may hold several PEM blocks)
  std::vector<std::string> crls_pem{};  // CRLs of the issuers; revocation is "not checked" without one
};

// InvalidArgument "signature.bad_certificate" / "signature.bad_crl" for unreadable configuration.
// `clock` must outlive the verifier.
core::Result<std::unique_ptr<app::SignatureVerifier>> make_verifier(const VerifierConfig& config,
                                                                    const core::Clock& clock);

// The same from comma-separated lists of PEM file paths (as configured); empty lists are allowed.
// InvalidArgument "signature.trust_file" naming a file that cannot be read.
core::Result<std::unique_ptr<app::SignatureVerifier>> make_verifier_from_files(std::string_view anchor_files,
                                                                               std::string_view crl_files,
                                                                               const core::Clock& clock);

}  // namespace motcua::adapters::sign
