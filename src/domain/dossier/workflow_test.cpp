#include "domain/dossier/workflow.hpp"

#include <gtest/gtest.h>

#include "domain/dossier/personal_id.hpp"

namespace motcua::domain {
namespace {

WorkflowDefinition valid() {
  WorkflowDefinition wf;
  wf.procedure_code = "1.001193";
  wf.steps = {
      {"a", "Thẩm định", Role::kSpecialist, UnitSource::kReceivingAgency, "", 1, {{"forward", "b"}}, {}},
      {"b",
       "Phê duyệt",
       Role::kLeader,
       UnitSource::kReceivingAgency,
       "",
       1,
       {{"approve", kCompleteTarget}, {"back", "a"}},
       {}},
  };
  return wf;
}

TEST(WorkflowTest, AcceptsAValidDefinition) {
  EXPECT_TRUE(validate_workflow(valid()).ok());
}

TEST(WorkflowTest, RejectsBrokenDefinitionsNamingTheStep) {
  struct Case {
    void (*mutate)(WorkflowDefinition&);
    const char* field;
  } cases[] = {
      {[](WorkflowDefinition& w) { w.steps.clear(); }, "steps"},
      {[](WorkflowDefinition& w) { w.steps[0].actions["forward"] = "nowhere"; }, "steps[0].actions.forward"},
      {[](WorkflowDefinition& w) {  // unreachable
         w.steps.push_back(
             {"c", "Thừa", Role::kClerk, UnitSource::kReceivingAgency, "", 1, {{"x", kCompleteTarget}}, {}});
       },
       "steps[2]"},
      {[](WorkflowDefinition& w) {  // dead end: a loop that never completes
         w.steps[1].actions = {{"back", "a"}};
       },
       "steps[0]"},
      {[](WorkflowDefinition& w) { w.steps[1].actions.clear(); }, "steps[1].actions"},
      {[](WorkflowDefinition& w) { w.steps[1].id = "a"; }, "steps[1].id"},
      {[](WorkflowDefinition& w) { w.steps[0].id = "Bước 1"; }, "steps[0].id"},
      {[](WorkflowDefinition& w) { w.steps[0].unit = UnitSource::kFixed; }, "steps[0].agency_code"},
  };
  for (const auto& c : cases) {
    auto wf = valid();
    c.mutate(wf);
    auto st = validate_workflow(wf);
    ASSERT_FALSE(st.ok()) << c.field;
    EXPECT_EQ(st.error().field, c.field);
    EXPECT_FALSE(st.error().message_vi.empty());
  }
}

TEST(PersonalIdTest, SpecExamples) {
  auto a = parse_personal_id("079304000123", 2026);  // spec §12 rule 14
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->province_name, "TP Hồ Chí Minh");
  EXPECT_EQ(a->sex, Sex::kFemale);
  EXPECT_EQ(a->birth_year, 2004);
  auto b = parse_personal_id("001095012345", 2026);  // rule 15
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->province_name, "Hà Nội");
  EXPECT_EQ(b->sex, Sex::kMale);
  EXPECT_EQ(b->birth_year, 1995);
  EXPECT_FALSE(parse_personal_id("003095012345", 2026).ok());  // no province 003
  EXPECT_FALSE(parse_personal_id("00109501234", 2026).ok());
  EXPECT_FALSE(parse_personal_id("00109501234a", 2026).ok());
  auto future = parse_personal_id("001230012345", 2026);  // century digit 2 -> 2030: impossible in 2026
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "personal_id");
  EXPECT_FALSE(parse_personal_id("001495012345", 2026).ok());  // 22nd century
}

}  // namespace
}  // namespace motcua::domain

namespace motcua::domain {
namespace {

TEST(DeclarationTest, BirthRegistrationForm) {
  std::vector<FormField> form = {
      {"ho_ten_tre", "Họ, chữ đệm, tên của trẻ", FieldType::kText, true, 100, {}},
      {"ngay_sinh", "Ngày, tháng, năm sinh", FieldType::kDate, true, 10, {}},
      {"gioi_tinh", "Giới tính", FieldType::kChoice, true, 10, {"Nam", "Nữ"}},
      {"so_dinh_danh_me", "Số định danh cá nhân của mẹ", FieldType::kPersonalId, false, 12, {}},
  };
  const auto today = *core::parse_date("2026-11-21");
  std::map<std::string, std::string> ok = {{"ho_ten_tre", "Giàng Thị Mai"},
                                           {"ngay_sinh", "2026-11-01"},
                                           {"gioi_tinh", "Nữ"},
                                           {"so_dinh_danh_me", "010192004821"}};
  EXPECT_TRUE(validate_declaration(form, ok, today).ok());
  struct Case {
    const char* key;
    const char* value;  // nullptr: remove the key
  } cases[] = {{"ho_ten_tre", nullptr}, {"ngay_sinh", "2026-02-30"},         {"ngay_sinh", "2027-01-01"},
               {"gioi_tinh", "Khác"},   {"so_dinh_danh_me", "003192004821"}, {"ho_ten_tre", ""},
               {"mau_toc", "đen"}};
  for (const auto& c : cases) {
    auto values = ok;
    if (c.value)
      values[c.key] = c.value;
    else
      values.erase(c.key);
    auto st = validate_declaration(form, values, today);
    ASSERT_FALSE(st.ok()) << c.key;
    EXPECT_EQ(st.error().field, std::string("declaration.") + c.key);
  }
}

}  // namespace
}  // namespace motcua::domain
