// The organisation of a province as motcua models it: administrative units with validity dates (so the 2025
// reorganisation keeps history), agencies with their Decision 20/2020 identifier codes, officials' roles
// scoped to agencies, and user accounts. Plain value types and pure validation; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace motcua::domain {

enum class UnitLevel { kProvince, kDistrict, kCommune };

const char* unit_level_name(UnitLevel level);  // "province" | "district" | "commune"
std::optional<UnitLevel> parse_unit_level(std::string_view s);

// An administrative unit (tỉnh / huyện / xã...) during one period of existence. Codes follow Decision
// 124/2004 (2, 3 and 5 digits) and, from 2025-07-01, Decision 19/2025; a code can be reused by a unit of a
// later period, so a unit is identified by its code *and* the date at which it is looked up.
struct AdministrativeUnit {
  std::string code;  // national statistical code: "15", "080", "02674"
  std::string name;  // official name with its type: "Tỉnh Lào Cai", "Xã Bảo Hà"
  std::string type;  // "Tỉnh", "Thành phố trực thuộc trung ương", "Huyện", "Phường", "Đặc khu"...
  UnitLevel level = UnitLevel::kCommune;
  std::string parent_code;               // empty for provinces; the parent valid over the same period
  std::optional<core::Date> valid_from;  // nullopt: before our records start
  std::optional<core::Date> valid_to;    // last day of existence; nullopt: still in force
  std::vector<std::string>
      successor_codes;  // units (valid from valid_to + 1 day) that took over its territory

  bool valid_on(core::Date d) const {
    return (!valid_from || *valid_from <= d) && (!valid_to || d <= *valid_to);
  }
};

// The place name on a document's date line (Decree 30/2020): the unit's name without its type, "Phường Lào
// Cai" of type "Phường" -> "Lào Cai"; the whole name when it does not start with its type.
std::string place_name(const AdministrativeUnit& unit);

// Checks code shape for the level (2 / 3 / 5 digits), a non-empty name, a parent for non-provinces, and that
// valid_from <= valid_to.
core::Status validate_unit(const AdministrativeUnit& unit);

enum class AgencyKind { kPeopleCommittee, kDepartment, kOneStopSection, kOther };
const char* agency_kind_name(
    AgencyKind kind);  // "people_committee" | "department" | "one_stop_section" | "other"
std::optional<AgencyKind> parse_agency_kind(std::string_view s);

// An agency (cơ quan), a department of it, or its one-stop section (Bộ phận Một cửa).
struct Agency {
  std::string code;  // electronic identifier code, Decision 20/2020: "000.00.00.H38" (13 characters)
  std::string name;  // "Sở Tư pháp tỉnh Lào Cai"
  AgencyKind kind = AgencyKind::kOther;
  std::string unit_code;    // administrative unit it serves (current period)
  std::string parent_code;  // parent agency's identifier code, empty at the top
};

// Decision 20/2020 identifier: four dot-separated groups "DDD.DD.DD.LNN" (13 characters), where L is an
// upper-case letter. Returns InvalidArgument naming `field` otherwise.
core::Status validate_agency_code(std::string_view code, std::string_view field = "code");
core::Status validate_agency(const Agency& agency);

enum class Role { kDeskOfficer, kSpecialist, kLeader, kClerk, kAdministrator, kSupervisor };
inline constexpr Role kAllRoles[] = {Role::kDeskOfficer, Role::kSpecialist,    Role::kLeader,
                                     Role::kClerk,       Role::kAdministrator, Role::kSupervisor};
const char* role_name(Role role);      // "desk_officer", "specialist", "leader", "clerk"...
const char* role_label_vi(Role role);  // "Cán bộ một cửa", "Chuyên viên", "Lãnh đạo"...
std::optional<Role> parse_role(std::string_view s);

// A role held by an official in one agency. Acting on a dossier's task needs the role in the task's very
// agency; a leader also oversees the whole queue of the agency and of its sub-agencies
// (DossierService::unit_inbox).
struct RoleAssignment {
  Role role = Role::kSpecialist;
  std::string agency_code;
};

enum class UserKind { kOfficial, kCitizen, kSystem };
const char* user_kind_name(UserKind kind);
std::optional<UserKind> parse_user_kind(std::string_view s);

struct User {
  std::int64_t id = 0;
  std::string username;  // 3-64 characters: a-z 0-9 . _ -
  std::string full_name;
  UserKind kind = UserKind::kCitizen;
  std::string email;
  std::string phone;
  std::string personal_id;  // 12-digit personal identification number, citizens
  std::vector<RoleAssignment> roles;
  bool disabled = false;
};

core::Status validate_username(std::string_view username);
core::Status validate_user(const User& user);
// Minimum password policy: at least 10 characters, not equal to the username.
core::Status validate_password(std::string_view username, std::string_view password);

}  // namespace motcua::domain
