#include "core/result.hpp"

namespace motcua::core {

Error Error::from_exception(std::string_view what_failed, const std::exception_ptr& exception) {
  std::string en(what_failed);
  try {
    std::rethrow_exception(exception);
  } catch (const std::exception& e) {
    en += ": ";
    en += e.what();
  } catch (...) {  // not a std::exception: nothing more to say
  }
  return internal(std::move(en));
}

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace motcua::core
