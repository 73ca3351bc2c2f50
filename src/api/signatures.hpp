// Public signature verification: POST /api/v1/signatures/verify takes a PDF (the request body,
// application/pdf) and answers, for each signature, who signed, when, whether the signed bytes are intact,
// whether the chain reaches a trusted root and whether the document changed after signing; GET
// /xac-minh-chu-ky is the public page that uploads a file to that endpoint. No sign-in: anyone may check a
// document. Handlers only borrow the verifier.
#pragma once

#include <nlohmann/json.hpp>

#include "app/documents_port.hpp"
#include "http/router.hpp"

namespace motcua::api {

// `verifier` must outlive the router.
void add_signature_routes(http::Router& router, const app::SignatureVerifier& verifier);

// The JSON body of a verification (exposed for tests and other callers).
nlohmann::json verification_json(const app::PdfVerification& v);

}  // namespace motcua::api
