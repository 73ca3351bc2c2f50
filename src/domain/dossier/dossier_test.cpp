// Scenario tests of the one-stop state machine on real procedures and the real 2025 calendar.
#include "domain/dossier/dossier.hpp"

#include <gtest/gtest.h>

#include "domain/calendar/holidays.hpp"
#include "domain/calendar/working_calendar.hpp"

namespace motcua::domain {
namespace {

using calendar::LimitUnit;
using calendar::Timeliness;

constexpr const char* kDesk = "000.01.21.H38";      // commune one-stop section
constexpr const char* kCommune = "000.00.21.H38";   // commune People's Committee
constexpr const char* kProvince = "000.00.02.H38";  // a provincial department

class Calendars : public CalendarLookup {
 public:
  Calendars()
      : cal_(*calendar::WorkingCalendar::build(calendar::AgencyCalendarConfig::standard(),
                                               calendar::default_holiday_rules(), 2024, 2027)) {}
  core::Result<const calendar::WorkingCalendar*> calendar_for(const std::string&) override { return &cal_; }

 private:
  calendar::WorkingCalendar cal_;
};

core::UnixSeconds at(const char* text) {
  return *core::parse_instant(text);
}

Party official(const char* name, Role role, const char* agency) {
  return {7, name, {{role, agency}}};
}

WorkflowDefinition two_steps() {
  WorkflowDefinition wf;
  wf.procedure_code = "1.001193";
  wf.steps = {
      {"tham_dinh",
       "Thẩm định",
       Role::kSpecialist,
       UnitSource::kReceivingAgency,
       "",
       1,
       {{"forward", "phe_duyet"}},
       {}},
      {"phe_duyet",
       "Phê duyệt",
       Role::kLeader,
       UnitSource::kReceivingAgency,
       "",
       1,
       {{"approve", kCompleteTarget}, {"return_for_review", "tham_dinh"}},
       {}},
  };
  return wf;
}

Dossier new_dossier() {
  Dossier d;
  d.code = format_dossier_code(kDesk, *core::parse_date("2025-04-25"), 1);
  d.procedure_code = "1.001193";
  d.receiving_agency = kDesk;
  d.unit_bindings = {{"receiving_agency", kCommune}, {"applicant_commune", kCommune}};
  d.applicant.full_name = "Nguyễn Thị Hoa";
  d.applicant.user_id = 42;
  return d;
}

class DossierTest : public ::testing::Test {
 protected:
  core::Result<Transition> act(const Dossier& d, const char* action, const Party& who, const char* when,
                               std::string note = {}, std::optional<core::UnixSeconds> new_due = {},
                               int branch = -1) {
    ActionRequest req{action, std::move(note), new_due, branch};
    return apply_action(d, wf_, terms_, req, who, at(when), calendars_);
  }
  Dossier must(core::Result<Transition> r) {
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
    return r.ok() ? r->dossier : Dossier{};
  }
  WorkflowDefinition wf_ = two_steps();
  ProcedureTerms terms_{{0, LimitUnit::kWorkingDays, 15 * 60}};  // same day; after 15:00 next working day
  Calendars calendars_;
  Party desk_ = official("motcua.xa", Role::kDeskOfficer, kDesk);
  Party specialist_ = official("chuyenvien.xa", Role::kSpecialist, kCommune);
  Party leader_ = official("lanhdao.xa", Role::kLeader, kCommune);
  Party applicant_{42, "congdan.hoa", {}};
};

TEST_F(DossierTest, BirthRegistrationSameDayBefore1500) {
  Dossier d = must(act(new_dossier(), "receive", desk_, "2025-04-23T09:00:00+07:00"));
  EXPECT_EQ(d.state, DossierState::kReceived);
  EXPECT_EQ(core::format_instant_vn(d.due_at), "2025-04-23T17:00:00+07:00");
  d = must(act(d, "transfer", desk_, "2025-04-23T09:05:00+07:00"));
  ASSERT_EQ(d.tasks.size(), 1u);
  EXPECT_EQ(d.tasks[0].agency_code, kCommune);
  EXPECT_EQ(d.tasks[0].role, Role::kSpecialist);
  d = must(act(d, "forward", specialist_, "2025-04-23T10:00:00+07:00"));
  EXPECT_EQ(d.tasks[0].step_id, "phe_duyet");
  auto done = act(d, "approve", leader_, "2025-04-23T11:00:00+07:00");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->dossier.state, DossierState::kCompleted);
  ASSERT_TRUE(done->events.back().timeliness.has_value());
  EXPECT_EQ(*done->events.back().timeliness, Timeliness::kOnTime);  // same date as the appointment
  d = must(act(done->dossier, "return_result", desk_, "2025-04-23T14:00:00+07:00"));
  EXPECT_EQ(d.state, DossierState::kResultReturned);
  EXPECT_EQ(d.history.size(), 5u);
}

TEST_F(DossierTest, ReceivedAfter1500IsDueNextWorkingDay) {
  // Friday 2025-04-25 15:30; Saturday 2025-04-26 is the make-up working day of the 2025 swap (spec §3.2).
  Dossier d = must(act(new_dossier(), "receive", desk_, "2025-04-25T15:30:00+07:00"));
  EXPECT_EQ(core::format_instant_vn(d.due_at), "2025-04-26T17:00:00+07:00");
}

// The desk's own queue: by when the desk must receive an online dossier (the close of that working day, the
// next one at or after 15:00 or on a day off), on the 2025 calendar with its 26/4 make-up Saturday and the
// 30/4-2/5 holidays.
TEST_F(DossierTest, DeskDueOfAnOnlineArrival) {
  const std::pair<const char*, const char*> cases[] = {
      {"2025-04-23T09:00:00+07:00", "2025-04-23T17:00:00+07:00"},  // Wednesday morning: the same day
      {"2025-04-23T14:59:00+07:00", "2025-04-23T17:00:00+07:00"},
      {"2025-04-23T15:00:00+07:00", "2025-04-24T17:00:00+07:00"},  // at the cut-off: the next working day
      {"2025-04-23T22:00:00+07:00", "2025-04-24T17:00:00+07:00"},
      {"2025-04-26T10:00:00+07:00", "2025-04-26T17:00:00+07:00"},  // the make-up Saturday is a working day
      {"2025-04-27T10:00:00+07:00", "2025-04-28T17:00:00+07:00"},  // Sunday: Monday
      {"2025-04-29T16:00:00+07:00", "2025-05-05T17:00:00+07:00"},  // before the 30/4-2/5 days off
  };
  for (const auto& [submitted, expected] : cases) {
    Dossier d = new_dossier();
    d.submitted_at = at(submitted);
    auto due = desk_due(d, calendars_);
    ASSERT_TRUE(due.ok()) << submitted;
    EXPECT_STREQ(desk_action(d.state), "receive");
    EXPECT_EQ(core::format_instant_vn(*due), expected) << submitted;
  }
}

// The desk's turns along a dossier's life: reception, transfer, (not while processing or waiting for the
// applicant), the supplement's arrival, returning the result; nothing once the result is returned.
TEST_F(DossierTest, DeskDueFollowsTheDesksTurns) {
  Dossier d = new_dossier();
  d.submitted_at = at("2025-04-23T08:00:00+07:00");
  d = must(act(d, "receive", desk_, "2025-04-23T15:10:00+07:00"));                 // received after 15:00
  EXPECT_EQ(core::format_instant_vn(d.desk_due_at), "2025-04-24T17:00:00+07:00");  // transfer by then
  EXPECT_STREQ(desk_action(d.state), "transfer");
  d = must(act(d, "request_supplement", desk_, "2025-04-23T15:20:00+07:00", "Thiếu giấy chứng sinh"));
  EXPECT_EQ(d.desk_due_at, 0);  // the applicant's turn
  EXPECT_STREQ(desk_action(d.state), "");
  d = must(act(d, "supplement", applicant_, "2025-04-25T09:00:00+07:00"));
  EXPECT_EQ(core::format_instant_vn(d.desk_due_at), "2025-04-25T17:00:00+07:00");  // from the supplement
  d = must(act(d, "transfer", desk_, "2025-04-25T09:30:00+07:00"));
  EXPECT_EQ(d.desk_due_at, 0);  // with the specialist
  d = must(act(d, "forward", specialist_, "2025-04-25T10:00:00+07:00"));
  EXPECT_EQ(d.desk_due_at, 0);
  d = must(act(d, "approve", leader_, "2025-04-25T11:00:00+07:00"));
  EXPECT_EQ(d.state, DossierState::kCompleted);
  EXPECT_EQ(d.desk_due_at, d.due_at);  // return the result by the appointment
  EXPECT_STREQ(desk_action(d.state), "return_result");
  d = must(act(d, "return_result", desk_, "2025-04-25T14:00:00+07:00"));
  EXPECT_EQ(d.desk_due_at, 0);
  Dossier refused = must(act(new_dossier(), "refuse", desk_, "2025-04-23T09:00:00+07:00", "Sai thẩm quyền"));
  EXPECT_EQ(refused.desk_due_at, 0);
}

TEST_F(DossierTest, IllegalActionsNameStateAndAction) {
  auto r = act(new_dossier(), "approve", leader_, "2025-04-23T09:00:00+07:00");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message_vi.find("approve"), std::string::npos);
  EXPECT_NE(r.error().message_vi.find("Chờ tiếp nhận"), std::string::npos);
  EXPECT_EQ(act(new_dossier(), "return_result", desk_, "2025-04-23T09:00:00+07:00").error().code,
            core::ErrorCode::kFailedPrecondition);
}

TEST_F(DossierTest, WrongRoleOrUnitIsDenied) {
  EXPECT_EQ(act(new_dossier(), "receive", specialist_, "2025-04-23T09:00:00+07:00").error().code,
            core::ErrorCode::kPermissionDenied);
  Party other_desk = official("motcua.khac", Role::kDeskOfficer, "000.01.22.H38");
  EXPECT_EQ(act(new_dossier(), "receive", other_desk, "2025-04-23T09:00:00+07:00").error().code,
            core::ErrorCode::kPermissionDenied);
  Dossier d = must(act(new_dossier(), "receive", desk_, "2025-04-23T09:00:00+07:00"));
  d = must(act(d, "transfer", desk_, "2025-04-23T09:05:00+07:00"));
  EXPECT_EQ(act(d, "forward", leader_, "2025-04-23T10:00:00+07:00").error().code,
            core::ErrorCode::kPermissionDenied);
}

TEST_F(DossierTest, SupplementationPausesTheClock) {
  terms_ = {{3, LimitUnit::kWorkingDays, std::nullopt}};
  Dossier d = must(act(new_dossier(), "receive", desk_, "2025-05-05T09:00:00+07:00"));  // Monday
  EXPECT_EQ(core::format_date(core::vietnam_date_of(d.due_at)), "2025-05-08");
  d = must(act(d, "transfer", desk_, "2025-05-05T09:10:00+07:00"));
  EXPECT_FALSE(
      act(d, "request_supplement", specialist_, "2025-05-05T10:00:00+07:00").ok());  // needs a reason
  d = must(act(d, "request_supplement", specialist_, "2025-05-05T10:00:00+07:00", "Thiếu giấy chứng sinh"));
  EXPECT_EQ(d.state, DossierState::kSupplementRequested);
  EXPECT_FALSE(act(d, "forward", specialist_, "2025-05-06T10:00:00+07:00").ok());
  // The applicant supplements two working days later (Wednesday 10:00): the appointment moves by that time.
  d = must(act(d, "supplement", applicant_, "2025-05-07T10:00:00+07:00"));
  EXPECT_EQ(d.state, DossierState::kInProcess);
  EXPECT_EQ(d.supplement_requests, 1);
  EXPECT_EQ(core::format_date(core::vietnam_date_of(d.due_at)), "2025-05-12");
  ASSERT_EQ(d.pauses.size(), 1u);
  EXPECT_EQ(d.pauses[0].to, at("2025-05-07T10:00:00+07:00"));
}

TEST_F(DossierTest, LateDossierWithApologyAndNewAppointment) {
  terms_ = {{1, LimitUnit::kWorkingDays, std::nullopt}};
  Dossier d = must(act(new_dossier(), "receive", desk_, "2025-05-05T09:00:00+07:00"));
  d = must(act(d, "transfer", desk_, "2025-05-05T09:10:00+07:00"));
  EXPECT_EQ(act(d, "extend", specialist_, "2025-05-06T09:00:00+07:00", "Chờ xác minh").error().code,
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      act(d, "extend", leader_, "2025-05-06T09:00:00+07:00", "Chờ xác minh", d.due_at - 1).error().field,
      "new_due");
  const auto new_due = at("2025-05-09T17:00:00+07:00");
  d = must(act(d, "extend", leader_, "2025-05-06T09:00:00+07:00", "Chờ xác minh", new_due));
  EXPECT_EQ(d.due_at, new_due);
  EXPECT_NE(d.original_due_at, new_due);
  EXPECT_EQ(
      act(d, "extend", leader_, "2025-05-06T10:00:00+07:00", "Lần nữa", new_due + 86400).error().code_id,
      "dossier.already_extended");
  d = must(act(d, "forward", specialist_, "2025-05-08T09:00:00+07:00"));
  auto done = act(d, "approve", leader_, "2025-05-08T10:00:00+07:00");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(*done->events.back().timeliness, Timeliness::kEarly);  // against the new appointment
  // The specialist's step took 3 working days out of half a day: late for that step.
  const auto& forward = done->dossier.history[done->dossier.history.size() - 2];
  EXPECT_EQ(forward.action, "forward");
  EXPECT_EQ(*forward.timeliness, Timeliness::kLate);
}

TEST_F(DossierTest, WithdrawalByTheApplicantOnly) {
  Dossier d = must(act(new_dossier(), "receive", desk_, "2025-05-05T09:00:00+07:00"));
  Party stranger{99, "someone", {}};
  EXPECT_EQ(act(d, "withdraw", stranger, "2025-05-05T10:00:00+07:00").error().code,
            core::ErrorCode::kPermissionDenied);
  d = must(act(d, "withdraw", applicant_, "2025-05-05T10:00:00+07:00"));
  EXPECT_EQ(d.state, DossierState::kWithdrawn);
  EXPECT_TRUE(is_terminal(d.state));
  EXPECT_EQ(act(d, "withdraw", applicant_, "2025-05-05T11:00:00+07:00").error().code,
            core::ErrorCode::kFailedPrecondition);
}

TEST_F(DossierTest, ThreeLevelLienThongWithParallelConsultation) {
  // Commune receives and appraises, two provincial departments are consulted in parallel, the province
  // decides.
  wf_.steps = {
      {"xa_tham_dinh",
       "UBND xã thẩm định",
       Role::kSpecialist,
       UnitSource::kApplicantCommune,
       "",
       2,
       {{"forward", "xin_y_kien"}},
       {}},
      {"xin_y_kien",
       "Xin ý kiến các sở",
       Role::kSpecialist,
       UnitSource::kProvince,
       kProvince,
       2,
       {{"forward", "tinh_phe_duyet"}},
       {{"000.00.03.H38", Role::kSpecialist}, {"000.00.04.H38", Role::kSpecialist}}},
      {"tinh_phe_duyet",
       "Lãnh đạo sở phê duyệt",
       Role::kLeader,
       UnitSource::kProvince,
       kProvince,
       1,
       {{"approve", kCompleteTarget}},
       {}},
  };
  ASSERT_TRUE(validate_workflow(wf_).ok());
  terms_ = {{10, LimitUnit::kWorkingDays, std::nullopt}};
  Dossier d = must(act(new_dossier(), "receive", desk_, "2025-05-05T09:00:00+07:00"));
  d = must(act(d, "transfer", desk_, "2025-05-05T09:10:00+07:00"));
  d = must(act(d, "forward", specialist_, "2025-05-06T09:00:00+07:00"));
  EXPECT_EQ(d.state, DossierState::kConsultation);
  ASSERT_EQ(d.tasks.size(), 2u);
  Party so3 = official("cv.so3", Role::kSpecialist, "000.00.03.H38");
  Party so4 = official("cv.so4", Role::kSpecialist, "000.00.04.H38");
  EXPECT_EQ(act(d, "give_opinion", so3, "2025-05-07T09:00:00+07:00", "Đồng ý", {}, 1).error().code,
            core::ErrorCode::kPermissionDenied);
  d = must(act(d, "give_opinion", so3, "2025-05-07T09:00:00+07:00", "Đồng ý", {}, 0));
  EXPECT_EQ(d.state, DossierState::kConsultation);
  d = must(act(d, "give_opinion", so4, "2025-05-08T09:00:00+07:00", "Đồng ý có điều kiện", {}, 1));
  EXPECT_EQ(d.state, DossierState::kInProcess);
  ASSERT_EQ(d.tasks.size(), 1u);
  EXPECT_EQ(d.tasks[0].agency_code, kProvince);
  Party so2 = official("cv.so2", Role::kSpecialist, kProvince);
  d = must(act(d, "forward", so2, "2025-05-08T10:00:00+07:00"));
  d = must(act(d, "approve", official("ld.so2", Role::kLeader, kProvince), "2025-05-09T10:00:00+07:00"));
  EXPECT_EQ(d.state, DossierState::kCompleted);
  // The process-control slip: every hand-over names giver and receiver units.
  int handovers = 0;
  for (const auto& e : d.history)
    if (!e.from_agency.empty() && !e.to_agency.empty()) ++handovers;
  EXPECT_GE(handovers, 4);
}

TEST_F(DossierTest, AvailableActionsFollowRoleAndState) {
  Dossier d = must(act(new_dossier(), "receive", desk_, "2025-05-05T09:00:00+07:00"));
  auto desk_actions = available_actions(d, wf_, desk_);
  EXPECT_NE(std::find(desk_actions.begin(), desk_actions.end(), "transfer"), desk_actions.end());
  EXPECT_TRUE(available_actions(d, wf_, specialist_).empty());
  d = must(act(d, "transfer", desk_, "2025-05-05T09:10:00+07:00"));
  auto spec_actions = available_actions(d, wf_, specialist_);
  EXPECT_NE(std::find(spec_actions.begin(), spec_actions.end(), "forward"), spec_actions.end());
}

TEST(DossierCodeTest, FormatAndParse) {
  EXPECT_EQ(format_dossier_code("000.00.01.H29", *core::parse_date("2026-03-10"), 420),
            "000.00.01.H29-260310-0420");
  auto p = parse_dossier_code("000.00.01.H29-260310-0420");  // spec §12 rule 7
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->agency_code, "000.00.01.H29");
  EXPECT_EQ(core::format_date(p->day), "2026-03-10");
  EXPECT_EQ(p->sequence, 420);
  auto q = parse_dossier_code("38.98.H29-210519-0013");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->agency_code, "38.98.H29");
  for (const char* bad : {"", "H29-210519", "H29-211319-0001", "H29-2105a9-0001", "-210519-0001"}) {
    EXPECT_FALSE(parse_dossier_code(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace motcua::domain
