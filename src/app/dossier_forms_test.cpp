// The pure part of DossierForms: which forms a history has produced, and how each is filled from it.
#include "app/dossier_forms.hpp"

#include <gtest/gtest.h>

namespace motcua::app {
namespace {

using domain::DossierEvent;
using domain::DossierState;
using S = DossierState;

constexpr core::UnixSeconds kT0 = 1'780'000'000;

DossierEvent ev(const std::string& action, S from, S to, const std::string& actor, core::UnixSeconds at,
                const std::string& from_agency = "", const std::string& to_agency = "",
                const std::string& note = "") {
  DossierEvent e;
  e.action = action;
  e.from_state = from;
  e.to_state = to;
  e.actor = actor;
  e.at = at;
  e.from_agency = from_agency;
  e.to_agency = to_agency;
  e.note = note;
  return e;
}

domain::Dossier received_dossier() {
  domain::Dossier d;
  d.code = "000.01.21.H38-260610-0007";
  d.rule_version = "2025";
  d.receiving_agency = "000.01.21.H38";
  d.applicant.full_name = "Nguyễn Thị Hoa";
  d.applicant.personal_id = "010192004821";
  d.submitted_at = kT0;
  d.received_at = kT0 + 60;
  d.due_at = d.original_due_at = kT0 + 86400;
  d.components = {{"Giấy chứng sinh", "application/pdf", 10, "a"},
                  {"Tờ khai", "application/pdf", 10, "b"},
                  {"Giấy chứng sinh", "image/png", 10, "c"}};
  d.state = S::kReceived;
  d.history = {ev("submit", S::kSubmittedOnline, S::kSubmittedOnline, "applicant", kT0),
               ev("receive", S::kSubmittedOnline, S::kReceived, "motcua", kT0 + 60, "", d.receiving_agency)};
  return d;
}

FormSources sources(const domain::Dossier& d) {
  FormSources s;
  s.dossier = &d;
  s.procedure_name = "Thủ tục đăng ký khai sinh";
  s.time_limit = domain::TimeLimit{0, domain::TimeLimitUnit::kWorkingDays, "", 900};
  s.agencies["000.01.21.H38"] = {"000.01.21.H38", "Bộ phận Một cửa phường Lào Cai",
                                 domain::AgencyKind::kOneStopSection, "02647", "000.00.21.H38"};
  s.agencies["000.00.21.H38"] = {"000.00.21.H38", "Ủy ban nhân dân phường Lào Cai",
                                 domain::AgencyKind::kPeopleCommittee, "02647", ""};
  s.places["000.01.21.H38"] = s.places["000.00.21.H38"] = "Lào Cai";
  s.full_names = {{"motcua", "Lý Thị Dung"}, {"chuyenvien", "Vàng A Sử"}, {"lanhdao", "Nông Văn Thành"}};
  return s;
}

TEST(DossierFormsTest, NamesRoundTripAndUnknownNamesAreRefused) {
  for (auto k : {DossierFormKind::kReceipt, DossierFormKind::kSupplementRequest, DossierFormKind::kRefusal,
                 DossierFormKind::kApology, DossierFormKind::kStopNotice, DossierFormKind::kControlSlip}) {
    EXPECT_EQ(parse_dossier_form(dossier_form_name(k)), k);
    EXPECT_FALSE(dossier_form_title(k, FormSet::k2025).empty());
  }
  EXPECT_FALSE(parse_dossier_form("result"));
  EXPECT_FALSE(parse_dossier_form(""));
  EXPECT_EQ(dossier_form_file_name(DossierFormKind::kReceipt, "X-260610-0001"),
            "tiep-nhan-X-260610-0001.pdf");
  EXPECT_NE(dossier_form_title(DossierFormKind::kApology, FormSet::k2018),
            dossier_form_title(DossierFormKind::kApology, FormSet::k2025));
}

TEST(DossierFormsTest, TimeLimitsAreWrittenAsTheLawStatesThem) {
  const struct {
    domain::TimeLimit limit;
    const char* text;
  } cases[] = {
      {{0, domain::TimeLimitUnit::kWorkingDays, "", {}}, "Trong ngày"},
      {{1, domain::TimeLimitUnit::kWorkingDays, "", {}}, "1 ngày làm việc"},
      {{8, domain::TimeLimitUnit::kWorkingHours, "", {}}, "8 giờ làm việc"},
      {{15, domain::TimeLimitUnit::kDays, "", {}}, "15 ngày"},
      {{2, domain::TimeLimitUnit::kMonths, "", {}}, "2 tháng"},
  };
  for (const auto& c : cases) EXPECT_EQ(time_limit_text(c.limit), c.text);
}

TEST(DossierFormsTest, OnlyFormsTheHistoryProducedAreAvailable) {
  domain::Dossier d = received_dossier();
  d.history.resize(1);
  d.received_at = 0;
  d.state = S::kSubmittedOnline;
  EXPECT_TRUE(available_forms(d).empty());
  auto none = build_dossier_form(DossierFormKind::kReceipt, sources(d));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code_id, "dossier.form_unavailable");

  d = received_dossier();
  using K = DossierFormKind;
  EXPECT_EQ(available_forms(d), (std::vector<K>{K::kReceipt, K::kControlSlip}));
  d.history.push_back(ev("refuse", S::kReceived, S::kRefused, "motcua", kT0 + 120, "", "", "Thiếu giấy tờ"));
  d.state = S::kRefused;
  EXPECT_EQ(available_forms(d), (std::vector<K>{K::kReceipt, K::kRefusal, K::kControlSlip}));
  // A stop notice exists only in the 2025 set.
  d.history.back().action = "stop";
  d.state = S::kStopped;
  EXPECT_EQ(available_forms(d), (std::vector<K>{K::kReceipt, K::kStopNotice, K::kControlSlip}));
  d.rule_version = "2018";
  EXPECT_EQ(available_forms(d), (std::vector<K>{K::kReceipt, K::kControlSlip}));
}

TEST(DossierFormsTest, TheReceiptComesFromTheReceptionAndTheProcedure) {
  const domain::Dossier d = received_dossier();
  auto form = build_dossier_form(DossierFormKind::kReceipt, sources(d));
  ASSERT_TRUE(form.ok()) << form.error().message_en;
  const auto& r = std::get<ReceiptForm>(*form);
  EXPECT_EQ(r.header.agency, "Bộ phận Một cửa phường Lào Cai");
  EXPECT_EQ(r.header.superior_agency, "Ủy ban nhân dân phường Lào Cai");
  EXPECT_EQ(r.header.place, "Lào Cai");
  EXPECT_EQ(r.header.issued_at, d.received_at);
  EXPECT_EQ(r.dossier_code, d.code);
  EXPECT_EQ(r.applicant.id_number, "010192004821");
  EXPECT_EQ(r.request, "Thủ tục đăng ký khai sinh");
  ASSERT_EQ(r.documents.size(), 2u);  // two files of one component count as one line of quantity 2
  EXPECT_EQ(r.documents[0].name, "Giấy chứng sinh");
  EXPECT_EQ(r.documents[0].quantity, 2);
  EXPECT_EQ(r.documents[1].name, "Tờ khai");
  EXPECT_EQ(r.processing_time, "Trong ngày");
  EXPECT_EQ(r.due_at, d.original_due_at);
  EXPECT_EQ(r.delivery, ResultDelivery::kOnline);
  EXPECT_FALSE(r.fee_vnd);
  EXPECT_EQ(r.receiver.name, "Lý Thị Dung");
}

TEST(DossierFormsTest, ASupplementRequestListsEachLineOfTheNote) {
  domain::Dossier d = received_dossier();
  d.history.push_back(ev("request_supplement", S::kReceived, S::kSupplementRequested, "motcua", kT0 + 300, "",
                         "", "  Bản sao giấy chứng nhận kết hôn \n\n- Giấy chứng sinh bản chính\r\n"));
  auto form = build_dossier_form(DossierFormKind::kSupplementRequest, sources(d));
  ASSERT_TRUE(form.ok());
  const auto& s = std::get<SupplementRequestForm>(*form);
  EXPECT_EQ(s.items,
            (std::vector<std::string>{"Bản sao giấy chứng nhận kết hôn", "- Giấy chứng sinh bản chính"}));
  EXPECT_EQ(s.header.agency, "Bộ phận Một cửa phường Lào Cai");  // where the dossier was: the desk
  EXPECT_EQ(s.header.issued_at, kT0 + 300);
  EXPECT_EQ(s.officer.name, "Lý Thị Dung");
  EXPECT_EQ(s.contact_name, "Lý Thị Dung");
}

TEST(DossierFormsTest, TheControlSlipListsHandOversWithGiverReceiverAndTimeliness) {
  domain::Dossier d = received_dossier();
  const std::string desk = "000.01.21.H38", ward = "000.00.21.H38";
  auto transfer = ev("transfer", S::kReceived, S::kInProcess, "motcua", kT0 + 600, desk, ward);
  transfer.to_step = "thu_ly";
  auto forward =
      ev("forward", S::kInProcess, S::kInProcess, "chuyenvien", kT0 + 3600, ward, ward, "Đủ điều kiện");
  forward.from_step = "thu_ly";
  forward.to_step = "phe_duyet";
  forward.timeliness = domain::calendar::Timeliness::kEarly;
  auto approve = ev("approve", S::kInProcess, S::kCompleted, "lanhdao", kT0 + 7200, ward, "");
  approve.from_step = "phe_duyet";
  approve.timeliness = domain::calendar::Timeliness::kOnTime;
  auto result = ev("issue_result", S::kCompleted, S::kCompleted, "lanhdao", kT0 + 7200, ward, ward);
  auto returned = ev("return_result", S::kCompleted, S::kResultReturned, "motcua", kT0 + 9000);
  d.history.insert(d.history.end(), {transfer, forward, approve, result, returned});
  auto form = build_dossier_form(DossierFormKind::kControlSlip, sources(d));
  ASSERT_TRUE(form.ok());
  const auto& c = std::get<ControlSlipForm>(*form);
  EXPECT_EQ(c.handling_unit, "Ủy ban nhân dân phường Lào Cai");
  EXPECT_TRUE(c.coordinating_units.empty());
  ASSERT_EQ(c.steps.size(), 3u);  // transfer, forward, approve (not the reception, the result or the return)
  EXPECT_EQ(c.steps[0].from_unit, "Bộ phận Một cửa phường Lào Cai");
  EXPECT_EQ(c.steps[0].giver, "Lý Thị Dung");
  EXPECT_EQ(c.steps[0].to_unit, "Ủy ban nhân dân phường Lào Cai");
  EXPECT_EQ(c.steps[0].receiver, "Vàng A Sử");
  EXPECT_EQ(c.steps[0].result, StepResult::kNone);
  EXPECT_EQ(c.steps[1].giver, "Vàng A Sử");
  EXPECT_EQ(c.steps[1].receiver, "Nông Văn Thành");
  EXPECT_EQ(c.steps[1].result, StepResult::kEarly);
  EXPECT_EQ(c.steps[1].note, "Đủ điều kiện");
  // The approved dossier goes back to the desk, which returns the result.
  EXPECT_EQ(c.steps[2].to_unit, "Bộ phận Một cửa phường Lào Cai");
  EXPECT_EQ(c.steps[2].receiver, "Lý Thị Dung");
  EXPECT_EQ(c.steps[2].result, StepResult::kOnTime);
}

}  // namespace
}  // namespace motcua::app
