// RAII owners for OpenSSL 3 handles and small helpers shared by the signature adapter: every handle is freed
// by its own *_free function; none is copyable. `openssl_errors()` drains OpenSSL's thread-local error queue
// into a readable string (for logs and the English half of an Error).
#pragma once

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace motcua::adapters::sign {

template <auto Fn>
struct OsslDeleter {
  template <class T>
  void operator()(T* p) const {
    Fn(p);
  }
};

using BioPtr = std::unique_ptr<BIO, OsslDeleter<BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, OsslDeleter<X509_free>>;
using X509CrlPtr = std::unique_ptr<X509_CRL, OsslDeleter<X509_CRL_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, OsslDeleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OsslDeleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OsslDeleter<EVP_MD_CTX_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, OsslDeleter<CMS_ContentInfo_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, OsslDeleter<PKCS12_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, OsslDeleter<X509_STORE_free>>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OsslDeleter<X509_STORE_CTX_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, OsslDeleter<X509_NAME_free>>;
using X509ExtPtr = std::unique_ptr<X509_EXTENSION, OsslDeleter<X509_EXTENSION_free>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, OsslDeleter<ASN1_INTEGER_free>>;
using Asn1TimePtr = std::unique_ptr<ASN1_TIME, OsslDeleter<ASN1_TIME_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OsslDeleter<BN_free>>;
using TsReqPtr = std::unique_ptr<TS_REQ, OsslDeleter<TS_REQ_free>>;
using TsRespPtr = std::unique_ptr<TS_RESP, OsslDeleter<TS_RESP_free>>;
using TsMsgImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, OsslDeleter<TS_MSG_IMPRINT_free>>;
using TsTstInfoPtr = std::unique_ptr<TS_TST_INFO, OsslDeleter<TS_TST_INFO_free>>;
using X509AlgorPtr = std::unique_ptr<X509_ALGOR, OsslDeleter<X509_ALGOR_free>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, OsslDeleter<PKCS7_free>>;

// A STACK_OF(X509) that owns its certificates.
struct X509StackFree {
  void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;

// OpenSSL's queued errors for this thread as "lib:reason; ...", clearing the queue. Empty when there are
// none.
std::string openssl_errors();

// A read-only memory BIO over `bytes` (which must outlive the BIO).
BioPtr memory_bio(std::string_view bytes);
// Everything written to a memory BIO, as a string.
std::string bio_contents(BIO* bio);

// Lower-case hex of `bytes`.
std::string to_hex(std::string_view bytes);
// SHA-256 of `bytes` (32 raw bytes).
std::string sha256(std::string_view bytes);

// DER encoding of a certificate.
std::string certificate_der(X509* cert);
// PEM of a certificate.
std::string certificate_pem(X509* cert);
// Parses one certificate, PEM or DER. InvalidArgument when it is neither.
core::Result<X509Ptr> parse_certificate(std::string_view pem_or_der);
// Parses every certificate of a PEM bundle (or one DER certificate).
core::Result<X509StackPtr> parse_certificates(std::string_view pem_or_der);

// Seconds since the epoch of an ASN1_TIME (UTCTime or GeneralizedTime).
core::UnixSeconds asn1_time_to_unix(const ASN1_TIME* t);
// A certificate's subject attribute by NID (e.g. NID_commonName), UTF-8; empty when absent.
std::string subject_entry(X509* cert, int nid);
// The same for the certificate's issuer.
std::string issuer_entry(X509* cert, int nid);
// One-line RFC 2253 rendering of a name, UTF-8.
std::string name_string(const X509_NAME* name);

}  // namespace motcua::adapters::sign
