#include "domain/procedure.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

Procedure birth_registration() {
  Procedure p;
  p.code = "1.001193";
  p.name = "Thủ tục đăng ký khai sinh";
  p.field = "Hộ tịch";
  p.levels = {ProcedureLevel::kCommune};
  p.online_level = OnlineLevel::kFull;
  p.time_limit = {0, TimeLimitUnit::kWorkingDays, "Trong ngày", 15 * 60};
  p.fees = {{"Lệ phí", 0, "Miễn lệ phí đăng ký khai sinh đúng hạn"}};
  p.components = {{"Tờ khai đăng ký khai sinh", true, "1 bản chính", "Mẫu 1.TK"}};
  return p;
}

TEST(ProcedureTest, AcceptsARealEntry) {
  EXPECT_TRUE(validate_procedure(birth_registration()).ok());
}

TEST(ProcedureTest, CodeShape) {
  for (const char* good : {"1.001193", "2.000815", "3.000362"})
    EXPECT_TRUE(validate_procedure_code(good).ok());
  for (const char* bad : {"1001193", "1.00119", "0.001193", "1.00119a", "1.0011933", "'; --"}) {
    EXPECT_FALSE(validate_procedure_code(bad).ok()) << bad;
  }
}

TEST(ProcedureTest, ErrorsNameTheField) {
  struct Case {
    void (*mutate)(Procedure&);
    const char* field;
  } cases[] = {
      {[](Procedure& p) { p.name.clear(); }, "name"},
      {[](Procedure& p) { p.field.clear(); }, "field"},
      {[](Procedure& p) { p.levels.clear(); }, "levels"},
      {[](Procedure& p) { p.time_limit.value = -1; }, "time_limit.value"},
      {[](Procedure& p) { p.time_limit.cutoff_minutes = 24 * 60; }, "time_limit.cutoff"},
      {[](Procedure& p) { p.fees[0].amount_vnd = -5; }, "fees.amount_vnd"},
      {[](Procedure& p) { p.components[0].name.clear(); }, "components.name"},
      {[](Procedure& p) { p.name = std::string(1001, 'a'); }, "name"},
  };
  for (const auto& c : cases) {
    Procedure p = birth_registration();
    c.mutate(p);
    auto st = validate_procedure(p);
    ASSERT_FALSE(st.ok()) << c.field;
    EXPECT_EQ(st.error().field, c.field);
    EXPECT_FALSE(st.error().message_vi.empty());
  }
}

TEST(ProcedureTest, NamesRoundTrip) {
  for (auto l : {ProcedureLevel::kMinistry, ProcedureLevel::kProvince, ProcedureLevel::kDistrict,
                 ProcedureLevel::kCommune, ProcedureLevel::kOther}) {
    EXPECT_EQ(parse_procedure_level(procedure_level_name(l)), l);
  }
  EXPECT_EQ(parse_time_limit_unit("working_hours"), TimeLimitUnit::kWorkingHours);
  EXPECT_FALSE(parse_online_level("level4").has_value());
}

}  // namespace
}  // namespace motcua::domain
