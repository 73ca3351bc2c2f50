#include "adapters/sign/cades.hpp"

#include <algorithm>
#include <vector>

namespace motcua::adapters::sign {

namespace {

core::Error cms_error(std::string_view what) {
  return core::Error::internal(std::string(what) + ": " + openssl_errors());
}

std::string der_of(const X509_ATTRIBUTE* attr) {
  unsigned char* der = nullptr;
  const int len = i2d_X509_ATTRIBUTE(attr, &der);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::string der_length(std::size_t n) {
  if (n < 0x80) return std::string(1, static_cast<char>(n));
  std::string bytes;
  for (; n > 0; n >>= 8) bytes.insert(bytes.begin(), static_cast<char>(n & 0xff));
  return std::string(1, static_cast<char>(0x80 | bytes.size())) + bytes;
}

// The DER "SET OF Attribute" that the signature covers (RFC 5652 §5.4): elements sorted by their encodings.
std::string signed_attributes_der(CMS_SignerInfo* si) {
  std::vector<std::string> attrs;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) attrs.push_back(der_of(CMS_signed_get_attr(si, i)));
  std::sort(attrs.begin(), attrs.end(), [](const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
    });
  });
  std::string body;
  for (const auto& a : attrs) body += a;
  return "\x31" + der_length(body.size()) + body;
}

core::Result<std::string> sign_bytes(EVP_PKEY* key, std::string_view data) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1)
    return cms_error("EVP_DigestSignInit");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
    return cms_error("EVP_DigestSign");
  sig.resize(len);
  return sig;
}

core::Status add_timestamp(CMS_SignerInfo* si, const TimestampAuthority& tsa) {
  const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(si);
  const std::string digest =
      sha256(std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                              static_cast<std::size_t>(ASN1_STRING_length(value))));
  auto token = tsa.timestamp(digest);
  if (!token) return token.error();
  // The attribute value is the TimeStampToken itself, a DER SEQUENCE stored verbatim.
  if (CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token->data(),
                                    static_cast<int>(token->size())) != 1)
    return cms_error("timestamp attribute");
  return {};
}

}  // namespace

core::Result<std::string> cades_sign_digest(const SigningIdentity& identity, std::string_view sha256_digest,
                                            const TimestampAuthority* tsa) {
  constexpr unsigned int kFlags = CMS_PARTIAL | CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES;
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, kFlags));
  if (!cms) return cms_error("CMS_sign");
  CMS_SignerInfo* si =
      CMS_add1_signer(cms.get(), identity.certificate.get(), identity.key.get(), EVP_sha256(), kFlags);
  if (si == nullptr) return cms_error("CMS_add1_signer");
  for (int i = 0; identity.chain && i < sk_X509_num(identity.chain.get()); ++i)
    if (CMS_add1_cert(cms.get(), sk_X509_value(identity.chain.get(), i)) != 1)
      return cms_error("CMS_add1_cert");
  if (CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data),
                                  -1) != 1 ||
      CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, sha256_digest.data(),
                                  static_cast<int>(sha256_digest.size())) != 1)
    return cms_error("signed attributes");
  auto signature = sign_bytes(identity.key.get(), signed_attributes_der(si));
  if (!signature) return signature.error();
  if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), signature->data(),
                      static_cast<int>(signature->size())) != 1)
    return cms_error("signature value");
  if (tsa != nullptr) MOTCUA_RETURN_IF_ERROR(add_timestamp(si, *tsa));
  unsigned char* der = nullptr;
  const int len = i2d_CMS_ContentInfo(cms.get(), &der);
  if (len <= 0) return cms_error("i2d_CMS_ContentInfo");
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace motcua::adapters::sign
