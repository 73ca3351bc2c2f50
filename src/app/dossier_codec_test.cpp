#include "app/dossier_codec.hpp"

#include <gtest/gtest.h>

#include "app/json_input.hpp"
#include "app/json_writer.hpp"

namespace motcua::app {
namespace {

using domain::DossierState;
using domain::Role;
using nlohmann::json;

// A dossier with every member set to something other than its default.
domain::Dossier full_dossier() {
  domain::Dossier d;
  d.code = "000.00.07.H38-250425-0012";
  d.procedure_code = "1.001193";
  d.workflow_version = 3;
  d.rule_version = "2025";
  d.receiving_agency = "000.00.07.H38";
  d.unit_bindings = {{"applicant_commune", "000.07.01.H38"}, {"receiving_agency", "000.00.07.H38"}};
  d.channel = domain::Channel::kPost;
  d.applicant = {domain::ApplicantKind::kOrganisation,
                 "Công ty TNHH Đặng Gia",
                 "001085012345",
                 "5300123456",
                 "Số 1, đường Hoàng Liên",
                 "02680",
                 "0912345678",
                 "danggia@example.vn",
                 42};
  d.declaration = {{"ho_ten_tre", "Đặng Minh Khôi"}, {"ngay_sinh", "2025-04-20"}};
  d.components = {{"Tờ khai", "application/pdf", 12345, std::string(64, 'a')},
                  {"Giấy chứng sinh", "image/jpeg", 999, std::string(64, 'b')}};
  d.fee_vnd = 8000;
  d.fee_paid = true;
  d.state = DossierState::kSupplementRequested;
  d.state_before_pause = DossierState::kInProcess;
  d.tasks = {{"tham_dinh", -1, "000.00.07.H38", Role::kSpecialist, 100, 200, 28800},
             {"xin_y_kien", 1, "000.00.09.H38", Role::kLeader, 110, 210, 14400}};
  d.submitted_at = 1'745'550'000;
  d.received_at = 1'745'553'600;
  d.due_at = 1'745'830'800;
  d.original_due_at = 1'745'820'000;
  d.finished_at = 1'745'900'000;
  d.total_allowed_seconds = 86'400;
  d.pauses = {{1'745'600'000, 1'745'700'000}};
  d.supplement_requests = 2;
  d.extended = true;
  d.version = 7;
  return d;
}

domain::WorkflowDefinition two_step_workflow() {
  domain::WorkflowDefinition def;
  def.procedure_code = "1.001193";
  def.agency_code = "000.00.07.H38";
  def.version = 2;
  domain::WorkflowStep review{"tham_dinh",
                              "Thẩm định hồ sơ",
                              Role::kSpecialist,
                              domain::UnitSource::kReceivingAgency,
                              "",
                              2,
                              {{"forward", "phe_duyet"}},
                              {{"000.00.09.H38", Role::kSpecialist}}};
  domain::WorkflowStep approve{"phe_duyet",
                               "Phê duyệt",
                               Role::kLeader,
                               domain::UnitSource::kFixed,
                               "000.00.07.H38",
                               1,
                               {{"approve", domain::kCompleteTarget}, {"return_for_review", "tham_dinh"}},
                               {}};
  def.steps = {review, approve};
  def.form = {{"ho_ten_tre", "Họ, chữ đệm, tên của trẻ", domain::FieldType::kText, true, 100, {}},
              {"gioi_tinh", "Giới tính", domain::FieldType::kChoice, true, 500, {"Nam", "Nữ"}}};
  return def;
}

TEST(DossierCodecTest, DossierRoundTripsEveryMember) {
  const domain::Dossier d = full_dossier();
  const json doc = dossier_to_json(d);
  EXPECT_FALSE(doc.contains("history"));
  auto back = dossier_from_json(json::parse(doc.dump()));
  ASSERT_TRUE(back.ok()) << back.error().message_en;
  EXPECT_EQ(dossier_to_json(*back), doc);
  EXPECT_EQ(back->applicant.kind, domain::ApplicantKind::kOrganisation);
  EXPECT_EQ(back->applicant.user_id, 42);
  EXPECT_EQ(back->tasks.at(1).role, Role::kLeader);
  EXPECT_EQ(back->tasks.at(1).branch, 1);
  EXPECT_EQ(back->state_before_pause, DossierState::kInProcess);
  EXPECT_EQ(back->pauses.at(0).to, 1'745'700'000);
  EXPECT_EQ(back->declaration.at("ho_ten_tre"), "Đặng Minh Khôi");
  EXPECT_EQ(back->components.at(0).size, 12345);
  EXPECT_TRUE(back->extended);
  EXPECT_EQ(back->version, 7);
}

// The stored document is the same but for the code and the version, which the storage keeps as columns:
// a submission encodes it before its transaction assigns the code.
TEST(DossierCodecTest, StoredDocumentLeavesOutTheCodeAndTheVersion) {
  domain::Dossier d = full_dossier();
  const json stored = json::parse(encode_dossier_document(d));
  EXPECT_FALSE(stored.contains("code"));
  EXPECT_FALSE(stored.contains("version"));
  d.code = "000.00.07.H38-250425-0099";  // assigned after encoding: the document does not change
  d.version = 3;
  EXPECT_EQ(json::parse(encode_dossier_document(d)), stored);
  auto back = dossier_from_json(stored);
  ASSERT_TRUE(back.ok()) << back.error().message_en;
  EXPECT_EQ(back->code, "");
  EXPECT_EQ(back->version, 0);
  back->code = d.code;
  back->version = d.version;
  EXPECT_EQ(dossier_to_json(*back), dossier_to_json(d));
}

// The fast writer (json_writer.hpp) writes what nlohmann would: the same members in the same (key) order, the
// same escapes, non-ASCII as UTF-8. Parsing and dumping again with nlohmann gives back the same bytes.
TEST(DossierCodecTest, WrittenJsonIsNlohmannsOwnForm) {
  domain::Dossier d = full_dossier();
  d.applicant.address = "Số 5 \"ngõ\" 3\\4\nTổ 2\t\x01";
  d.result = domain::ResultDocument{
      "Thông báo kết quả", std::string(64, 'a'), 2048,     "application/pdf", 1'745'800'000,
      "000.00.07.H38",     "Nguyễn Văn Lãnh",    "UBND xã"};
  const std::string stored = encode_dossier_document(d);
  EXPECT_EQ(json::parse(stored).dump(), stored);
  const std::string full = dossier_to_json(d).dump();
  EXPECT_EQ(json::parse(full).dump(), full);
  EXPECT_NE(full.find("\"address\":\"Số 5 \\\"ngõ\\\" 3\\\\4\\nTổ 2\\t\\u0001\""), std::string::npos) << full;
  domain::DossierEvent e;
  e.note = "Bổ sung \"giấy khai sinh\"";
  e.timeliness = domain::calendar::Timeliness::kLate;
  const std::string event = dossier_event_to_json(e).dump();
  JsonWriter w;
  w.begin_object();
  write_dossier_event_members(w, e);
  w.end_object();
  EXPECT_EQ(w.str(), event);
}

TEST(DossierCodecTest, IllFormedUtf8IsWrittenWithReplacementCharacters) {
  domain::Dossier d = full_dossier();
  d.applicant.full_name = "Tr\xe1\xba\xa7n \xff";
  const json doc = json::parse(encode_dossier_document(d));
  EXPECT_EQ(doc["applicant"]["full_name"], "Trần \xef\xbf\xbd");
}

TEST(DossierCodecTest, HistoryIsNeitherWrittenNorRead) {
  domain::Dossier d = full_dossier();
  d.history.push_back({});
  EXPECT_FALSE(dossier_to_json(d).contains("history"));
  json doc = dossier_to_json(d);
  doc["history"] = json::array({dossier_event_to_json({})});
  auto back = dossier_from_json(doc);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->history.empty());
}

TEST(DossierCodecTest, MissingMembersTakeDefaults) {
  auto d = dossier_from_json(json{{"code", "X-250425-0001"}});
  ASSERT_TRUE(d.ok()) << d.error().message_en;
  EXPECT_EQ(d->code, "X-250425-0001");
  EXPECT_EQ(d->state, DossierState::kSubmittedOnline);
  EXPECT_TRUE(d->tasks.empty());
}

TEST(DossierCodecTest, CorruptMembersNameTheField) {
  struct Case {
    const char* pointer;
    json value;
    const char* field;
  } cases[] = {
      {"/state", "lost", "state"},
      {"/fee_vnd", "8000", "fee_vnd"},
      {"/tasks/1/role", "janitor", "tasks[1].role"},
      {"/tasks/0/branch", 1e12, "tasks[0].branch"},
      {"/applicant/user_id", "42", "applicant.user_id"},
      {"/declaration/ngay_sinh", 20250420, "declaration.ngay_sinh"},
      {"/pauses", json::object(), "pauses"},
  };
  for (const auto& c : cases) {
    json doc = dossier_to_json(full_dossier());
    doc[json::json_pointer(c.pointer)] = c.value;
    auto d = dossier_from_json(doc);
    ASSERT_FALSE(d.ok()) << c.pointer;
    EXPECT_EQ(d.error().field, c.field) << c.pointer;
  }
  EXPECT_FALSE(dossier_from_json(json::array()).ok());
}

TEST(DossierCodecTest, EventRoundTripsWithAndWithoutTimeliness) {
  domain::DossierEvent e{1'745'553'600,
                         7,
                         "canbo01",
                         "forward",
                         DossierState::kInProcess,
                         DossierState::kInProcess,
                         "tham_dinh",
                         "phe_duyet",
                         "000.00.07.H38",
                         "000.00.07.H38",
                         "Đủ điều kiện",
                         domain::calendar::Timeliness::kLate,
                         30'000,
                         28'800};
  auto back = dossier_event_from_json(json::parse(dossier_event_to_json(e).dump()));
  ASSERT_TRUE(back.ok()) << back.error().message_en;
  EXPECT_EQ(dossier_event_to_json(*back), dossier_event_to_json(e));
  EXPECT_EQ(back->timeliness, domain::calendar::Timeliness::kLate);
  EXPECT_EQ(back->note, "Đủ điều kiện");
  e.timeliness.reset();
  EXPECT_FALSE(dossier_event_to_json(e).contains("timeliness"));
  back = dossier_event_from_json(dossier_event_to_json(e));
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->timeliness.has_value());
  json bad = dossier_event_to_json(e);
  bad["timeliness"] = "sometimes";
  auto rejected = dossier_event_from_json(bad, "history[3]");
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().field, "history[3].timeliness");
}

TEST(DossierCodecTest, WorkflowRoundTripsInBothForms) {
  const domain::WorkflowDefinition def = two_step_workflow();
  ASSERT_TRUE(domain::validate_workflow(def).ok());
  const json doc = workflow_to_json(def);
  auto stored = workflow_from_stored_json(json::parse(doc.dump()));
  ASSERT_TRUE(stored.ok()) << stored.error().message_en;
  EXPECT_EQ(workflow_to_json(*stored), doc);
  auto input = workflow_from_json(doc);
  ASSERT_TRUE(input.ok()) << input.error().message_en;
  EXPECT_EQ(workflow_to_json(*input), doc);
  EXPECT_EQ(input->steps.at(0).consult.at(0).agency_code, "000.00.09.H38");
  EXPECT_EQ(input->steps.at(1).unit, domain::UnitSource::kFixed);
  EXPECT_EQ(input->steps.at(1).actions.at("approve"), domain::kCompleteTarget);
  EXPECT_EQ(input->form.at(1).type, domain::FieldType::kChoice);
  EXPECT_EQ(input->form.at(1).options.at(1), "Nữ");
  EXPECT_TRUE(input->form.at(0).required);
  EXPECT_EQ(input->form.at(0).max_length, 100);
}

TEST(DossierCodecTest, WorkflowInputIsStrictAndNamesTheField) {
  struct Case {
    const char* pointer;
    json value;
    const char* field;
  } cases[] = {
      {"/colour", "red", "colour"},
      {"/version", "2", "version"},
      {"/version", 0, "version"},
      {"/steps", json::object(), "steps"},
      {"/steps/0/role", "janitor", "steps[0].role"},
      {"/steps/0/unit", "moon", "steps[0].unit"},
      {"/steps/0/share", -1, "steps[0].share"},
      {"/steps/0/typo", 1, "steps[0].typo"},
      {"/steps/1/actions/approve", 5, "steps[1].actions.approve"},
      {"/steps/0/consult/0/role", 3, "steps[0].consult[0].role"},
      {"/steps/0/consult/0/extra", true, "steps[0].consult[0].extra"},
      {"/form/1/type", "colour", "form[1].type"},
      {"/form/0/required", "yes", "form[0].required"},
  };
  for (const auto& c : cases) {
    json doc = workflow_to_json(two_step_workflow());
    doc[json::json_pointer(c.pointer)] = c.value;
    auto def = workflow_from_json(doc, "");
    ASSERT_FALSE(def.ok()) << c.pointer;
    EXPECT_EQ(def.error().code, core::ErrorCode::kInvalidArgument) << c.pointer;
    EXPECT_EQ(def.error().field, c.field) << c.pointer;
  }
  json missing = workflow_to_json(two_step_workflow());
  missing["steps"][0].erase("role");
  auto def = workflow_from_json(missing, "workflow");
  ASSERT_FALSE(def.ok());
  EXPECT_EQ(def.error().field, "workflow.steps[0].role");
}

TEST(DossierCodecTest, WorkflowInputIsValidated) {
  json doc = workflow_to_json(two_step_workflow());
  doc["steps"][1]["actions"] = {{"approve", "nowhere"}};  // an unknown target, and no way to completion
  auto def = workflow_from_json(doc);
  ASSERT_FALSE(def.ok());
  EXPECT_EQ(def.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(def.error().field, "steps[1].actions.approve");
  // The stored form is read back as it is: it was validated when it was saved.
  EXPECT_TRUE(workflow_from_stored_json(doc).ok());
}

}  // namespace
}  // namespace motcua::app
