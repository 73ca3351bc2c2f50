#include "adapters/sign/pki.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

namespace motcua::adapters::sign {

namespace {

constexpr long kSecondsPerDay = 86400;
// RFC 9336 id-kp-documentSigning; Adobe Authentic Documents Trust; Microsoft Document Signing.
constexpr const char* kDocumentSigningOids[] = {"1.3.6.1.5.5.7.3.36", "1.2.840.113583.1.1.5",
                                                "1.3.6.1.4.1.311.10.3.12"};

core::Error internal_error(std::string_view what) {
  return core::Error::internal(std::string(what) + ": " + openssl_errors());
}

core::Error not_for_signing(std::string en_detail) {
  return {core::ErrorCode::kFailedPrecondition, "signature.certificate_not_for_signing",
          "Chứng thư số này không dùng để ký văn bản (mục đích sử dụng khóa không cho phép).",
          "This certificate may not sign documents: " + std::move(en_detail), ""};
}

core::Status add_name_entry(X509_NAME* name, int nid, const std::string& value) {
  if (value.empty()) return {};
  if (X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(value.data()),
                                 static_cast<int>(value.size()), -1, 0) != 1)
    return core::Error::invalid("signature.bad_name", "Tên trong chứng thư số không hợp lệ.",
                                "Invalid certificate name entry: " + openssl_errors());
  return {};
}

core::Result<X509NamePtr> build_name(const DistinguishedName& dn) {
  if (dn.common_name.empty())
    return core::Error::invalid("signature.bad_name", "Chứng thư số phải có tên (CN).",
                                "A certificate needs a common name.", "common_name");
  X509NamePtr name(X509_NAME_new());
  MOTCUA_RETURN_IF_ERROR(add_name_entry(name.get(), NID_countryName, dn.country));
  MOTCUA_RETURN_IF_ERROR(add_name_entry(name.get(), NID_stateOrProvinceName, dn.locality));
  MOTCUA_RETURN_IF_ERROR(add_name_entry(name.get(), NID_organizationName, dn.organisation));
  MOTCUA_RETURN_IF_ERROR(add_name_entry(name.get(), NID_organizationalUnitName, dn.organisational_unit));
  MOTCUA_RETURN_IF_ERROR(add_name_entry(name.get(), NID_commonName, dn.common_name));
  MOTCUA_RETURN_IF_ERROR(add_name_entry(name.get(), NID_pkcs9_emailAddress, dn.email));
  return name;
}

core::Status set_random_serial(X509* cert) {
  BignumPtr bn(BN_new());
  // 127 random bits: positive, unique in practice, within RFC 5280's 20-octet limit.
  if (!bn || BN_rand(bn.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1)
    return internal_error("serial");
  Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(bn.get(), nullptr));
  if (!serial || X509_set_serialNumber(cert, serial.get()) != 1) return internal_error("serial");
  return {};
}

core::Status add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
    return internal_error(std::string("extension ") + value);
  return {};
}

struct Usage {
  const char* key_usage;
  const char* extended;  // nullptr for none
};

Usage usage_for(CertificatePurpose purpose) {
  switch (purpose) {
    case CertificatePurpose::kPersonalSigning:
    case CertificatePurpose::kOrganisationSeal:
      return {"critical,digitalSignature,nonRepudiation", "emailProtection,1.3.6.1.5.5.7.3.36"};
    case CertificatePurpose::kTimestamping:
      return {"critical,digitalSignature", "critical,timeStamping"};
    case CertificatePurpose::kTlsServer:
      break;
  }
  return {"critical,digitalSignature,keyEncipherment", "serverAuth"};
}

// Builds and signs a certificate for `subject_key`, issued by `issuer` (nullptr: self-signed).
core::Result<X509Ptr> build_certificate(const X509_NAME* subject, EVP_PKEY* subject_key, X509* issuer,
                                        core::UnixSeconds not_before, int validity_days) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), 2) != 1) return internal_error("X509_new");
  MOTCUA_RETURN_IF_ERROR(set_random_serial(cert.get()));
  X509_set_subject_name(cert.get(), subject);
  X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer) : subject);
  const auto nb = static_cast<time_t>(not_before);
  if (!ASN1_TIME_set(X509_getm_notBefore(cert.get()), nb) ||
      !ASN1_TIME_set(X509_getm_notAfter(cert.get()),
                     nb + static_cast<time_t>(validity_days) * kSecondsPerDay))
    return internal_error("validity");
  if (X509_set_pubkey(cert.get(), subject_key) != 1) return internal_error("pubkey");
  return cert;
}

core::Status sign_certificate(X509* cert, EVP_PKEY* key) {
  if (X509_sign(cert, key, EVP_sha256()) <= 0) return internal_error("X509_sign");
  return {};
}

bool has_eku(EXTENDED_KEY_USAGE* eku, int nid) {
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i)
    if (OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, i)) == nid) return true;
  return false;
}

bool has_eku_oid(EXTENDED_KEY_USAGE* eku, const char* oid) {
  char buf[80];
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) {
    OBJ_obj2txt(buf, sizeof buf, sk_ASN1_OBJECT_value(eku, i), 1);
    if (std::string_view(buf) == oid) return true;
  }
  return false;
}

core::Status check_extended_key_usage(X509* certificate) {
  auto* eku =
      static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(certificate, NID_ext_key_usage, nullptr, nullptr));
  if (eku == nullptr) return {};  // no EKU extension: any purpose the key usage allows
  bool ok = has_eku(eku, NID_email_protect) || has_eku(eku, NID_anyExtendedKeyUsage);
  for (const char* oid : kDocumentSigningOids) ok = ok || has_eku_oid(eku, oid);
  EXTENDED_KEY_USAGE_free(eku);
  if (!ok) return not_for_signing("its extended key usage lacks emailProtection and document signing");
  return {};
}

}  // namespace

core::Result<PkeyPtr> generate_key(KeyAlgorithm algorithm) {
  EVP_PKEY* key = nullptr;
  switch (algorithm) {
    case KeyAlgorithm::kRsa2048:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
      break;
    case KeyAlgorithm::kRsa3072:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(3072));
      break;
    case KeyAlgorithm::kEcP256:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
      break;
  }
  if (key == nullptr) return internal_error("keygen");
  return PkeyPtr(key);
}

core::Result<CertificateAuthority> create_ca(const CaRequest& request, const core::Clock& clock) {
  auto key = generate_key(request.key);
  if (!key) return key.error();
  auto name = build_name(request.subject);
  if (!name) return name.error();
  auto cert = build_certificate(name->get(), key->get(), nullptr, clock.now(), request.validity_days);
  if (!cert) return cert.error();
  X509* c = cert->get();
  MOTCUA_RETURN_IF_ERROR(add_extension(c, c, NID_basic_constraints, "critical,CA:TRUE"));
  MOTCUA_RETURN_IF_ERROR(add_extension(c, c, NID_key_usage, "critical,keyCertSign,cRLSign"));
  MOTCUA_RETURN_IF_ERROR(add_extension(c, c, NID_subject_key_identifier, "hash"));
  MOTCUA_RETURN_IF_ERROR(sign_certificate(c, key->get()));
  return CertificateAuthority{std::move(*cert), std::move(*key)};
}

core::Result<IssuedCertificate> issue_certificate(const CertificateAuthority& ca,
                                                  const CertificateRequest& request,
                                                  const core::Clock& clock) {
  auto key = generate_key(request.key);
  if (!key) return key.error();
  auto name = build_name(request.subject);
  if (!name) return name.error();
  auto cert = build_certificate(name->get(), key->get(), ca.certificate.get(),
                                request.not_before.value_or(clock.now()), request.validity_days);
  if (!cert) return cert.error();
  X509* c = cert->get();
  X509* issuer = ca.certificate.get();
  const Usage usage = usage_for(request.purpose);
  MOTCUA_RETURN_IF_ERROR(add_extension(c, issuer, NID_basic_constraints, "critical,CA:FALSE"));
  MOTCUA_RETURN_IF_ERROR(add_extension(c, issuer, NID_key_usage, usage.key_usage));
  if (usage.extended != nullptr)
    MOTCUA_RETURN_IF_ERROR(add_extension(c, issuer, NID_ext_key_usage, usage.extended));
  MOTCUA_RETURN_IF_ERROR(add_extension(c, issuer, NID_subject_key_identifier, "hash"));
  MOTCUA_RETURN_IF_ERROR(add_extension(c, issuer, NID_authority_key_identifier, "keyid:always"));
  if (!request.crl_url.empty())
    MOTCUA_RETURN_IF_ERROR(
        add_extension(c, issuer, NID_crl_distribution_points, ("URI:" + request.crl_url).c_str()));
  MOTCUA_RETURN_IF_ERROR(sign_certificate(c, ca.key.get()));
  return IssuedCertificate{std::move(*cert), std::move(*key)};
}

core::Result<std::string> make_crl(const CertificateAuthority& ca, const std::vector<X509*>& revoked,
                                   const core::Clock& clock, int validity_days) {
  std::unique_ptr<X509_CRL, OsslDeleter<X509_CRL_free>> crl(X509_CRL_new());
  const auto now = static_cast<time_t>(clock.now());
  Asn1TimePtr last(ASN1_TIME_set(nullptr, now));
  Asn1TimePtr next(ASN1_TIME_set(nullptr, now + static_cast<time_t>(validity_days) * kSecondsPerDay));
  if (!crl || !last || !next || X509_CRL_set_version(crl.get(), 1) != 1 ||
      X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca.certificate.get())) != 1 ||
      X509_CRL_set1_lastUpdate(crl.get(), last.get()) != 1 ||
      X509_CRL_set1_nextUpdate(crl.get(), next.get()) != 1)
    return internal_error("CRL");
  for (X509* cert : revoked) {
    X509_REVOKED* entry = X509_REVOKED_new();
    X509_REVOKED_set_serialNumber(entry, X509_get_serialNumber(cert));
    X509_REVOKED_set_revocationDate(entry, last.get());
    X509_CRL_add0_revoked(crl.get(), entry);
  }
  X509_CRL_sort(crl.get());
  if (X509_CRL_sign(crl.get(), ca.key.get(), EVP_sha256()) <= 0) return internal_error("X509_CRL_sign");
  BioPtr out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_CRL(out.get(), crl.get());
  return bio_contents(out.get());
}

core::Result<std::string> encrypt_private_key(EVP_PKEY* key, std::string_view passphrase, int iterations) {
  if (passphrase.empty())
    return core::Error::invalid("signature.empty_passphrase", "Cần mật khẩu để mã hóa khóa bí mật.",
                                "A passphrase is needed to encrypt the private key.");
  std::unique_ptr<PKCS8_PRIV_KEY_INFO, OsslDeleter<PKCS8_PRIV_KEY_INFO_free>> info(EVP_PKEY2PKCS8(key));
  if (!info) return internal_error("EVP_PKEY2PKCS8");
  std::unique_ptr<X509_SIG, OsslDeleter<X509_SIG_free>> sealed(
      PKCS8_encrypt_ex(-1, EVP_aes_256_cbc(), passphrase.data(), static_cast<int>(passphrase.size()), nullptr,
                       0, iterations, info.get(), nullptr, nullptr));
  if (!sealed) return internal_error("PKCS8_encrypt");
  BioPtr out(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PKCS8(out.get(), sealed.get()) != 1) return internal_error("PEM_write_bio_PKCS8");
  return bio_contents(out.get());
}

core::Result<PkeyPtr> decrypt_private_key(std::string_view pem, std::string_view passphrase) {
  if (pem.find("-----BEGIN ENCRYPTED PRIVATE KEY-----") == std::string_view::npos)
    return core::Error::invalid("signature.key_not_encrypted",
                                "Khóa bí mật phải được lưu ở dạng mã hóa (PKCS#8 có mật khẩu).",
                                "Private keys must be stored encrypted (PKCS#8 with a passphrase).");
  const std::string pass(passphrase);
  auto bio = memory_bio(pem);
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char*>(pass.c_str())));
  if (!key) {
    const std::string detail = openssl_errors();
    return core::Error::invalid("signature.wrong_passphrase", "Mật khẩu của khóa bí mật không đúng.",
                                "Wrong passphrase for the private key (" + detail + ").");
  }
  return key;
}

core::Result<std::string> export_pkcs12(X509* certificate, EVP_PKEY* key, STACK_OF(X509) * chain,
                                        std::string_view password, std::string_view friendly_name) {
  const std::string pass(password), name(friendly_name);
  Pkcs12Ptr p12(
      PKCS12_create_ex(pass.c_str(), name.c_str(), key, certificate, chain, 0, 0, 0, 0, 0, nullptr, nullptr));
  if (!p12) return internal_error("PKCS12_create");
  BioPtr out(BIO_new(BIO_s_mem()));
  if (i2d_PKCS12_bio(out.get(), p12.get()) != 1) return internal_error("i2d_PKCS12");
  return bio_contents(out.get());
}

core::Result<Pkcs12Contents> import_pkcs12(std::string_view der, std::string_view password) {
  auto bio = memory_bio(der);
  Pkcs12Ptr p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12)
    return core::Error::invalid("signature.pkcs12_unreadable", "Tệp không phải PKCS#12 (.p12/.pfx) hợp lệ.",
                                "The file is not a valid PKCS#12 (.p12/.pfx) file: " + openssl_errors());
  const std::string pass(password);
  if (PKCS12_mac_present(p12.get()) &&
      PKCS12_verify_mac(p12.get(), pass.c_str(), static_cast<int>(pass.size())) != 1) {
    ERR_clear_error();
    return core::Error::invalid("signature.pkcs12_wrong_password", "Mật khẩu của tệp PKCS#12 không đúng.",
                                "Wrong password for the PKCS#12 file.", "password");
  }
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* chain = nullptr;
  if (PKCS12_parse(p12.get(), pass.c_str(), &key, &cert, &chain) != 1)
    return core::Error::invalid(
        "signature.pkcs12_unreadable", "Không đọc được tệp PKCS#12 (thuật toán mã hóa cũ hoặc tệp hỏng).",
        "Cannot read the PKCS#12 file (legacy encryption or damage): " + openssl_errors());
  Pkcs12Contents out{X509Ptr(cert), PkeyPtr(key),
                     X509StackPtr(chain != nullptr ? chain : sk_X509_new_null())};
  if (!out.certificate || !out.key)
    return core::Error::invalid("signature.pkcs12_incomplete",
                                "Tệp PKCS#12 thiếu chứng thư số hoặc khóa bí mật.",
                                "The PKCS#12 file lacks a certificate or a private key.");
  return out;
}

core::Status check_signing_certificate(X509* certificate, core::UnixSeconds now) {
  const uint32_t usage = X509_get_key_usage(certificate);  // UINT32_MAX when the extension is absent
  if ((usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
    return not_for_signing("its key usage has neither digitalSignature nor nonRepudiation");
  if (X509_check_ca(certificate) != 0) return not_for_signing("it is a certificate authority");
  MOTCUA_RETURN_IF_ERROR(check_extended_key_usage(certificate));
  auto t = static_cast<time_t>(now);
  if (X509_cmp_time(X509_get0_notBefore(certificate), &t) > 0)
    return core::Error{core::ErrorCode::kFailedPrecondition, "signature.certificate_not_yet_valid",
                       "Chứng thư số chưa đến thời gian có hiệu lực.", "The certificate is not valid yet.",
                       ""};
  if (X509_cmp_time(X509_get0_notAfter(certificate), &t) < 0)
    return core::Error{core::ErrorCode::kFailedPrecondition, "signature.certificate_expired",
                       "Chứng thư số đã hết hạn, không thể ký.",
                       "The certificate has expired; it cannot sign.", ""};
  return {};
}

core::Status check_key_matches(X509* certificate, EVP_PKEY* key) {
  if (key == nullptr || X509_check_private_key(certificate, key) != 1) {
    ERR_clear_error();
    return core::Error{core::ErrorCode::kFailedPrecondition, "signature.key_mismatch",
                       "Khóa bí mật không khớp với chứng thư số.",
                       "The private key does not belong to the certificate.", ""};
  }
  return {};
}

app::SignerRole role_of(X509* certificate) {
  const std::string cn = subject_entry(certificate, NID_commonName);
  const std::string o = subject_entry(certificate, NID_organizationName);
  return !cn.empty() && cn == o ? app::SignerRole::kOrganisation : app::SignerRole::kPersonal;
}

}  // namespace motcua::adapters::sign
