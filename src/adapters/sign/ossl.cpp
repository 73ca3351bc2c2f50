#include "adapters/sign/ossl.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

namespace motcua::adapters::sign {

std::string openssl_errors() {
  std::string out;
  unsigned long code = 0;
  while ((code = ERR_get_error()) != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

BioPtr memory_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string sha256(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string certificate_der(X509* cert) {
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert, &der);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::string certificate_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  return bio_contents(bio.get());
}

namespace {

core::Error bad_certificate() {
  return core::Error::invalid("signature.bad_certificate", "Chứng thư số không đọc được (cần PEM hoặc DER).",
                              "The certificate cannot be read (PEM or DER expected): " + openssl_errors());
}

bool looks_pem(std::string_view s) {
  return s.find("-----BEGIN") != std::string_view::npos;
}

}  // namespace

core::Result<X509Ptr> parse_certificate(std::string_view pem_or_der) {
  auto bio = memory_bio(pem_or_der);
  X509Ptr cert(looks_pem(pem_or_der) ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)
                                     : d2i_X509_bio(bio.get(), nullptr));
  if (!cert) return bad_certificate();
  return cert;
}

core::Result<X509StackPtr> parse_certificates(std::string_view pem_or_der) {
  X509StackPtr stack(sk_X509_new_null());
  if (!looks_pem(pem_or_der)) {
    auto one = parse_certificate(pem_or_der);
    if (!one) return one.error();
    sk_X509_push(stack.get(), one->release());
    return stack;
  }
  auto bio = memory_bio(pem_or_der);
  while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) sk_X509_push(stack.get(), c);
  ERR_clear_error();  // the loop ends on "no start line"
  if (sk_X509_num(stack.get()) == 0) return bad_certificate();
  return stack;
}

core::UnixSeconds asn1_time_to_unix(const ASN1_TIME* t) {
  struct tm tm {};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<core::UnixSeconds>(timegm(&tm));
}

namespace {

std::string name_entry(X509_NAME* name, int nid) {
  const int idx = X509_NAME_get_index_by_NID(name, nid, -1);
  if (idx < 0) return {};
  ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
  unsigned char* utf8 = nullptr;
  const int len = ASN1_STRING_to_UTF8(&utf8, data);
  if (len < 0) return {};
  std::string out(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

}  // namespace

std::string subject_entry(X509* cert, int nid) {
  return name_entry(X509_get_subject_name(cert), nid);
}

std::string issuer_entry(X509* cert, int nid) {
  return name_entry(X509_get_issuer_name(cert), nid);
}

std::string name_string(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  return bio_contents(bio.get());
}

}  // namespace motcua::adapters::sign
