#include "app/permissions.hpp"

namespace motcua::app::permissions {

using core::Error;
using core::ErrorCode;
using domain::Role;

namespace {

Error denied(const char* vi, const char* en) {
  return {ErrorCode::kPermissionDenied, "auth.forbidden", vi, en, {}};
}

}  // namespace

core::Status require_signed_in(const Actor& actor) {
  if (actor.anonymous()) {
    return Error{ErrorCode::kUnauthenticated,
                 "auth.required",
                 "Vui lòng đăng nhập để thực hiện thao tác này.",
                 "Sign in to do this.",
                 {}};
  }
  return {};
}

core::Status can_manage_catalogue(const Actor& actor) {
  MOTCUA_RETURN_IF_ERROR(require_signed_in(actor));
  if (!actor.has_role(Role::kAdministrator)) {
    return denied("Chỉ quản trị hệ thống mới được thay đổi danh mục thủ tục hành chính.",
                  "Only administrators may change the procedure catalogue.");
  }
  return {};
}

core::Status can_manage_organisation(const Actor& actor) {
  MOTCUA_RETURN_IF_ERROR(require_signed_in(actor));
  if (!actor.has_role(Role::kAdministrator)) {
    return denied("Chỉ quản trị hệ thống mới được thay đổi cơ cấu tổ chức và tài khoản.",
                  "Only administrators may change units, agencies and accounts.");
  }
  return {};
}

core::Status can_manage_calendar(const Actor& actor) {
  MOTCUA_RETURN_IF_ERROR(require_signed_in(actor));
  if (!actor.has_role(Role::kAdministrator)) {
    return denied("Chỉ quản trị hệ thống mới được thay đổi lịch nghỉ lễ và giờ làm việc.",
                  "Only administrators may change holiday decisions and office hours.");
  }
  return {};
}

core::Status can_read_audit(const Actor& actor) {
  MOTCUA_RETURN_IF_ERROR(require_signed_in(actor));
  if (!actor.has_role(Role::kAdministrator) && !actor.has_role(Role::kSupervisor)) {
    return denied("Chỉ quản trị hệ thống và cán bộ giám sát mới được xem nhật ký.",
                  "Only administrators and supervisors may read the audit trail.");
  }
  return {};
}

}  // namespace motcua::app::permissions
