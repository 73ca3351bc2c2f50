#include "http/error_mapping.hpp"

#include <nlohmann/json.hpp>

namespace motcua::http {

using core::Error;
using core::ErrorCode;

int http_status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kFailedPrecondition:
      return 422;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string error_json(const Error& error) {
  nlohmann::json body = {{"code", error.code_id},
                         {"status", core::error_code_name(error.code)},
                         {"message", error.message_vi},
                         {"message_en", error.message_en}};
  if (!error.field.empty()) body["field"] = error.field;
  return nlohmann::json{{"error", body}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response error_response(const Error& error) {
  return Response::json(http_status_for(error.code), error_json(error));
}

Error route_not_found_error() {
  return Error::not_found("http.not_found", "Không tìm thấy địa chỉ yêu cầu.", "No such resource.");
}

Error method_not_allowed_error() {
  return {ErrorCode::kInvalidArgument, "http.method_not_allowed",
          "Phương thức HTTP không được hỗ trợ cho địa chỉ này.",
          "This HTTP method is not allowed on this resource.", ""};
}

Error body_too_large_error(std::size_t limit_bytes) {
  return {ErrorCode::kPayloadTooLarge, "http.body_too_large",
          "Dữ liệu gửi lên vượt quá giới hạn " + std::to_string(limit_bytes) + " byte.",
          "The request body exceeds the limit of " + std::to_string(limit_bytes) + " bytes.", ""};
}

}  // namespace motcua::http
