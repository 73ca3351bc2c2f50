// Issue 4 end to end over HTTP, on SQLite and PostgreSQL (instantiated with the E2eTest fixture in
// http_e2e_test.cpp): real procedures of the demo province walked from submission to returned result, the
// public status lookup, idempotent submission, gap-free codes under concurrency, racing officials, and bad
// input that leaves the dossier unchanged.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <thread>

#include "app/dossier_codec.hpp"
#include "e2e_fixture.hpp"

namespace motcua::e2e {
namespace {

constexpr const char* kDesk = "000.01.21.H38";  // one-stop section of Phường Lào Cai
const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

class DossierFlow {
 public:
  explicit DossierFlow(E2eTest& t, HttpClient& c) : t_(t), c_(c) {}

  std::string upload(const Session& s, const std::string& bytes) {
    auto r = c_.post("/api/v1/files", bytes, s.headers());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("sha256", "");
  }

  nlohmann::json birth_registration(const std::string& sha) { return birth_registration_json(sha); }

  HttpResult act(const Session& s, const std::string& code, const std::string& action,
                 nlohmann::json body = {}) {
    return c_.post("/api/v1/dossiers/" + code + "/actions/" + action, body.is_null() ? "{}" : body.dump(),
                   s.headers());
  }

  E2eTest& t_;
  HttpClient& c_;
};

TEST_P(E2eTest, UploadsHaveTheirOwnBodyLimit) {
  // A scanned component is larger than any JSON request: upload routes take up to max_upload_bytes.
  const Session citizen = sign_in("congdan.hoa");
  std::string scan = kPdf;
  scan.insert(scan.size() - 6, std::string(2 * kMaxBodyBytes, ' '));  // inside the PDF, before %%EOF
  ASSERT_GT(static_cast<std::int64_t>(scan.size()), kMaxBodyBytes);
  auto ok = client_.post("/api/v1/files", scan, citizen.headers());
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["size"], scan.size());
  // Above the upload limit: a JSON 413 naming the limit, and nothing stored.
  std::string too_big = kPdf;
  too_big.insert(too_big.size() - 6, std::string(kMaxUploadBytes, ' '));
  auto refused = client_.post("/api/v1/files", too_big, citizen.headers());
  EXPECT_EQ(refused.status, 413);
  EXPECT_EQ(json_error_code(refused), "http.body_too_large");
  EXPECT_NE(refused.body.find(std::to_string(kMaxUploadBytes)), std::string::npos) << refused.body;
  // Other routes keep max_body_bytes.
  auto json = client_.post("/api/v1/dossiers", std::string(2 * kMaxBodyBytes, ' '), citizen.headers());
  EXPECT_EQ(json.status, 413);
}

TEST_P(E2eTest, BirthRegistrationFromOnlineSubmissionToReturnedResult) {
  DossierFlow f(*this, client_);
  auto citizen = sign_in("congdan.hoa");
  const auto sha = f.upload(citizen, kPdf);
  auto submitted = client_.post("/api/v1/dossiers", f.birth_registration(sha).dump(), citizen.headers());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string code = submitted.json()["code"];
  EXPECT_EQ(code.substr(0, 14), std::string(kDesk) + "-");
  EXPECT_EQ(code.substr(code.size() - 5), "-0001");
  EXPECT_EQ(submitted.json()["state"], "submitted_online");

  auto desk = sign_in("motcua.phuonglaocai");
  auto specialist = sign_in("chuyenvien.phuonglaocai");
  auto leader = sign_in("lanhdao.phuonglaocai");
  // The specialist has nothing to do yet; the desk must receive first.
  EXPECT_EQ(f.act(specialist, code, "receive").status, 403);
  auto received = f.act(desk, code, "receive");
  ASSERT_EQ(received.status, 200) << received.body;
  EXPECT_FALSE(received.json()["due"].get<std::string>().empty());
  ASSERT_EQ(f.act(desk, code, "transfer").status, 200);

  auto inbox = client_.get("/api/v1/inbox", specialist.headers(false));
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  ASSERT_EQ(inbox.json()["items"].size(), 1u);
  EXPECT_EQ(inbox.json()["items"][0]["code"], code);
  EXPECT_EQ(client_.get("/api/v1/inbox", leader.headers(false)).json()["items"].size(), 0u);

  ASSERT_EQ(f.act(specialist, code, "forward").status, 200);
  auto approved = f.act(leader, code, "approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["state"], "completed");
  auto returned = f.act(desk, code, "return_result");
  ASSERT_EQ(returned.status, 200);
  EXPECT_EQ(returned.json()["state"], "result_returned");
  // The process-control log: every hand-over, each step marked early / on time / late.
  const auto history = returned.json()["history"];
  ASSERT_EQ(history.size(), 6u);  // with the signed result issued on approval (result_e2e_test.cpp)
  EXPECT_EQ(history[4]["action"], "issue_result");
  EXPECT_TRUE(history[2].contains("timeliness"));
  EXPECT_EQ(history[2]["from_agency"], "000.00.21.H38");

  // Anyone holding the code sees the status, without personal data.
  auto status = client_.get("/api/v1/status/" + code);
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.json()["state"], "result_returned");
  EXPECT_EQ(status.body.find("Nguyễn Thị Hoa"), std::string::npos);
  EXPECT_EQ(status.body.find("010192004821"), std::string::npos);
  auto page = client_.get("/tra-cuu/" + code);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Đã trả kết quả"), std::string::npos);
  EXPECT_EQ(client_.get("/api/v1/status/" + std::string(kDesk) + "-261122-9999").status, 404);
}

// The desk officer's inbox holds the desk's own turns (receive, transfer, return the result); a leader's view
// of the unit holds every open task and desk turn of the agency and of the agencies below it, whatever the
// role.
TEST_P(E2eTest, DeskQueueAndUnitInboxFollowTheDossier) {
  DossierFlow f(*this, client_);
  const auto citizen = sign_in("congdan.hoa");
  const auto submitted = client_.post(
      "/api/v1/dossiers", f.birth_registration(f.upload(citizen, kPdf)).dump(), citizen.headers());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string code = submitted.json()["code"];
  const auto desk = sign_in("motcua.phuonglaocai");  // desk officer of the one-stop section 000.01.21.H38
  const auto leader =
      sign_in("lanhdao.phuonglaocai");  // leader of the ward's People's Committee 000.00.21.H38
  const auto items = [&](const Session& s, const std::string& query) {
    const auto r = client_.get("/api/v1/inbox" + query, s.headers(false));
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json().value("items", nlohmann::json::array());
  };
  // Submitted online: in the desk's own queue, to receive by the close of the day; the leader has nothing of
  // their own but sees it in the ward's queue (the one-stop section is below the ward's People's Committee).
  auto mine = items(desk, "");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["code"], code);
  EXPECT_EQ(mine[0]["desk_action"], "receive");
  EXPECT_EQ(mine[0]["role"], "desk_officer");
  EXPECT_EQ(mine[0]["agency_code"], "000.01.21.H38");
  EXPECT_EQ(mine[0]["overdue"], false);
  EXPECT_EQ(items(leader, "").size(), 0u);
  auto unit = items(leader, "?scope=unit&agency=000.00.21.H38");
  ASSERT_EQ(unit.size(), 1u);
  EXPECT_EQ(unit[0]["desk_action"], "receive");
  EXPECT_EQ(items(leader, "?scope=unit&agency=000.01.21.H38").size(), 1u);  // a unit below the leader's
  // Received: the desk's next turn is the transfer.
  ASSERT_EQ(f.act(desk, code, "receive").status, 200);
  mine = items(desk, "");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["desk_action"], "transfer");
  // Transferred: the ward's specialist holds the task, in the leader's view of the ward; the desk is done.
  ASSERT_EQ(f.act(desk, code, "transfer").status, 200);
  EXPECT_TRUE(items(desk, "").empty());
  EXPECT_EQ(items(leader, "").size(), 0u);
  unit = items(leader, "?scope=unit&agency=000.00.21.H38");
  ASSERT_EQ(unit.size(), 1u);
  EXPECT_EQ(unit[0]["code"], code);
  EXPECT_EQ(unit[0]["agency_code"], "000.00.21.H38");
  EXPECT_EQ(unit[0]["role"], "specialist");
  EXPECT_EQ(unit[0]["desk_action"], "");
  EXPECT_TRUE(items(leader, "?scope=unit&agency=000.01.21.H38").empty());
  // Supervisors see any unit; the province's queue holds the queues of every agency below it (the ward's).
  const auto province = items(sign_in("giamsat.tinh"), "?scope=unit&agency=000.00.00.H38");
  ASSERT_EQ(province.size(), 1u);
  EXPECT_EQ(province[0]["code"], code);
  EXPECT_TRUE(items(sign_in("giamsat.tinh"), "?scope=unit&agency=000.00.02.H38").empty());
  // Approved: back in the desk's queue, to return the result by the appointment; then done.
  ASSERT_EQ(f.act(sign_in("chuyenvien.phuonglaocai"), code, "forward").status, 200);
  ASSERT_EQ(f.act(leader, code, "approve").status, 200);
  mine = items(desk, "");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["desk_action"], "return_result");
  EXPECT_EQ(mine[0]["task_due"], mine[0]["dossier_due"]);
  ASSERT_EQ(f.act(desk, code, "return_result").status, 200);
  EXPECT_TRUE(items(desk, "").empty());

  // Not a leader there: 403, audited; bad queries: 400 naming the parameter; unknown agency: 404.
  for (const auto& [who, agency] :
       {std::pair<std::string, std::string>{"motcua.phuonglaocai", "000.01.21.H38"},
        {"lanhdao.sotuphap", "000.00.21.H38"},
        {"lanhdao.phuonglaocai", "000.00.00.H38"}}) {
    const auto r = client_.get("/api/v1/inbox?scope=unit&agency=" + agency, sign_in(who).headers(false));
    EXPECT_EQ(r.status, 403) << who << " " << agency;
    EXPECT_EQ(json_error_code(r), "inbox.not_your_unit");
  }
  const auto audit = client_.get("/api/v1/audit?limit=500&action=dossier.unit_inbox",
                                 sign_in("quantri.tinh").headers(false));
  EXPECT_EQ(audit.json()["items"].size(), 3u) << audit.body;
  const auto bad = [&](const std::string& query, int status, const std::string& error_code) {
    const auto r = client_.get("/api/v1/inbox" + query, leader.headers(false));
    EXPECT_EQ(r.status, status) << query;
    EXPECT_EQ(json_error_code(r), error_code) << query;
  };
  bad("?scope=unit", 400, "agency.code_invalid");
  bad("?scope=everything&agency=000.00.21.H38", 400, "query.bad_scope");
  bad("?scope=unit&agency=000.00.21.H38&limit=0", 400, "query.out_of_range");
  const auto unknown = client_.get("/api/v1/inbox?scope=unit&agency=000.99.99.H38", admin_bearer());
  EXPECT_EQ(unknown.status, 404);
}

TEST_P(E2eTest, DossiersAreVisibleOnlyToTheirApplicantAndTheirUnits) {
  DossierFlow f(*this, client_);
  auto citizen = sign_in("congdan.hoa");
  auto r = client_.post("/api/v1/dossiers", f.birth_registration(f.upload(citizen, kPdf)).dump(),
                        citizen.headers());
  ASSERT_EQ(r.status, 201);
  const std::string code = r.json()["code"];
  EXPECT_EQ(client_.get("/api/v1/dossiers/" + code, citizen.headers(false)).status, 200);
  EXPECT_EQ(client_.get("/api/v1/dossiers/" + code, sign_in("congdan.pao").headers(false)).status, 403);
  EXPECT_EQ(client_.get("/api/v1/dossiers/" + code, sign_in("chuyenvien.sotuphap").headers(false)).status,
            403);
  EXPECT_EQ(client_.get("/api/v1/dossiers/" + code, sign_in("motcua.phuonglaocai").headers(false)).status,
            200);
  // Search: the desk finds it by the applicant's name without diacritics; another citizen finds nothing.
  auto found = client_.get("/api/v1/dossiers?applicant=nguyen%20thi%20hoa",
                           sign_in("motcua.phuonglaocai").headers(false));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(item_codes(found), std::vector<std::string>{code});
  EXPECT_TRUE(item_codes(client_.get("/api/v1/dossiers?applicant=hoa", sign_in("congdan.pao").headers(false)))
                  .empty());
}

TEST_P(E2eTest, SubmissionIsIdempotentAndCodesAreGapFreeUnderConcurrency) {
  DossierFlow f(*this, client_);
  auto citizen = sign_in("congdan.hoa");
  const auto body = f.birth_registration(f.upload(citizen, kPdf)).dump();
  auto headers = citizen.headers();
  headers.emplace_back("Idempotency-Key", "lan-nop-1");
  auto first = client_.post("/api/v1/dossiers", body, headers);
  auto retry = client_.post("/api/v1/dossiers", body, headers);
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(retry.status, 201);
  EXPECT_EQ(first.json()["code"], retry.json()["code"]);

  constexpr int kThreads = 8;
  std::vector<std::string> codes(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      HttpClient c(client_.port());
      auto r = c.post("/api/v1/dossiers", body, citizen.headers());
      if (r.status == 201) codes[static_cast<std::size_t>(i)] = r.json()["code"];
    });
  }
  for (auto& t : threads) t.join();
  std::set<int> sequences;
  for (const auto& code : codes) {
    ASSERT_FALSE(code.empty());
    sequences.insert(std::stoi(code.substr(code.size() - 4)));
  }
  EXPECT_EQ(sequences.size(), static_cast<std::size_t>(kThreads));
  EXPECT_EQ(*sequences.begin(), 2);  // the idempotent submission took 1
  EXPECT_EQ(*sequences.rbegin(), kThreads + 1);
}

// Six desk officers' requests on one received dossier at once, each on its own connection: `action_of(i)`
// names the i-th one's action and `body_of(version)` is their JSON, given the dossier's version as received.
// Checks that exactly one of them landed; returns the HTTP statuses.
struct Race {
  std::string code;
  std::int64_t version = 0;
  std::vector<int> statuses;
};
Race race_on_a_received_dossier(E2eTest& t, HttpClient& client,
                                const std::function<std::string(int)>& action_of,
                                const std::function<nlohmann::json(std::int64_t)>& body_of) {
  DossierFlow f(t, client);
  auto citizen = sign_in(client, "congdan.hoa");
  auto r = client.post("/api/v1/dossiers", f.birth_registration(f.upload(citizen, kPdf)).dump(),
                       citizen.headers());
  Race race;
  race.code = r.json()["code"];
  auto desk = sign_in(client, "motcua.phuonglaocai");
  race.version = f.act(desk, race.code, "receive").json()["version"];
  const std::string body = body_of(race.version).dump();
  constexpr int kThreads = 6;
  race.statuses.resize(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      HttpClient c(client.port());
      race.statuses[static_cast<std::size_t>(i)] =
          c.post("/api/v1/dossiers/" + race.code + "/actions/" + action_of(i), body, desk.headers()).status;
    });
  }
  for (auto& th : threads) th.join();
  auto after = client.get("/api/v1/dossiers/" + race.code, desk.headers(false)).json();
  EXPECT_EQ(after["version"], race.version + 1) << "exactly one action landed";
  EXPECT_EQ(after["history"].size(), 2u);
  EXPECT_EQ(std::count(race.statuses.begin(), race.statuses.end(), 200), 1);
  return race;
}

// With the version they read, the first action moves the dossier on and the others find it moved (409) or
// refused by its new state.
TEST_P(E2eTest, TwoOfficialsRacingOnOneDossierCannotBothSucceed) {
  const Race race = race_on_a_received_dossier(
      *this, client_, [](int i) { return i % 2 ? "transfer" : "refuse"; },
      [](std::int64_t version) {
        return nlohmann::json{{"note", "Hồ sơ không hợp lệ"}, {"version", version}};
      });
  for (int s : race.statuses) EXPECT_TRUE(s == 200 || s == 409 || s == 422) << s;
}

// Without a version the officials want the action done on the dossier as it is: an attempt that loses the
// race is decided again on the new state (on the service's retry thread), so none of them is told 409; the
// first transfer lands and the others are refused by the state it left.
TEST_P(E2eTest, ActionsWithoutAVersionThatLoseARaceAreDecidedAgain) {
  const Race race = race_on_a_received_dossier(
      *this, client_, [](int) { return "transfer"; },
      [](std::int64_t) {
        return nlohmann::json{{"note", "Chuyển phòng chuyên môn"}};
      });
  for (int s : race.statuses) EXPECT_TRUE(s == 200 || s == 403 || s == 422) << s;
}

// Every transition leaves an outbox event in its own transaction, for notifications and other systems: its
// topic, its aggregate and a JSON payload that names the dossier, the action and the new state.
TEST_P(E2eTest, SubmissionsAndActionsLeaveOutboxEvents) {
  DossierFlow f(*this, client_);
  auto events_of = [&](const std::string& code) {
    std::vector<app::OutboxEvent> events;
    EXPECT_TRUE(server_->runtime()
                    .store
                    ->read([&](app::Repositories& repos) -> core::Status {
                      auto pending = repos.dossiers().pending_outbox(100000);
                      if (!pending) return pending.error();
                      for (auto& e : *pending)
                        if (e.aggregate == "dossier:" + code) events.push_back(std::move(e));
                      return {};
                    })
                    .ok());
    return events;
  };
  auto citizen = sign_in("congdan.hoa");
  auto r = client_.post("/api/v1/dossiers", f.birth_registration(f.upload(citizen, kPdf)).dump(),
                        citizen.headers());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string code = r.json()["code"];
  auto desk = sign_in("motcua.phuonglaocai");
  ASSERT_EQ(f.act(desk, code, "receive").status, 200);
  const auto events = events_of(code);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].topic, "dossier.submit");  // every event is named after its action
  EXPECT_EQ(events[1].topic, "dossier.receive");
  const auto submitted = nlohmann::json::parse(events[0].payload_json);
  EXPECT_EQ(submitted["code"], code);
  EXPECT_EQ(submitted["action"], "submit");
  EXPECT_EQ(submitted["state"], "submitted_online");
  EXPECT_EQ(submitted["procedure_code"], "1.001193");
  EXPECT_TRUE(submitted["due_at"].is_number_integer());
  const auto received = nlohmann::json::parse(events[1].payload_json);
  EXPECT_EQ(received["action"], "receive");
  EXPECT_EQ(received["state"], "received");
  EXPECT_GT(received["due_at"].get<std::int64_t>(), 0);

  // A dossier entered at the desk is received there and then: one event, the same as a later "receive".
  auto at_desk = f.birth_registration(f.upload(desk, kPdf));
  at_desk["channel"] = "desk";
  auto d = client_.post("/api/v1/dossiers", at_desk.dump(), desk.headers());
  ASSERT_EQ(d.status, 201) << d.body;
  const auto desk_events = events_of(d.json()["code"]);
  ASSERT_EQ(desk_events.size(), 1u);
  EXPECT_EQ(desk_events[0].topic, "dossier.receive");
  EXPECT_EQ(nlohmann::json::parse(desk_events[0].payload_json)["state"], "received");
}

TEST_P(E2eTest, BadDossierInputIsRefusedAndChangesNothing) {
  DossierFlow f(*this, client_);
  auto citizen = sign_in("congdan.hoa");
  const auto sha = f.upload(citizen, kPdf);
  // Files: wrong type (sniffed, whatever the name), empty.
  auto zip = client_.post("/api/v1/files",
                          std::string("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10) + std::string(64, 'x'),
                          citizen.headers());
  EXPECT_EQ(zip.status, 400);
  EXPECT_EQ(json_error_code(zip), "file.type_not_allowed");
  EXPECT_EQ(json_error_code(client_.post("/api/v1/files", "", citizen.headers())), "file.empty");
  EXPECT_EQ(client_.post("/api/v1/files", kPdf).status, 401);

  struct Case {
    const char* what;
    void (*mutate)(nlohmann::json&);
    int status;
    const char* field;
  } cases[] = {
      {"unknown province code", [](nlohmann::json& b) { b["applicant"]["personal_id"] = "003192004821"; },
       400, "applicant.personal_id"},
      {"birth year in the future", [](nlohmann::json& b) { b["applicant"]["personal_id"] = "010299004821"; },
       400, "applicant.personal_id"},
      {"unknown procedure", [](nlohmann::json& b) { b["procedure_code"] = "9.999999"; }, 404, ""},
      {"declaration: bad date", [](nlohmann::json& b) { b["declaration"]["ngay_sinh"] = "2026-02-30"; }, 400,
       "declaration.ngay_sinh"},
      {"declaration: missing field", [](nlohmann::json& b) { b["declaration"].erase("ho_ten_tre"); }, 400,
       "declaration.ho_ten_tre"},
      {"file never uploaded", [](nlohmann::json& b) { b["components"][0]["sha256"] = std::string(64, 'a'); },
       400, "components[0].sha256"},
      {"unknown field", [](nlohmann::json& b) { b["colour"] = "red"; }, 400, "colour"},
      {"desk channel by a citizen", [](nlohmann::json& b) { b["channel"] = "desk"; }, 403, "channel"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto body = f.birth_registration(sha);
    c.mutate(body);
    auto r = client_.post("/api/v1/dossiers", body.dump(), citizen.headers());
    EXPECT_EQ(r.status, c.status) << r.body;
    if (*c.field) {
      EXPECT_EQ(r.json()["error"].value("field", ""), c.field) << r.body;
    }
  }
  EXPECT_TRUE(item_codes(client_.get("/api/v1/dossiers", citizen.headers(false))).empty());

  // Actions: wrong role, stale version, illegal action: the dossier stays as it was.
  auto ok = client_.post("/api/v1/dossiers", f.birth_registration(sha).dump(), citizen.headers());
  const std::string code = ok.json()["code"];
  auto desk = sign_in("motcua.phuonglaocai");
  const auto before = client_.get("/api/v1/dossiers/" + code, desk.headers(false)).body;
  EXPECT_EQ(f.act(sign_in("chuyenvien.phuonglaocai"), code, "receive").status, 403);
  EXPECT_EQ(f.act(desk, code, "receive", {{"version", 7}}).status, 409);
  auto illegal = f.act(desk, code, "return_result");
  EXPECT_EQ(illegal.status, 422);
  EXPECT_EQ(json_error_code(illegal), "dossier.illegal_action");
  EXPECT_EQ(f.act(desk, code, "refuse").status, 400);  // a refusal needs its reasons
  EXPECT_EQ(client_.get("/api/v1/dossiers/" + code, desk.headers(false)).body, before);
}

TEST_P(E2eTest, EveryDemoWorkflowValidates) {
  std::ifstream in(std::string(MOTCUA_SOURCE_DIR) + "/data/demo/workflows.json");
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = nlohmann::json::parse(text.str());
  ASSERT_GE(doc["workflows"].size(), 30u);
  for (const auto& w : doc["workflows"]) {
    auto def = app::workflow_from_json(w);
    ASSERT_TRUE(def.ok()) << w.value("procedure_code", "") << ": " << def.error().message_en;
    EXPECT_TRUE(domain::validate_workflow(*def).ok()) << def->procedure_code;
  }
}

}  // namespace
}  // namespace motcua::e2e
