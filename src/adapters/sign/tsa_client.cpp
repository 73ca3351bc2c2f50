#include "adapters/sign/tsa_client.hpp"

#include <openssl/http.h>
#include <openssl/rand.h>

namespace motcua::adapters::sign {

namespace {

core::Error tsa_unavailable(const std::string& detail) {
  return core::Error{core::ErrorCode::kUnavailable, "signature.tsa_unavailable",
                     "Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian (TSA).",
                     "No timestamp from the time-stamping authority: " + detail, ""};
}

core::Result<TsReqPtr> build_request(std::string_view digest) {
  TsReqPtr req(TS_REQ_new());
  TsMsgImprintPtr imprint(TS_MSG_IMPRINT_new());
  X509AlgorPtr alg(X509_ALGOR_new());
  unsigned char nonce_bytes[8];
  BignumPtr nonce_bn(BN_new());
  if (!req || !imprint || !alg || !nonce_bn || RAND_bytes(nonce_bytes, sizeof nonce_bytes) != 1)
    return core::Error::internal("TS_REQ: " + openssl_errors());
  X509_ALGOR_set0(alg.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  // 0x40..0x7F in the first byte: always an 8-byte positive INTEGER, so the request (and the token) keep one
  // size.
  nonce_bytes[0] = static_cast<unsigned char>((nonce_bytes[0] & 0x3F) | 0x40);
  BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nonce_bn.get());
  Asn1IntegerPtr nonce(BN_to_ASN1_INTEGER(nonce_bn.get(), nullptr));
  if (TS_MSG_IMPRINT_set_algo(imprint.get(), alg.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(imprint.get(),
                             reinterpret_cast<unsigned char*>(const_cast<char*>(digest.data())),
                             static_cast<int>(digest.size())) != 1 ||
      TS_REQ_set_version(req.get(), 1) != 1 || TS_REQ_set_msg_imprint(req.get(), imprint.get()) != 1 ||
      !nonce || TS_REQ_set_nonce(req.get(), nonce.get()) != 1 || TS_REQ_set_cert_req(req.get(), 1) != 1)
    return core::Error::internal("TS_REQ: " + openssl_errors());
  return req;
}

class HttpTimestampAuthority final : public TimestampAuthority {
 public:
  HttpTimestampAuthority(TsaConfig config, std::string host, std::string port, std::string path)
      : config_(std::move(config)), host_(std::move(host)), port_(std::move(port)), path_(std::move(path)) {}

  core::Result<std::string> timestamp(std::string_view sha256_digest) const override {
    auto req = build_request(sha256_digest);
    if (!req) return req.error();
    auto reply = post(req->get());
    if (!reply) return reply.error();
    return check_reply(req->get(), *reply);
  }

 private:
  core::Result<TsRespPtr> post(TS_REQ* req) const {
    BioPtr body(BIO_new(BIO_s_mem()));
    if (i2d_TS_REQ_bio(body.get(), req) != 1) return core::Error::internal("i2d_TS_REQ: " + openssl_errors());
    BioPtr response(
        OSSL_HTTP_transfer(nullptr, host_.c_str(), port_.c_str(), path_.c_str(), 0, nullptr, nullptr, nullptr,
                           nullptr, nullptr, nullptr, 0, nullptr, "application/timestamp-query", body.get(),
                           "application/timestamp-reply", 1, 1 << 20, config_.timeout_seconds, 0));
    if (!response) return tsa_unavailable(config_.url + ": " + openssl_errors());
    TsRespPtr resp(d2i_TS_RESP_bio(response.get(), nullptr));
    if (!resp) return tsa_unavailable("unreadable reply: " + openssl_errors());
    return resp;
  }

  static core::Result<std::string> check_reply(TS_REQ* req, TsRespPtr& resp) {
    const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp.get())));
    if (status != TS_STATUS_GRANTED && status != TS_STATUS_GRANTED_WITH_MODS)
      return tsa_unavailable("request rejected with status " + std::to_string(status));
    // Imprint, nonce and version must answer our request; the token's signature is checked by verifiers.
    std::unique_ptr<TS_VERIFY_CTX, OsslDeleter<TS_VERIFY_CTX_free>> ctx(
        TS_REQ_to_TS_VERIFY_CTX(req, nullptr));
    if (!ctx) return core::Error::internal("TS_VERIFY_CTX: " + openssl_errors());
    TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
    if (TS_RESP_verify_response(ctx.get(), resp.get()) != 1)
      return tsa_unavailable("the reply does not answer the request: " + openssl_errors());
    unsigned char* der = nullptr;
    const int len = i2d_PKCS7(TS_RESP_get_token(resp.get()), &der);
    if (len <= 0) return core::Error::internal("i2d_PKCS7: " + openssl_errors());
    std::string token(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
    return token;
  }

  TsaConfig config_;
  std::string host_, port_, path_;
};

}  // namespace

core::Result<std::unique_ptr<TimestampAuthority>> make_http_tsa(TsaConfig config) {
  char *host = nullptr, *port = nullptr, *path = nullptr;
  int ssl = 0;
  const bool parsed = OSSL_HTTP_parse_url(config.url.c_str(), &ssl, nullptr, &host, &port, nullptr, &path,
                                          nullptr, nullptr) == 1;
  std::string h = host != nullptr ? host : "", p = port != nullptr ? port : "",
              pa = path != nullptr ? path : "/";
  OPENSSL_free(host);
  OPENSSL_free(port);
  OPENSSL_free(path);
  if (!parsed || ssl != 0 || h.empty())
    return core::Error::invalid("signature.tsa_url",
                                "Địa chỉ máy chủ cấp dấu thời gian (TSA) không hợp lệ (cần http://).",
                                "Invalid TSA URL (http:// expected): " + config.url, "tsa_url");
  return std::unique_ptr<TimestampAuthority>(
      std::make_unique<HttpTimestampAuthority>(std::move(config), std::move(h), std::move(p), std::move(pa)));
}

}  // namespace motcua::adapters::sign
