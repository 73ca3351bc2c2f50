// Issue 4's scenarios walked end to end over HTTP on SQLite and PostgreSQL, with the server's clock under the
// test's control (a FakeClock injected into the Runtime), so that deadlines are exact: birth registration
// the same day with the 15:00 rule; the three-level land procedure (commune -> provincial department, two
// departments consulted in parallel, the department's leader approves and signs); a supplementation that
// pauses the clock; a late dossier with an apology and a new appointment; withdrawal by the applicant.
//
// The calendar of June 2026 has no public holiday: Monday 1 to Friday 5, Monday 8 to Friday 12... Office
// hours 07:30-11:30 and 13:30-17:00 (7.5 working hours a day); a time limit counts from the working day after
// reception.
#include <chrono>
#include <map>

#include "adapters/pdf/test_support.hpp"
#include "core/time.hpp"
#include "e2e_fixture.hpp"

namespace motcua::e2e {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
constexpr const char* kWardDesk = "000.01.21.H38";  // Trung tâm Phục vụ hành chính công phường Lào Cai

core::UnixSeconds at(const char* rfc3339) {
  return core::parse_instant(rfc3339).value_or(0);
}

class ScenarioTest : public E2eTest {
 protected:
  const core::Clock* clock() override { return &clock_; }

  void at_time(const char* rfc3339) { clock_.set(at(rfc3339)); }

  // A session of `username` valid now: sessions last a working day, and the scenarios move the clock by
  // days, so a session is signed in again once it is four hours old.
  const Session& as(const std::string& username) {
    auto it = sessions_.find(username);
    if (it == sessions_.end() || clock_.now() - it->second.second > 4 * 3600)
      it = sessions_.insert_or_assign(username, std::make_pair(sign_in(username), clock_.now())).first;
    return it->second.first;
  }

  // Uploads a small PDF as `who` and returns its SHA-256.
  std::string upload(const std::string& who) {
    auto up = client_.post("/api/v1/files", kPdf, as(who).headers());
    EXPECT_EQ(up.status, 201) << up.body;
    return up.json().value("sha256", "");
  }

  std::string submit(const std::string& who, const nlohmann::json& body) {
    auto r = client_.post("/api/v1/dossiers", body.dump(), as(who).headers());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("code", "");
  }

  // The land procedure 1.012753 submitted at the ward's desk for an organisation, with every required
  // component; returns the code.
  std::string submit_land_registration(const std::string& who) {
    const auto procedure = client_.get("/api/v1/procedures/1.012753").json();
    const std::string sha = upload(who);
    nlohmann::json components = nlohmann::json::array();
    for (const auto& c : procedure["components"])
      if (c.value("required", false)) components.push_back({{"name", c.value("name", "")}, {"sha256", sha}});
    EXPECT_FALSE(components.empty()) << procedure.dump();
    return submit(who, {{"procedure_code", "1.012753"},
                        {"receiving_agency", kWardDesk},
                        {"applicant",
                         {{"kind", "organisation"},
                          {"full_name", "Công ty TNHH Nông sản Hoàng Liên"},
                          {"tax_code", "5300123456"},
                          {"personal_id", "010192004821"},
                          {"commune_code", "02647"},
                          {"address", "Tổ 5, phường Lào Cai, tỉnh Lào Cai"}}},
                        {"components", components}});
  }

  HttpResult act(const std::string& who, const std::string& code, const std::string& action,
                 const nlohmann::json& body = nlohmann::json::object()) {
    return client_.post("/api/v1/dossiers/" + code + "/actions/" + action, body.dump(), as(who).headers());
  }
  // The action must succeed; returns the dossier as it answered.
  nlohmann::json must(const std::string& who, const std::string& code, const std::string& action,
                      const nlohmann::json& body = nlohmann::json::object()) {
    auto r = act(who, code, action, body);
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    return r.json();
  }

  core::FakeClock clock_{at("2026-06-01T09:00:00+07:00")};  // Monday
  std::map<std::string, std::pair<Session, core::UnixSeconds>> sessions_;
};

// The text of a PDF (pdftotext, NFC, whitespace collapsed); the PDF and its first page as PNG are left in
// forms_artifacts_dir()/<name>.*.
std::string pdf_text(const std::string& pdf, const std::string& name) {
  const auto dir = forms_artifacts_dir();
  const std::string path = (dir / (name + ".pdf")).string();
  adapters::testing::write_file(path, pdf);
  adapters::testing::run("pdftoppm -r 80 -png -singlefile " + path + " " + (dir / name).string());
  return adapters::testing::normalise_text(
      adapters::testing::run("pdftotext -enc UTF-8 " + path + " -").output);
}

// The dossier's appointment (Unix seconds).
core::UnixSeconds due_of(const nlohmann::json& d) {
  return d.value("due_at", core::UnixSeconds{0});
}

// The timeliness ("early" / "on_time" / "late") of the last history row of `action`.
std::string timeliness_of(const nlohmann::json& d, const std::string& action) {
  std::string out;
  for (const auto& e : d["history"])
    if (e.value("action", "") == action) out = e.value("timeliness", "");
  return out;
}

TEST_P(ScenarioTest, BirthRegistrationIsDueTheSameDayBefore1500AndTheNextWorkingDayAfter) {
  const std::string citizen = "congdan.hoa";
  const std::string desk = "motcua.phuonglaocai";
  // Received at 14:59 on Monday: due at the end of Monday's office hours.
  at_time("2026-06-01T14:59:00+07:00");
  const std::string early = submit(citizen, birth_registration_json(upload(citizen)));
  EXPECT_EQ(due_of(must(desk, early, "receive")), at("2026-06-01T17:00:00+07:00"));
  // Received at 15:01: counts from Tuesday, due at the end of Tuesday.
  at_time("2026-06-01T15:01:00+07:00");
  const std::string late = submit(citizen, birth_registration_json(upload(citizen)));
  EXPECT_EQ(due_of(must(desk, late, "receive")), at("2026-06-02T17:00:00+07:00"));
  // Received on Friday after 15:00: due on Monday.
  at_time("2026-06-05T16:00:00+07:00");
  const std::string friday = submit(citizen, birth_registration_json(upload(citizen)));
  EXPECT_EQ(due_of(must(desk, friday, "receive")), at("2026-06-08T17:00:00+07:00"));

  // The early one is processed the same day: on time (trước hạn / đúng hạn by date), result returned.
  at_time("2026-06-01T15:10:00+07:00");
  must(desk, early, "transfer");
  must("chuyenvien.phuonglaocai", early, "forward");
  at_time("2026-06-01T16:30:00+07:00");
  auto approved = must("lanhdao.phuonglaocai", early, "approve");
  EXPECT_EQ(approved.value("state", ""), "completed");
  EXPECT_EQ(timeliness_of(approved, "approve"), "on_time");  // finished on the appointment's date
  EXPECT_EQ(must(desk, early, "return_result").value("state", ""), "result_returned");
}

TEST_P(ScenarioTest, ThreeLevelLandProcedureWithParallelConsultation) {
  const std::string citizen = "congdan.hoa";
  const std::string desk = "motcua.phuonglaocai";
  const std::string commune = "chuyenvien.phuonglaocai";
  const std::string department = "chuyenvien.sonnmt";
  const std::string finance = "chuyenvien.sotaichinh";
  const std::string construction = "chuyenvien.soxaydung";
  const std::string leader = "lanhdao.sonnmt";

  // An organisation registers its land at the ward's desk, with the procedure's required components.
  const std::string code = submit_land_registration(citizen);
  ASSERT_FALSE(code.empty());
  // 17 working days from Tuesday 2 June: Wednesday 24 June.
  EXPECT_EQ(due_of(must(desk, code, "receive")), at("2026-06-24T17:00:00+07:00"));

  // Level 1: the ward appraises (the desk's People's Committee), then hands over to the province.
  auto d = must(desk, code, "transfer");
  ASSERT_EQ(d["tasks"].size(), 1u);
  EXPECT_EQ(d["tasks"][0].value("agency_code", ""), "000.00.21.H38");
  EXPECT_EQ(act(department, code, "forward").status, 403);  // not yet the department's turn
  at_time("2026-06-03T10:00:00+07:00");
  d = must(commune, code, "forward");
  EXPECT_EQ(d["tasks"][0].value("agency_code", ""), "000.00.03.H38");
  EXPECT_EQ(timeliness_of(d, "forward"), "early");

  // Level 2: the Department of Agriculture and Environment appraises, then consults two departments at once.
  at_time("2026-06-08T10:00:00+07:00");
  d = must(department, code, "forward");
  EXPECT_EQ(d.value("state", ""), "consultation");
  ASSERT_EQ(d["tasks"].size(), 2u);
  // Each consulted department finds the dossier in its inbox, and answers only its own branch.
  auto inbox = client_.get("/api/v1/inbox", as(construction).headers(false)).json();
  ASSERT_EQ(inbox["items"].size(), 1u) << inbox.dump();
  EXPECT_EQ(inbox["items"][0].value("code", ""), code);
  const int construction_branch = inbox["items"][0].value("branch", -1);
  const int finance_branch = 1 - construction_branch;
  EXPECT_EQ(act(construction, code, "give_opinion", {{"note", "Đồng ý"}, {"branch", finance_branch}}).status,
            403);
  at_time("2026-06-09T09:00:00+07:00");
  d = must(finance, code, "give_opinion",
           {{"note", "Đã xác định nghĩa vụ tài chính"}, {"branch", finance_branch}});
  EXPECT_EQ(d.value("state", ""), "consultation");  // still waiting for the other department
  at_time("2026-06-10T14:00:00+07:00");
  d = must(construction, code, "give_opinion",
           {{"note", "Phù hợp quy hoạch xây dựng"}, {"branch", construction_branch}});
  EXPECT_EQ(d.value("state", ""), "in_process");
  ASSERT_EQ(d["tasks"].size(), 1u);
  EXPECT_EQ(d["tasks"][0].value("agency_code", ""), "000.00.03.H38");

  // Level 3: the department's leader approves; the result is signed by the leader and sealed.
  at_time("2026-06-11T09:00:00+07:00");
  must(department, code, "forward");
  at_time("2026-06-12T09:00:00+07:00");
  d = must(leader, code, "approve");
  EXPECT_EQ(d.value("state", ""), "completed");
  EXPECT_EQ(timeliness_of(d, "approve"), "early");  // 12 June, before the 24 June appointment
  ASSERT_TRUE(d.contains("result")) << d.dump();
  EXPECT_EQ(d["result"].value("signed_by", ""), "Lê Quang Huy");

  // The process-control log: every hand-over between the three levels, with its giver.
  std::vector<std::string> handovers;
  for (const auto& e : d["history"]) {
    const std::string from = e.value("from_agency", ""), to = e.value("to_agency", "");
    if (!from.empty() && !to.empty() && from != to) handovers.push_back(from + ">" + to);
  }
  // Desk -> ward (level 1) -> department (level 2, the province) <- the second department consulted (the
  // first answer leaves the step waiting, so it hands nothing over).
  EXPECT_EQ(handovers, (std::vector<std::string>{"000.01.21.H38>000.00.21.H38", "000.00.21.H38>000.00.03.H38",
                                                 "000.00.04.H38>000.00.03.H38"}));
  const auto slip = client_.get("/api/v1/dossiers/" + code + "/forms/control_slip", as(desk).headers(false));
  EXPECT_EQ(slip.status, 200);
  // The applicant's status page shows the finished dossier, without personal data.
  auto status = client_.get("/api/v1/status/" + code);
  EXPECT_EQ(status.status, 200);
  EXPECT_EQ(status.json().value("state", ""), "completed");
  EXPECT_EQ(status.body.find("5300123456"), std::string::npos);
  EXPECT_EQ(must(desk, code, "return_result").value("state", ""), "result_returned");
}

TEST_P(ScenarioTest, ASupplementationPausesTheClock) {
  const std::string citizen = "congdan.hoa";
  const std::string desk = "motcua.phuonglaocai";
  const std::string commune = "chuyenvien.phuonglaocai";
  const std::string code = submit_land_registration(citizen);
  EXPECT_EQ(due_of(must(desk, code, "receive")), at("2026-06-24T17:00:00+07:00"));
  must(desk, code, "transfer");
  // Monday 10:00: the ward asks for more papers; the clock stops.
  at_time("2026-06-01T10:00:00+07:00");
  auto d = must(commune, code, "request_supplement", {{"note", "Bổ sung sơ đồ thửa đất"}});
  EXPECT_EQ(d.value("state", ""), "supplement_requested");
  EXPECT_EQ(act(commune, code, "forward").status, 422);  // nothing moves while it waits for the applicant
  // Wednesday 10:00, two working days (15 working hours) later, the applicant supplements: the appointment
  // and the open step move by exactly that working time.
  at_time("2026-06-03T10:00:00+07:00");
  const auto step_due_before = d["tasks"][0].value("due_at", core::UnixSeconds{0});
  d = must(citizen, code, "supplement");
  EXPECT_EQ(d.value("state", ""), "in_process");
  EXPECT_EQ(due_of(d), at("2026-06-26T17:00:00+07:00"));
  EXPECT_GT(d["tasks"][0].value("due_at", core::UnixSeconds{0}), step_due_before);
  EXPECT_EQ(d.value("supplement_requests", 0), 1);
  // The public status lookup shows the new appointment.
  EXPECT_EQ(client_.get("/api/v1/status/" + code).json().value("due_at", ""),
            core::format_instant_vn(at("2026-06-26T17:00:00+07:00")));
}

TEST_P(ScenarioTest, ALateDossierGetsAnApologyAndANewAppointmentOnce) {
  const std::string citizen = "congdan.hoa";
  const std::string desk = "motcua.phuonglaocai";
  const std::string specialist = "chuyenvien.phuonglaocai";
  const std::string leader = "lanhdao.phuonglaocai";
  const std::string code = submit(citizen, birth_registration_json(upload(citizen)));
  EXPECT_EQ(due_of(must(desk, code, "receive")), at("2026-06-01T17:00:00+07:00"));
  must(desk, code, "transfer");
  // The specialist forwards on Tuesday: that step is late.
  at_time("2026-06-02T08:00:00+07:00");
  auto d = must(specialist, code, "forward");
  EXPECT_EQ(timeliness_of(d, "forward"), "late");
  // Only a leader of the acting unit may postpone; with a reason and a later date; once.
  EXPECT_EQ(
      act(specialist, code, "extend", {{"note", "Chờ xác minh"}, {"new_due", "2026-06-04T17:00:00+07:00"}})
          .status,
      403);
  EXPECT_EQ(act(leader, code, "extend", {{"new_due", "2026-06-04T17:00:00+07:00"}}).status, 400);
  EXPECT_EQ(act(leader, code, "extend", {{"note", "Chờ xác minh"}, {"new_due", "2026-05-29T17:00:00+07:00"}})
                .status,
            400);
  d = must(leader, code, "extend",
           {{"note", "Chờ xác minh thông tin hộ tịch"}, {"new_due", "2026-06-04T17:00:00+07:00"}});
  EXPECT_EQ(due_of(d), at("2026-06-04T17:00:00+07:00"));
  EXPECT_EQ(d.value("original_due_at", core::UnixSeconds{0}), at("2026-06-01T17:00:00+07:00"));
  auto again = act(leader, code, "extend", {{"note", "Lần nữa"}, {"new_due", "2026-06-05T17:00:00+07:00"}});
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(json_error_code(again), "dossier.already_extended");
  // The apology form exists; the dossier then finishes before the new appointment.
  EXPECT_EQ(client_.get("/api/v1/dossiers/" + code + "/forms/apology", as(citizen).headers(false)).status,
            200);
  at_time("2026-06-03T09:00:00+07:00");
  d = must(leader, code, "approve");
  EXPECT_EQ(timeliness_of(d, "approve"), "early");
}

TEST_P(ScenarioTest, TheApplicantWithdrawsAndNothingMovesAfterwards) {
  const std::string citizen = "congdan.hoa";
  const std::string desk = "motcua.phuonglaocai";
  const std::string code = submit(citizen, birth_registration_json(upload(citizen)));
  must(desk, code, "receive");
  // Another citizen may not withdraw it.
  EXPECT_EQ(act("congdan.pao", code, "withdraw").status, 403);
  // The applicant's phone polls the status: unchanged, it answers 304 without a body.
  const auto received = client_.get("/api/v1/status/" + code);
  const auto tag = received.header("etag");
  ASSERT_TRUE(tag.has_value()) << received.body;
  EXPECT_EQ(client_.get("/api/v1/status/" + code, {{"If-None-Match", *tag}}).status, 304);
  at_time("2026-06-01T09:30:00+07:00");
  auto d = must(citizen, code, "withdraw");
  EXPECT_EQ(d.value("state", ""), "withdrawn");
  EXPECT_EQ(d.value("finished_at", core::UnixSeconds{0}), at("2026-06-01T09:30:00+07:00"));
  auto refused = act(desk, code, "transfer");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(json_error_code(refused), "dossier.illegal_action");
  EXPECT_NE(refused.json()["error"].value("message", "").find("transfer"), std::string::npos) << refused.body;
  const auto after = client_.get("/api/v1/status/" + code, {{"If-None-Match", *tag}});
  EXPECT_EQ(after.status, 200) << "a changed status must not be answered 304";
  EXPECT_EQ(after.json().value("state", ""), "withdrawn");
}

TEST_P(ScenarioTest, TheTrackingBookListsTheDossiersTheDeskReceivedInTheMonth) {
  const std::string citizen = "congdan.hoa", desk = "motcua.phuonglaocai";
  // One received on 29 May, two in June (one of them transferred), one submitted but never received.
  at_time("2026-05-29T10:00:00+07:00");
  const std::string may = submit(citizen, birth_registration_json(upload(citizen)));
  must(desk, may, "receive");
  at_time("2026-06-01T09:00:00+07:00");
  const std::string first = submit(citizen, birth_registration_json(upload(citizen)));
  const std::string pending = submit(citizen, birth_registration_json(upload(citizen)));
  must(desk, first, "receive");
  at_time("2026-06-02T10:00:00+07:00");
  must(desk, first, "transfer");
  const std::string second = submit(citizen, birth_registration_json(upload(citizen)));
  must(desk, second, "receive");

  const std::string url = "/api/v1/agencies/" + std::string(kWardDesk) + "/tracking-book?month=";
  auto pdf = client_.get(url + "2026-06", as(desk).headers(false));
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("content-type").value_or(""), "application/pdf");
  const std::string text = pdf_text(pdf.body, "so-theo-doi-2026-06");
  for (const std::string& expected :
       {std::string("SỔ THEO DÕI HỒ SƠ"), std::string("Tháng 6 năm 2026"), first, second,
        std::string("Nguyễn Thị Hoa"), std::string("01/06/2026"), std::string("02/06/2026")})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  EXPECT_LT(text.find(first), text.find(second));  // oldest first
  EXPECT_EQ(text.find(may), std::string::npos);
  EXPECT_EQ(text.find(pending), std::string::npos);
  EXPECT_NE(
      pdf_text(client_.get(url + "2026-05", as(desk).headers(false)).body, "so-theo-doi-2026-05").find(may),
      std::string::npos);

  // Officials of another agency may not read it; bad months and unknown agencies are refused.
  EXPECT_EQ(client_.get(url + "2026-06", as("motcua.tinh").headers(false)).status, 403);
  EXPECT_EQ(client_.get(url + "2026-06", as(citizen).headers(false)).status, 403);
  EXPECT_EQ(client_.get(url + "2026-06").status, 401);
  for (const char* bad : {"2026-13", "2026-6", "", "2026-06-01", "1999-12"}) {
    auto r = client_.get(url + bad, as(desk).headers(false));
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
    EXPECT_EQ(r.json()["error"].value("field", ""), "month") << bad;
  }
  EXPECT_EQ(client_
                .get("/api/v1/agencies/999.99.99.H99/tracking-book?month=2026-06",
                     as("quantri.tinh").headers(false))
                .status,
            404);
}

// The suite's servers have one pooled connection (E2eTest::db_pool): a request that held it while it waited
// for a second would fail after the pool's timeout (5 s) with 503. Caches refill inside the request's own
// transaction.
TEST_P(ScenarioTest, ActsOnceTheCachedProcedureHasExpiredWithoutASecondConnection) {
  const std::string citizen = "congdan.hoa";
  const std::string code = submit(citizen, birth_registration_json(upload(citizen)));
  ASSERT_FALSE(code.empty());
  clock_.advance(3600);  // every cached procedure and workflow is stale now
  const auto started = std::chrono::steady_clock::now();
  auto received = act("motcua.phuonglaocai", code, "receive");
  EXPECT_EQ(received.status, 200) << received.body;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  clock_.advance(3600);
  EXPECT_EQ(act("motcua.phuonglaocai", code, "transfer").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ScenarioTest, ::testing::Values(Engine::kSqlite));
INSTANTIATE_TEST_SUITE_P(Postgres, ScenarioTest, ::testing::Values(Engine::kPostgres));

}  // namespace
}  // namespace motcua::e2e
