#include "domain/organisation.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

TEST(OrganisationTest, AgencyCodeFollowsDecision20) {
  struct Case {
    const char* code;
    bool valid;
  } cases[] = {
      {"000.00.00.H38", true},  {"000.00.04.G14", true},   {"000.00.01.H29", true},
      {"000.00.00.h38", false}, {"00.00.00.H38", false},   {"000.00.00.H3", false},
      {"000-00-00-H38", false}, {"000.00.00.H380", false}, {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(validate_agency_code(c.code).ok(), c.valid) << c.code;
  EXPECT_EQ(validate_agency_code("x", "parent_code").error().field, "parent_code");
}

TEST(OrganisationTest, UnitCodeLengthDependsOnLevel) {
  AdministrativeUnit u{"15", "Tỉnh Lào Cai", "Tỉnh", UnitLevel::kProvince, "", {}, {}, {}};
  EXPECT_TRUE(validate_unit(u).ok());
  u.level = UnitLevel::kCommune;
  EXPECT_EQ(validate_unit(u).error().field, "code");
  u.code = "02674";
  EXPECT_EQ(validate_unit(u).error().field, "parent_code");
  u.parent_code = "15";
  EXPECT_TRUE(validate_unit(u).ok());
  u.valid_from = core::parse_date("2025-07-01");
  u.valid_to = core::parse_date("2025-06-30");
  EXPECT_EQ(validate_unit(u).error().field, "valid_to");
}

TEST(OrganisationTest, ValidityIncludesBothEnds) {
  AdministrativeUnit u{
      "080", "Huyện Bảo Thắng", "Huyện", UnitLevel::kDistrict, "10", {}, core::parse_date("2025-06-30"), {}};
  EXPECT_TRUE(u.valid_on(*core::parse_date("2025-06-30")));
  EXPECT_FALSE(u.valid_on(*core::parse_date("2025-07-01")));
  EXPECT_TRUE(u.valid_on(*core::parse_date("1990-01-01")));
}

TEST(OrganisationTest, RolesRoundTripByName) {
  for (Role r : kAllRoles) EXPECT_EQ(parse_role(role_name(r)), r);
  EXPECT_FALSE(parse_role("root").has_value());
}

TEST(OrganisationTest, UsernamesAndPasswords) {
  EXPECT_TRUE(validate_username("canbo.motcua").ok());
  EXPECT_FALSE(validate_username("Cán bộ").ok());
  EXPECT_FALSE(validate_username("ab").ok());
  EXPECT_FALSE(validate_username("a'; DROP TABLE users;--").ok());
  EXPECT_FALSE(validate_password("canbo", "short").ok());
  EXPECT_FALSE(validate_password("canbo12345", "canbo12345").ok());
  EXPECT_TRUE(validate_password("canbo", "mat-khau-dai-du").ok());
}

TEST(OrganisationTest, OnlyOfficialsHoldRoles) {
  User u;
  u.username = "nguyenvana";
  u.full_name = "Nguyễn Văn A";
  u.kind = UserKind::kCitizen;
  u.roles = {{Role::kLeader, "000.00.00.H38"}};
  EXPECT_EQ(validate_user(u).error().field, "roles");
  u.kind = UserKind::kOfficial;
  EXPECT_TRUE(validate_user(u).ok());
  u.personal_id = "07930400012";
  EXPECT_EQ(validate_user(u).error().field, "personal_id");
}

}  // namespace
}  // namespace motcua::domain
