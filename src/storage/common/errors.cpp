#include "storage/common/errors.hpp"

namespace motcua::storage {

using core::Error;
using core::ErrorCode;

Error db_already_exists() {
  return {ErrorCode::kAlreadyExists,
          "storage.already_exists",
          "Dữ liệu đã tồn tại.",
          "The record already exists.",
          {}};
}

Error db_reference_missing() {
  return {ErrorCode::kFailedPrecondition,
          "storage.reference_missing",
          "Dữ liệu tham chiếu không tồn tại hoặc đang được sử dụng.",
          "A referenced record does not exist or is still in use.",
          {}};
}

Error db_invalid_value() {
  return {ErrorCode::kInvalidArgument,
          "storage.invalid_value",
          "Dữ liệu không hợp lệ.",
          "A value is invalid.",
          {}};
}

Error db_conflict() {
  return {ErrorCode::kConflict,
          "storage.conflict",
          "Dữ liệu vừa được thay đổi đồng thời, vui lòng thử lại.",
          "A concurrent change won; please retry.",
          {}};
}

Error db_unavailable(const std::string& detail) {
  Error e = Error::unavailable("database unavailable: " + detail);
  e.code_id = "storage.unavailable";
  return e;
}

Error db_internal(const std::string& detail) {
  Error e = Error::internal("database error: " + detail);
  e.code_id = "storage.internal";
  return e;
}

}  // namespace motcua::storage
