#include "adapters/sign/verifier.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <fstream>
#include <sstream>

#include "adapters/sign/ossl.hpp"
#include "adapters/sign/pdf_scan.hpp"
#include "adapters/sign/pki.hpp"

namespace motcua::adapters::sign {

namespace {

struct CrlStackFree {
  void operator()(STACK_OF(X509_CRL) * s) const { sk_X509_CRL_pop_free(s, X509_CRL_free); }
};
using CrlStackPtr = std::unique_ptr<STACK_OF(X509_CRL), CrlStackFree>;

// The signed content: one range for a detached signature, two for a PDF's /ByteRange.
using Content = std::vector<std::string_view>;

std::string digest_of(const EVP_MD* md, const Content& content) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_DigestInit_ex(ctx.get(), md, nullptr);
  for (const auto piece : content) EVP_DigestUpdate(ctx.get(), piece.data(), piece.size());
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string asn1_bytes(const ASN1_STRING* s) {
  return s == nullptr ? std::string()
                      : std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                    static_cast<std::size_t>(ASN1_STRING_length(s)));
}

std::string serial_hex(X509* cert) {
  BignumPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  char* hex = bn ? BN_bn2hex(bn.get()) : nullptr;
  std::string out = hex != nullptr ? hex : "";
  OPENSSL_free(hex);
  return out;
}

void describe_signer(X509* signer, app::SignatureReport& r) {
  r.signer_name = subject_entry(signer, NID_commonName);
  r.organisation = subject_entry(signer, NID_organizationName);
  r.certificate_subject = name_string(X509_get_subject_name(signer));
  r.certificate_issuer = name_string(X509_get_issuer_name(signer));
  r.certificate_serial = serial_hex(signer);
}

// State shared with the revocation pass's verify callback through the context's app data.
struct RevocationState {
  bool revoked = false;
  bool missing_crl = false;
};

int revocation_callback(int ok, X509_STORE_CTX* ctx) {
  if (ok) return 1;
  auto* state = static_cast<RevocationState*>(X509_STORE_CTX_get_app_data(ctx));
  const int err = X509_STORE_CTX_get_error(ctx);
  if (err == X509_V_ERR_CERT_REVOKED) state->revoked = true;
  if (err == X509_V_ERR_UNABLE_TO_GET_CRL) state->missing_crl = true;
  return 1;  // this pass only looks for revocations; path and time errors are the first pass's business
}

class OpenSslVerifier final : public app::SignatureVerifier {
 public:
  OpenSslVerifier(X509StorePtr store, CrlStackPtr crls, const core::Clock& clock)
      : store_(std::move(store)), crls_(std::move(crls)), clock_(clock) {}

  core::Result<app::PdfVerification> verify_pdf(std::string_view pdf) const override {
    auto scan = scan_pdf(pdf);
    if (!scan) return scan.error();
    std::vector<std::uint64_t> ends;
    for (const auto& c : scan->signatures) ends.push_back(c.signed_end());
    app::PdfVerification out;
    out.file_size = pdf.size();
    for (const auto& c : scan->signatures) out.signatures.push_back(check_pdf_signature(pdf, c, ends));
    ERR_clear_error();
    return out;
  }

  core::Result<app::SignatureReport> verify_detached(std::string_view data,
                                                     std::string_view cms) const override {
    std::string der(cms);
    if (cms.find("-----BEGIN") != std::string_view::npos) {
      auto bio = memory_bio(cms);
      CmsPtr parsed(PEM_read_bio_CMS(bio.get(), nullptr, nullptr, nullptr));
      if (!parsed) return unreadable_cms();
      unsigned char* buf = nullptr;
      const int len = i2d_CMS_ContentInfo(parsed.get(), &buf);
      der.assign(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(std::max(len, 0)));
      OPENSSL_free(buf);
    }
    app::SignatureReport r;
    if (!check_cms(der, {data}, r)) return unreadable_cms();
    r.modification = app::Modification::kNone;
    ERR_clear_error();
    return r;
  }

 private:
  static core::Error unreadable_cms() {
    return core::Error::invalid("signature.bad_cms",
                                "Tệp chữ ký không đọc được (cần CMS/PKCS#7 dạng DER hoặc PEM).",
                                "The signature file cannot be read (CMS/PKCS#7, DER or PEM expected).");
  }

  app::SignatureReport check_pdf_signature(std::string_view pdf, const PdfSignatureCandidate& c,
                                           const std::vector<std::uint64_t>& ends) const {
    app::SignatureReport r;
    r.field_name = c.field_name;
    r.sub_filter = c.sub_filter;
    r.claimed_time = parse_pdf_date(c.claimed_time);
    r.signed_until = c.signed_end();
    r.modification = modification_after(pdf, c.signed_end(), ends);
    if (!c.well_formed) {
      r.chain = app::ChainStatus::kInvalid;
      r.chain_detail = c.problem;
      return r;
    }
    const auto& br = c.byte_range;
    const Content content{pdf.substr(0, static_cast<std::size_t>(br[1])),
                          pdf.substr(static_cast<std::size_t>(br[2]), static_cast<std::size_t>(br[3]))};
    if (!check_cms(c.cms_der, content, r)) {
      r.chain = app::ChainStatus::kInvalid;
      r.chain_detail = "the signature's CMS cannot be read";
    }
    if (r.signer_name.empty()) r.signer_name = c.name;
    return r;
  }

  // Fills `r` from the CMS over `content`; false when the CMS cannot be read at all.
  bool check_cms(const std::string& der, const Content& content, app::SignatureReport& r) const {
    auto bio = memory_bio(der);
    CmsPtr cms(d2i_CMS_bio(bio.get(), nullptr));
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) return false;
    CMS_set1_signers_certs(cms.get(), nullptr, 0);
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
    if (sk_CMS_SignerInfo_num(infos) < 1) return false;
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
    X509* signer = nullptr;
    X509_ALGOR* digest_alg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, &signer, &digest_alg, nullptr);
    if (signer == nullptr) {
      r.chain = app::ChainStatus::kInvalid;
      r.chain_detail = "the signer's certificate is not in the signature";
      return true;
    }
    describe_signer(signer, r);
    check_integrity(cms.get(), si, digest_alg, content, r);
    X509StackPtr untrusted(CMS_get1_certs(cms.get()));
    check_timestamp(si, untrusted.get(), r);
    check_chain(signer, untrusted.get(), r);
    auto now = static_cast<time_t>(clock_.now());
    r.certificate_expired_now = X509_cmp_time(X509_get0_notAfter(signer), &now) < 0;
    return true;
  }

  static void check_integrity(CMS_ContentInfo* cms, CMS_SignerInfo* si, X509_ALGOR* digest_alg,
                              const Content& content, app::SignatureReport& r) {
    const ASN1_OBJECT* alg_oid = nullptr;
    X509_ALGOR_get0(&alg_oid, nullptr, nullptr, digest_alg);
    const EVP_MD* md = EVP_get_digestbyobj(alg_oid);
    if (md == nullptr) {
      r.chain_detail = "unsupported digest algorithm";
      return;
    }
    if (CMS_signed_get_attr_count(si) > 0) {
      const auto* signed_digest = static_cast<const ASN1_OCTET_STRING*>(
          CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
      r.bytes_intact = signed_digest != nullptr && asn1_bytes(signed_digest) == digest_of(md, content);
      r.signature_valid = CMS_SignerInfo_verify(si) == 1;
      return;
    }
    // Without signed attributes the signature covers the content directly (old adbe.pkcs7.detached signers).
    std::string joined;
    for (const auto piece : content) joined += piece;
    auto data = memory_bio(joined);
    const bool ok =
        CMS_verify(cms, nullptr, nullptr, data.get(), nullptr, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;
    r.bytes_intact = ok;
    r.signature_valid = ok;
  }

  void check_timestamp(CMS_SignerInfo* si, STACK_OF(X509) * untrusted, app::SignatureReport& r) const {
    const int idx = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
    if (idx < 0) return;
    r.has_timestamp = true;
    ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, idx), 0);
    if (value == nullptr || value->type != V_ASN1_SEQUENCE) return;
    const unsigned char* p = ASN1_STRING_get0_data(value->value.sequence);
    Pkcs7Ptr token(d2i_PKCS7(nullptr, &p, ASN1_STRING_length(value->value.sequence)));
    TsTstInfoPtr info(token ? PKCS7_to_TS_TST_INFO(token.get()) : nullptr);
    if (!info) return;
    const std::string imprint = sha256(asn1_bytes(CMS_SignerInfo_get0_signature(si)));
    std::unique_ptr<TS_VERIFY_CTX, OsslDeleter<TS_VERIFY_CTX_free>> ctx(TS_VERIFY_CTX_new());
    auto* buf = static_cast<unsigned char*>(OPENSSL_malloc(imprint.size()));
    std::copy(imprint.begin(), imprint.end(), buf);
    TS_VERIFY_CTX_set_imprint(ctx.get(), buf, static_cast<long>(imprint.size()));
    X509_STORE_up_ref(store_.get());
    TS_VERIFY_CTX_set_store(ctx.get(), store_.get());
    X509StackPtr certs(X509_chain_up_ref(untrusted));
    TS_VERIFY_CTX_set_certs(ctx.get(), certs.release());
    TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_IMPRINT);
    if (TS_RESP_verify_token(ctx.get(), token.get()) == 1) {
      r.timestamp_time = asn1_time_to_unix(TS_TST_INFO_get_time(info.get()));
    } else {
      r.chain_detail = "the timestamp does not verify: " + openssl_errors();
    }
  }

  void check_chain(X509* signer, STACK_OF(X509) * untrusted, app::SignatureReport& r) const {
    const core::UnixSeconds at = r.timestamp_time.value_or(clock_.now());
    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    X509_STORE_CTX_init(ctx.get(), store_.get(), signer, untrusted);
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), static_cast<time_t>(at));
    if (X509_verify_cert(ctx.get()) == 1) {
      r.chain = app::ChainStatus::kTrusted;
    } else {
      const int err = X509_STORE_CTX_get_error(ctx.get());
      r.chain = chain_status(err);
      if (r.chain_detail.empty()) r.chain_detail = X509_verify_cert_error_string(err);
    }
    // Key usage for documents (validity is the path check's business, so test it at the certificate's own
    // start).
    const auto usage = check_signing_certificate(signer, asn1_time_to_unix(X509_get0_notBefore(signer)));
    if (!usage && r.chain == app::ChainStatus::kTrusted) {
      r.chain = app::ChainStatus::kNotForSigning;
      r.chain_detail = usage.error().message_en;
    }
    if (r.chain == app::ChainStatus::kTrusted) check_revocation(signer, untrusted, r);
  }

  static app::ChainStatus chain_status(int err) {
    switch (err) {
      case X509_V_ERR_CERT_HAS_EXPIRED:
      case X509_V_ERR_CERT_NOT_YET_VALID:
        return app::ChainStatus::kExpired;
      case X509_V_ERR_CERT_REVOKED:
        return app::ChainStatus::kRevoked;
      case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
      case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
      case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      case X509_V_ERR_CERT_UNTRUSTED:
        return app::ChainStatus::kUntrusted;
      default:
        return app::ChainStatus::kInvalid;
    }
  }

  // Revocation is checked at the current time against the configured CRLs.
  void check_revocation(X509* signer, STACK_OF(X509) * untrusted, app::SignatureReport& r) const {
    if (sk_X509_CRL_num(crls_.get()) == 0) return;
    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    X509_STORE_CTX_init(ctx.get(), store_.get(), signer, untrusted);
    RevocationState state;
    X509_STORE_CTX_set_app_data(ctx.get(), &state);
    X509_STORE_CTX_set_verify_cb(ctx.get(), revocation_callback);
    X509_STORE_CTX_set0_crls(ctx.get(), crls_.get());
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(clock_.now()));
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
    X509_verify_cert(ctx.get());
    r.revocation_checked = !state.missing_crl;
    if (state.revoked) {
      r.chain = app::ChainStatus::kRevoked;
      r.chain_detail = "certificate revoked";
    }
  }

  X509StorePtr store_;
  CrlStackPtr crls_;
  const core::Clock& clock_;
};

}  // namespace

core::Result<std::unique_ptr<app::SignatureVerifier>> make_verifier(const VerifierConfig& config,
                                                                    const core::Clock& clock) {
  X509StorePtr store(X509_STORE_new());
  for (const auto& pem : config.trust_anchors_pem) {
    auto certs = parse_certificates(pem);
    if (!certs) return certs.error();
    for (int i = 0; i < sk_X509_num(certs->get()); ++i)
      X509_STORE_add_cert(store.get(), sk_X509_value(certs->get(), i));
  }
  CrlStackPtr crls(sk_X509_CRL_new_null());
  for (const auto& pem : config.crls_pem) {
    auto bio = memory_bio(pem);
    X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr);
    if (crl == nullptr)
      return core::Error::invalid("signature.bad_crl", "Danh sách chứng thư bị thu hồi (CRL) không đọc được.",
                                  "A CRL cannot be read: " + openssl_errors());
    sk_X509_CRL_push(crls.get(), crl);
  }
  return std::unique_ptr<app::SignatureVerifier>(
      std::make_unique<OpenSslVerifier>(std::move(store), std::move(crls), clock));
}

namespace {

core::Result<std::vector<std::string>> read_pem_files(std::string_view csv) {
  std::vector<std::string> out;
  std::stringstream list{std::string(csv)};
  for (std::string path; std::getline(list, path, ',');) {
    if (path.empty()) continue;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in || bytes.str().empty())
      return core::Error::invalid("signature.trust_file", "Không đọc được tệp chứng thư tin cậy/CRL: " + path,
                                  "Cannot read the trust anchor/CRL file: " + path);
    out.push_back(bytes.str());
  }
  return out;
}

}  // namespace

core::Result<std::unique_ptr<app::SignatureVerifier>> make_verifier_from_files(std::string_view anchor_files,
                                                                               std::string_view crl_files,
                                                                               const core::Clock& clock) {
  auto anchors = read_pem_files(anchor_files);
  if (!anchors) return anchors.error();
  auto crls = read_pem_files(crl_files);
  if (!crls) return crls.error();
  return make_verifier({std::move(*anchors), std::move(*crls)}, clock);
}

}  // namespace motcua::adapters::sign
