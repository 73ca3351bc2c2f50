// The one place where failures become HTTP: ErrorCode -> status, and the JSON error body
//   {"error": {"code": "procedure.not_found", "status": "not_found", "message": "<Vietnamese>",
//              "message_en": "<English>", "field": "code"}}
// Endpoints never choose status codes for failures themselves.
#pragma once

#include "core/result.hpp"
#include "http/types.hpp"

namespace motcua::http {

int http_status_for(core::ErrorCode code);
std::string error_json(const core::Error& error);
Response error_response(const core::Error& error);

// Canned errors of the HTTP layer itself.
core::Error route_not_found_error();
core::Error method_not_allowed_error();
core::Error body_too_large_error(std::size_t limit_bytes);

}  // namespace motcua::http
