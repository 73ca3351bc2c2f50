#include "domain/organisation.hpp"

#include <cctype>

namespace motcua::domain {

using core::Error;
using core::Status;

namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_by_name(std::string_view s, const Enum (&values)[N], const char* (*name)(Enum)) {
  for (Enum v : values)
    if (s == name(v)) return v;
  return std::nullopt;
}

}  // namespace

const char* unit_level_name(UnitLevel level) {
  switch (level) {
    case UnitLevel::kProvince:
      return "province";
    case UnitLevel::kDistrict:
      return "district";
    case UnitLevel::kCommune:
      return "commune";
  }
  return "commune";
}

std::optional<UnitLevel> parse_unit_level(std::string_view s) {
  static constexpr UnitLevel kAll[] = {UnitLevel::kProvince, UnitLevel::kDistrict, UnitLevel::kCommune};
  return parse_by_name(s, kAll, unit_level_name);
}

Status validate_unit(const AdministrativeUnit& unit) {
  const std::size_t want = unit.level == UnitLevel::kProvince   ? 2
                           : unit.level == UnitLevel::kDistrict ? 3
                                                                : 5;
  if (unit.code.size() != want || !all_digits(unit.code)) {
    return Error::invalid("unit.code_invalid",
                          "Mã đơn vị hành chính phải gồm " + std::to_string(want) + " chữ số.",
                          "The unit code must have " + std::to_string(want) + " digits.", "code");
  }
  if (unit.name.empty() || unit.name.size() > 200) {
    return Error::invalid("unit.name_invalid",
                          "Tên đơn vị hành chính không được để trống (tối đa 200 ký tự).",
                          "The unit name is required (at most 200 characters).", "name");
  }
  if (unit.level != UnitLevel::kProvince && unit.parent_code.empty()) {
    return Error::invalid("unit.parent_missing", "Đơn vị cấp dưới phải có đơn vị cấp trên.",
                          "A district or commune needs a parent unit.", "parent_code");
  }
  if (unit.valid_from && unit.valid_to && *unit.valid_to < *unit.valid_from) {
    return Error::invalid("unit.validity_invalid", "Ngày hết hiệu lực phải sau ngày có hiệu lực.",
                          "valid_to must not be before valid_from.", "valid_to");
  }
  return {};
}

const char* agency_kind_name(AgencyKind kind) {
  switch (kind) {
    case AgencyKind::kPeopleCommittee:
      return "people_committee";
    case AgencyKind::kDepartment:
      return "department";
    case AgencyKind::kOneStopSection:
      return "one_stop_section";
    case AgencyKind::kOther:
      return "other";
  }
  return "other";
}

std::optional<AgencyKind> parse_agency_kind(std::string_view s) {
  static constexpr AgencyKind kAll[] = {AgencyKind::kPeopleCommittee, AgencyKind::kDepartment,
                                        AgencyKind::kOneStopSection, AgencyKind::kOther};
  return parse_by_name(s, kAll, agency_kind_name);
}

Status validate_agency_code(std::string_view code, std::string_view field) {
  // DDD.DD.DD.LNN
  const bool shape = code.size() == 13 && all_digits(code.substr(0, 3)) && code[3] == '.' &&
                     all_digits(code.substr(4, 2)) && code[6] == '.' && all_digits(code.substr(7, 2)) &&
                     code[9] == '.' && code[10] >= 'A' && code[10] <= 'Z' && all_digits(code.substr(11, 2));
  if (!shape) {
    return Error::invalid(
        "agency.code_invalid",
        "Mã định danh cơ quan phải có dạng DDD.DD.DD.LNN (13 ký tự), ví dụ 000.00.00.H38.",
        "The agency identifier must look like DDD.DD.DD.LNN (13 characters), e.g. 000.00.00.H38.",
        std::string(field));
  }
  return {};
}

Status validate_agency(const Agency& agency) {
  MOTCUA_RETURN_IF_ERROR(validate_agency_code(agency.code));
  if (!agency.parent_code.empty())
    MOTCUA_RETURN_IF_ERROR(validate_agency_code(agency.parent_code, "parent_code"));
  if (agency.name.empty() || agency.name.size() > 300) {
    return Error::invalid("agency.name_invalid", "Tên cơ quan không được để trống (tối đa 300 ký tự).",
                          "The agency name is required (at most 300 characters).", "name");
  }
  if (agency.unit_code.empty()) {
    return Error::invalid("agency.unit_missing", "Cơ quan phải thuộc một đơn vị hành chính.",
                          "The agency must belong to an administrative unit.", "unit_code");
  }
  return {};
}

const char* role_name(Role role) {
  switch (role) {
    case Role::kDeskOfficer:
      return "desk_officer";
    case Role::kSpecialist:
      return "specialist";
    case Role::kLeader:
      return "leader";
    case Role::kClerk:
      return "clerk";
    case Role::kAdministrator:
      return "administrator";
    case Role::kSupervisor:
      return "supervisor";
  }
  return "specialist";
}

const char* role_label_vi(Role role) {
  switch (role) {
    case Role::kDeskOfficer:
      return "Cán bộ một cửa";
    case Role::kSpecialist:
      return "Chuyên viên";
    case Role::kLeader:
      return "Lãnh đạo";
    case Role::kClerk:
      return "Văn thư";
    case Role::kAdministrator:
      return "Quản trị hệ thống";
    case Role::kSupervisor:
      return "Giám sát";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view s) {
  return parse_by_name(s, kAllRoles, role_name);
}

const char* user_kind_name(UserKind kind) {
  switch (kind) {
    case UserKind::kOfficial:
      return "official";
    case UserKind::kCitizen:
      return "citizen";
    case UserKind::kSystem:
      return "system";
  }
  return "citizen";
}

std::optional<UserKind> parse_user_kind(std::string_view s) {
  static constexpr UserKind kAll[] = {UserKind::kOfficial, UserKind::kCitizen, UserKind::kSystem};
  return parse_by_name(s, kAll, user_kind_name);
}

Status validate_username(std::string_view username) {
  bool ok = username.size() >= 3 && username.size() <= 64;
  for (char c : username) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
  }
  if (!ok) {
    return Error::invalid(
        "user.username_invalid",
        "Tên đăng nhập gồm 3-64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.",
        "The username must be 3-64 characters of a-z, 0-9, '.', '_' or '-'.", "username");
  }
  return {};
}

Status validate_user(const User& user) {
  MOTCUA_RETURN_IF_ERROR(validate_username(user.username));
  if (user.full_name.empty() || user.full_name.size() > 200) {
    return Error::invalid("user.full_name_invalid", "Họ và tên không được để trống (tối đa 200 ký tự).",
                          "The full name is required (at most 200 characters).", "full_name");
  }
  if (user.kind != UserKind::kOfficial && !user.roles.empty()) {
    return Error::invalid("user.roles_not_allowed", "Chỉ tài khoản cán bộ mới được gán vai trò.",
                          "Only officials can hold roles.", "roles");
  }
  for (const auto& r : user.roles)
    MOTCUA_RETURN_IF_ERROR(validate_agency_code(r.agency_code, "roles.agency_code"));
  if (!user.personal_id.empty() && (user.personal_id.size() != 12 || !all_digits(user.personal_id))) {
    return Error::invalid("user.personal_id_invalid", "Số định danh cá nhân phải gồm đúng 12 chữ số.",
                          "The personal identification number must have exactly 12 digits.", "personal_id");
  }
  return {};
}

Status validate_password(std::string_view username, std::string_view password) {
  if (password.size() < 10 || password.size() > 256) {
    return Error::invalid("user.password_weak", "Mật khẩu phải có từ 10 đến 256 ký tự.",
                          "The password must have 10 to 256 characters.", "password");
  }
  if (password == username) {
    return Error::invalid("user.password_weak", "Mật khẩu không được trùng tên đăng nhập.",
                          "The password must differ from the username.", "password");
  }
  return {};
}

std::string place_name(const AdministrativeUnit& unit) {
  const std::string& name = unit.name;
  if (!unit.type.empty() && name.size() > unit.type.size() + 1 &&
      name.compare(0, unit.type.size(), unit.type) == 0 && name[unit.type.size()] == ' ')
    return name.substr(unit.type.size() + 1);
  return name;
}

}  // namespace motcua::domain
