// RFC 3161 time-stamping over HTTP (OpenSSL's own HTTP client, no extra dependency): builds a TimeStampReq
// over a SHA-256 digest with a random nonce and certReq, POSTs it as application/timestamp-query, and checks
// that the reply is granted and answers this request (imprint and nonce) before returning the token. Only
// http:// URLs (TSAs publish plain HTTP endpoints; the token is signed). Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "adapters/sign/cades.hpp"

namespace motcua::adapters::sign {

struct TsaConfig {
  std::string url{};  // e.g. http://tsa.example.vn/tsa
  int timeout_seconds = 10;
};

// InvalidArgument "signature.tsa_url" for a URL that is not http://host[:port]/path.
core::Result<std::unique_ptr<TimestampAuthority>> make_http_tsa(TsaConfig config);

}  // namespace motcua::adapters::sign
