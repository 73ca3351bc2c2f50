// The Signer port (see app/documents_port.hpp) on OpenSSL 3 CMS + PoDoFo: PAdES baseline B-B
// (ETSI.CAdES.detached with signing-certificate-v2) or B-T (plus an RFC 3161 timestamp from the configured
// TSA), with the visible appearance of Decree 30/2020, and detached CMS signatures for other files. The
// certificate is checked when the signer is made and again before every signature (key match, key usage for
// documents, validity at the clock's time), so nothing is ever signed with an invalid key. Thread-safe;
// signatures with a token key are serialised.
//
//   auto id = identity_from_pkcs12(p12_bytes, password);            // or issue_certificate(...) / a token
//   key auto leader = make_signer(std::move(*id), clock, tsa);          // tsa may be null (B-B only) auto
//   signed_pdf = (*leader)->sign_pdf(pdf, {.level = SignatureLevel::kBaselineT, .box = form.signature_box});
#pragma once

#include <memory>
#include <string>

#include "adapters/sign/cades.hpp"
#include "adapters/sign/pkcs11.hpp"
#include "app/documents_port.hpp"
#include "core/clock.hpp"

namespace motcua::adapters::sign {

// `clock` must outlive the signer; `tsa` may be null, and then B-T requests fail with FailedPrecondition
// "signature.no_tsa". Errors: those of check_key_matches and check_signing_certificate (pki.hpp).
core::Result<std::unique_ptr<app::Signer>> make_signer(SigningIdentity identity, const core::Clock& clock,
                                                       std::shared_ptr<const TimestampAuthority> tsa);

// An identity from a PKCS#12 file (see import_pkcs12 for the errors) and an optional signature/seal PNG.
core::Result<SigningIdentity> identity_from_pkcs12(std::string_view der, std::string_view password,
                                                   std::string image_png = {});
// An identity from a certificate (PEM or DER, optionally followed by its chain in PEM) and a PKCS#8 encrypted
// key.
core::Result<SigningIdentity> identity_from_encrypted_key(std::string_view certificate_pem,
                                                          std::string_view key_pem,
                                                          std::string_view passphrase,
                                                          std::string image_png = {});
// An identity whose private key stays on a PKCS#11 token.
core::Result<SigningIdentity> identity_from_token(std::string_view certificate_pem, const Pkcs11KeyRef& key,
                                                  std::string image_png = {});

}  // namespace motcua::adapters::sign

namespace motcua::adapters::sign {

// Decree 30/2020 Appendix I: where the red seal goes over the leader's signature (app/documents_port.hpp).
using app::seal_box_over;

}  // namespace motcua::adapters::sign
