// The legal calendar through HTTP (issue 3): every /api/v1/calendar endpoint, the /lich page and the
// `motcua calendar` command, on a fresh database of each engine (ctest calendar_api_sqlite and
// calendar_api_postgres, which needs MOTCUA_TEST_PG_URL). Requests go through server::build_routes and
// http::Dispatcher without sockets. The spec's examples are §12 rules 16-20 of
// shared/domain/vn-domain-spec.md.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "../contract/contract_support.hpp"
#include "domain/calendar/lunar.hpp"
#include "http/dispatcher.hpp"
#include "server/commands.hpp"
#include "server/serve.hpp"

namespace motcua {
namespace {

namespace fs = std::filesystem;
using contract::Engine;
using nlohmann::json;

constexpr const char* kAgency = "000.00.01.H38";  // Sở Tư pháp tỉnh Lào Cai, in the test database
constexpr const char* kPassword = "lich-lam-viec-2026";

struct Reply {
  int status = 0;
  std::string body;
  json doc;  // the body parsed when it is JSON
  std::string location;
  bool has(const std::string& text) const { return body.find(text) != std::string::npos; }
  std::string error_member(const char* key) const {
    if (!doc.is_object() || !doc.contains("error") || !doc["error"].is_object()) return "(no JSON error)";
    return doc["error"].value(key, std::string());
  }
  std::string error_field() const { return error_member("field"); }
  std::string error_code() const { return error_member("code"); }
};

struct Session {
  std::string cookie;
  std::string csrf;
};

class CalendarApi : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    auto db = contract::create_test_database(GetParam());
    ASSERT_TRUE(db.database) << db.error;
    db_ = std::move(db.database);
    std::string pattern = (fs::temp_directory_path() / "motcua-calendar-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    server::Config config;
    config.data_dir = dir_;
    config.database_url = db_->url();
    auto rt = server::open_runtime(config);
    ASSERT_TRUE(rt.ok()) << rt.error().message_en;
    rt_ = std::move(*rt);
    seed_organisation();
    routes_ = server::build_routes(*rt_);
    dispatcher_ =
        std::make_unique<http::Dispatcher>(routes_->router, server::dispatcher_options(config, nullptr));
  }

  void TearDown() override {
    dispatcher_.reset();
    routes_.reset();
    rt_.reset();
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void seed_organisation() {
    domain::AdministrativeUnit province{
        "15", "Tỉnh Lào Cai", "Tỉnh", domain::UnitLevel::kProvince, "", {}, {}, {}};
    ASSERT_TRUE(rt_->organisation->load_units({province}, {}).ok());
    ASSERT_TRUE(
        rt_->organisation->load_agencies({{kAgency, "Sở Tư pháp", domain::AgencyKind::kDepartment, "15", ""}})
            .ok());
  }

  void add_user(const std::string& username, std::vector<domain::RoleAssignment> roles,
                domain::UserKind kind = domain::UserKind::kOfficial) {
    app::NewUser u;
    u.user.username = username;
    u.user.full_name = "Cán bộ " + username;
    u.user.kind = kind;
    u.user.roles = std::move(roles);
    u.password = kPassword;
    auto id = rt_->auth->create_user_trusted(u, "test");
    ASSERT_TRUE(id.ok()) << id.error().message_en;
  }

  Session sign_in(const std::string& username) {
    auto r = rt_->auth->sign_in(username, kPassword, "127.0.0.1");
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return {};
    return {"motcua_session=" + r->session_token, r->actor.csrf_token};
  }

  Session admin() {
    add_user("quantri", {{domain::Role::kAdministrator, kAgency}});
    return sign_in("quantri");
  }

  Reply call(http::Method method, const std::string& target, const std::string& body = {},
             const Session* session = nullptr, bool with_csrf = true) {
    http::Request req;
    req.method = method;
    const auto q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    req.body = body;
    req.remote = "127.0.0.1";
    if (!body.empty()) req.headers.emplace_back("content-type", "application/json");
    if (session) {
      req.headers.emplace_back("cookie", session->cookie);
      if (with_csrf) req.headers.emplace_back("x-csrf-token", session->csrf);
    }
    http::Response resp = dispatcher_->dispatch(req);
    Reply out{resp.status, resp.body, json::parse(resp.body, nullptr, false), {}};
    for (const auto& [name, value] : resp.headers)
      if (name == "Location" || name == "location") out.location = value;
    return out;
  }
  // A page as the browser of `session` (or an anonymous one) gets it.
  Reply page(const std::string& target, const Session* session = nullptr) {
    http::Request req;
    req.method = http::Method::kGet;
    const auto q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    req.remote = "127.0.0.1";
    if (session) req.headers.emplace_back("cookie", session->cookie);
    http::Response resp = dispatcher_->dispatch(req);
    Reply out{resp.status, resp.body, nullptr, {}};
    for (const auto& [name, value] : resp.headers)
      if (name == "Location" || name == "location") out.location = value;
    return out;
  }
  // A form POST as a browser sends it: url-encoded fields and the session cookie, no CSRF header.
  Reply form(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields,
             const Session* session = nullptr) {
    http::Request req;
    req.method = http::Method::kPost;
    req.path = path;
    for (const auto& [name, value] : fields)
      req.body += (req.body.empty() ? "" : "&") + http::url_encode(name) + "=" + http::url_encode(value);
    req.remote = "127.0.0.1";
    req.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    if (session) req.headers.emplace_back("cookie", session->cookie);
    http::Response resp = dispatcher_->dispatch(req);
    Reply out{resp.status, resp.body, nullptr, {}};
    for (const auto& [name, value] : resp.headers)
      if (name == "Location" || name == "location") out.location = value;
    return out;
  }
  Reply get(const std::string& target) { return call(http::Method::kGet, target); }
  Reply post(const std::string& target, const json& body, const Session* s = nullptr, bool csrf = true) {
    return call(http::Method::kPost, target, body.dump(), s, csrf);
  }
  Reply put(const std::string& target, const json& body, const Session* s = nullptr) {
    return call(http::Method::kPut, target, body.dump(), s);
  }
  Reply del(const std::string& target, const Session* s = nullptr, bool csrf = true) {
    return call(http::Method::kDelete, target, {}, s, csrf);
  }

  // The due time of a deadline request that must succeed.
  std::string due(json request) {
    Reply r = post("/api/v1/calendar/deadline", request);
    EXPECT_EQ(r.status, 200) << request.dump() << " -> " << r.body;
    return r.doc.value("due", std::string());
  }

  // Status and error field of a request that must fail.
  std::pair<int, std::string> failure(const Reply& r) { return {r.status, r.error_field()}; }

  std::unique_ptr<contract::TestDatabase> db_;
  std::string dir_;
  std::unique_ptr<server::Runtime> rt_;
  std::unique_ptr<server::Routes> routes_;
  std::unique_ptr<http::Dispatcher> dispatcher_;
};

using Failure = std::pair<int, std::string>;

json find_day(const json& list, const std::string& date) {
  for (const auto& d : list)
    if (d.value("date", "") == date) return d;
  return nullptr;
}

// ---- Lunar <-> solar (rule 16) ----

TEST_P(CalendarApi, LunarDateOfTet2030IsExactlyTheIssueExample) {
  Reply r = get("/api/v1/calendar/lunar/2030-02-02");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"day":1,"month":1,"year":2030,"leap":false})");
  // Rule 16: Vietnam computes for UTC+7; China's Tết falls a day (2030, 2007) or a month (1985) later.
  EXPECT_EQ(get("/api/v1/calendar/lunar/2030-02-03").doc["day"], 2);
  EXPECT_EQ(get("/api/v1/calendar/lunar/2007-02-17").doc,
            json::parse(R"({"day":1,"month":1,"year":2007,"leap":false})"));
  EXPECT_EQ(get("/api/v1/calendar/lunar/1985-01-21").doc,
            json::parse(R"({"day":1,"month":1,"year":1985,"leap":false})"));
  EXPECT_EQ(get("/api/v1/calendar/lunar/2025-01-28").doc,
            json::parse(R"({"day":29,"month":12,"year":2024,"leap":false})"));
}

TEST_P(CalendarApi, SolarDateOfLunarDatesIncludingALeapMonth) {
  Reply r = get("/api/v1/calendar/solar?lunar_day=1&lunar_month=1&lunar_year=2030&leap=false");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"date":"2030-02-02"})");
  EXPECT_EQ(get("/api/v1/calendar/solar?lunar_day=10&lunar_month=3&lunar_year=2026").doc["date"],
            "2026-04-26");
  EXPECT_EQ(get("/api/v1/calendar/solar?lunar_day=1&lunar_month=1&lunar_year=1985").doc["date"],
            "1985-01-21");
  // 2025 (Ất Tỵ) repeats month 6; both months exist and the leap one comes second.
  ASSERT_EQ(domain::calendar::LunarCalendar::get().leap_month(2025), 6);
  const Reply plain = get("/api/v1/calendar/solar?lunar_day=1&lunar_month=6&lunar_year=2025&leap=false");
  const Reply leap = get("/api/v1/calendar/solar?lunar_day=1&lunar_month=6&lunar_year=2025&leap=true");
  ASSERT_EQ(leap.status, 200) << leap.body;
  EXPECT_EQ(plain.doc["date"], "2025-06-25");
  EXPECT_EQ(leap.doc["date"], "2025-07-25");
  EXPECT_EQ(get("/api/v1/calendar/lunar/2025-07-25").doc,
            json::parse(R"({"day":1,"month":6,"year":2025,"leap":true})"));
}

TEST_P(CalendarApi, BadDatesAreRejectedNamingTheField) {
  EXPECT_EQ(failure(get("/api/v1/calendar/lunar/1899-12-31")), Failure(400, "date"));
  EXPECT_EQ(failure(get("/api/v1/calendar/lunar/2101-01-01")), Failure(400, "date"));
  EXPECT_EQ(failure(get("/api/v1/calendar/lunar/2025-02-30")), Failure(400, "date"));
  EXPECT_EQ(failure(get("/api/v1/calendar/lunar/hom-nay")), Failure(400, "date"));
  // A 30th day in a 29-day month, a leap month that year does not have, months and days out of range.
  const auto& lunar = domain::calendar::LunarCalendar::get();
  int short_month = 1;
  while (lunar.month_length(2030, short_month, false) != 29) ++short_month;
  EXPECT_EQ(failure(get("/api/v1/calendar/solar?lunar_day=30&lunar_month=" + std::to_string(short_month) +
                        "&lunar_year=2030")),
            Failure(400, "lunar_day"));
  ASSERT_EQ(lunar.leap_month(2026), 0);
  EXPECT_EQ(failure(get("/api/v1/calendar/solar?lunar_day=1&lunar_month=6&lunar_year=2026&leap=true")),
            Failure(400, "leap"));
  EXPECT_EQ(failure(get("/api/v1/calendar/solar?lunar_day=1&lunar_month=13&lunar_year=2026")),
            Failure(400, "lunar_month"));
  EXPECT_EQ(failure(get("/api/v1/calendar/solar?lunar_day=31&lunar_month=1&lunar_year=2026")),
            Failure(400, "lunar_day"));
  EXPECT_EQ(failure(get("/api/v1/calendar/solar?lunar_day=1&lunar_month=1&lunar_year=2101")),
            Failure(400, "lunar_year"));
  EXPECT_EQ(failure(get("/api/v1/calendar/solar?lunar_day=1&lunar_month=1")), Failure(400, "lunar_year"));
  EXPECT_EQ(failure(get("/api/v1/calendar/solar?lunar_day=1&lunar_month=1&lunar_year=2026&leap=co")),
            Failure(400, "leap"));
  Reply r = get("/api/v1/calendar/lunar/2101-01-01");
  EXPECT_FALSE(r.doc["error"]["message"].get<std::string>().empty());
  EXPECT_FALSE(r.doc["error"]["message_en"].get<std::string>().empty());
}

// ---- Days off (rule 17) ----

TEST_P(CalendarApi, DaysOff2026ListHolidaysCompensatoryAndSwappedDays) {
  Reply r = get("/api/v1/calendar/2026/days-off");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.doc["year"], 2026);
  EXPECT_TRUE(r.doc["agency"].is_null());
  EXPECT_EQ(r.doc["working_days"], 250);
  const json& off = r.doc["days_off"];
  EXPECT_EQ(off.size(), 115u);  // 102 weekend days, 13 holidays, compensatory and swapped days
  // Rule 17: Giỗ Tổ on Sunday 26/04/2026, so Monday 27/04 is a compensatory day off.
  const json gio_to = find_day(off, "2026-04-26");
  EXPECT_EQ(gio_to["kind"], "holiday");
  EXPECT_EQ(gio_to["weekday"], "Chủ nhật");
  EXPECT_EQ(gio_to["name"], "Giỗ Tổ Hùng Vương");
  EXPECT_EQ(gio_to["lunar"], "mùng 10 tháng Ba");
  const json bu = find_day(off, "2026-04-27");
  EXPECT_EQ(bu["kind"], "compensatory");
  EXPECT_EQ(bu["kind_label"], "Nghỉ bù");
  EXPECT_EQ(find_day(off, "2026-02-17")["name"], "Tết Nguyên đán (mùng 1)");
  EXPECT_EQ(find_day(off, "2026-08-31")["kind"], "swap_off");
  EXPECT_EQ(find_day(off, "2026-02-21")["kind"], "weekend");
  EXPECT_TRUE(find_day(off, "2026-04-28").is_null());
  ASSERT_EQ(r.doc["makeup_days"].size(), 1u);
  EXPECT_EQ(r.doc["makeup_days"][0]["date"], "2026-08-22");
  EXPECT_EQ(r.doc["makeup_days"][0]["kind"], "makeup_working");
  EXPECT_FALSE(r.doc["makeup_days"][0]["source"].get<std::string>().empty());
  // 27/04 does not count: one working day after Friday 24/04 is Tuesday 28/04.
  EXPECT_EQ(due({{"start", "2026-04-24T09:00:00+07:00"}, {"working_days", 1}}), "2026-04-28T17:00:00+07:00");
}

TEST_P(CalendarApi, DaysOffRejectsBadYearsAndUnknownAgencies) {
  EXPECT_EQ(failure(get("/api/v1/calendar/1899/days-off")), Failure(400, "year"));
  EXPECT_EQ(failure(get("/api/v1/calendar/2101/days-off")), Failure(400, "year"));
  EXPECT_EQ(failure(get("/api/v1/calendar/nam-nay/days-off")), Failure(400, "year"));
  EXPECT_EQ(failure(get("/api/v1/calendar/2026/days-off?agency=000.00.99.H38")), Failure(404, "agency"));
  EXPECT_EQ(failure(get("/api/v1/calendar/2026/days-off?agency=so-tu-phap")), Failure(400, "agency"));
  Reply r = get(std::string("/api/v1/calendar/2026/days-off?agency=") + kAgency);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.doc["agency"], kAgency);
  EXPECT_EQ(r.doc["days_off"].size(), 115u);
}

// ---- Deadlines (rules 18, 19, 20) ----

TEST_P(CalendarApi, DeadlineOfTheIssueExampleOnTheStandardAndAnAgencyCalendar) {
  // Rule 18: received Friday 25/04/2025 10:00, 3 working days, Saturday 26/04 a make-up day -> Tuesday 29/04.
  Reply r = post("/api/v1/calendar/deadline",
                 {{"start", "2025-04-25T10:00:00+07:00"}, {"working_days", 3}, {"agency", kAgency}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.doc["due"], "2025-04-29T17:00:00+07:00");
  EXPECT_EQ(r.doc["due_date"], "2025-04-29");
  EXPECT_EQ(r.doc["counting_from"], "2025-04-26T07:30:00+07:00");
  EXPECT_EQ(due({{"start", "2025-04-25T10:00:00+07:00"}, {"working_days", 3}}), "2025-04-29T17:00:00+07:00");
}

TEST_P(CalendarApi, DeadlinesAcrossTetAndQuocKhanh) {
  // Rule 19.
  EXPECT_EQ(due({{"start", "2025-01-24T09:00:00+07:00"}, {"working_days", 10}}), "2025-02-14T17:00:00+07:00");
  EXPECT_EQ(due({{"start", "2025-08-28T09:00:00+07:00"}, {"working_days", 5}}), "2025-09-08T17:00:00+07:00");
}

TEST_P(CalendarApi, DeadlinesInWorkingHoursCalendarDaysAndWithACutoff) {
  // Friday 10:00-11:30 and 13:30-17:00 give 5 hours; the make-up Saturday 26/04/2025 gives the other 3.
  EXPECT_EQ(due({{"start", "2025-04-25T10:00:00+07:00"}, {"working_hours", 8}}), "2025-04-26T10:30:00+07:00");
  // 30 calendar days end on Sunday 25/05/2025, so the period ends on Monday 26/05.
  EXPECT_EQ(due({{"start", "2025-04-25T10:00:00+07:00"}, {"calendar_days", 30}}),
            "2025-05-26T17:00:00+07:00");
  // Rule 20: "trong ngày; nếu tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo".
  EXPECT_EQ(due({{"start", "2025-04-24T15:30:00+07:00"}, {"working_days", 0}, {"cutoff", "15:00"}}),
            "2025-04-25T17:00:00+07:00");
  EXPECT_EQ(due({{"start", "2025-04-24T14:30:00+07:00"}, {"working_days", 0}, {"cutoff", "15:00"}}),
            "2025-04-24T17:00:00+07:00");
  EXPECT_EQ(due({{"start", "2025-04-24T08:30:00Z"}, {"working_days", 0}}), "2025-04-24T17:00:00+07:00");
}

TEST_P(CalendarApi, BadDeadlineRequestsNameTheField) {
  const std::string start = "2025-04-25T10:00:00+07:00";
  auto fails = [&](const json& body) { return failure(post("/api/v1/calendar/deadline", body)); };
  EXPECT_EQ(fails({{"working_days", 3}}), Failure(400, "start"));
  EXPECT_EQ(fails({{"start", "25/04/2025 10:00"}, {"working_days", 3}}), Failure(400, "start"));
  EXPECT_EQ(fails({{"start", "1899-12-30T10:00:00+07:00"}, {"working_days", 3}}), Failure(400, "start"));
  EXPECT_EQ(fails({{"start", start}}), Failure(400, "working_days"));
  EXPECT_EQ(fails({{"start", start}, {"working_days", 3}, {"calendar_days", 3}}),
            Failure(400, "working_days"));
  EXPECT_EQ(fails({{"start", start}, {"working_days", -1}}), Failure(400, "working_days"));
  EXPECT_EQ(fails({{"start", start}, {"working_days", 1000000}}), Failure(400, "working_days"));
  EXPECT_EQ(fails({{"start", start}, {"working_hours", -8}}), Failure(400, "working_hours"));
  EXPECT_EQ(fails({{"start", start}, {"calendar_days", 99999}}), Failure(400, "calendar_days"));
  EXPECT_EQ(fails({{"start", start}, {"working_days", "3"}}), Failure(400, "working_days"));
  EXPECT_EQ(fails({{"start", start}, {"working_days", 3}, {"cutoff", "25:00"}}), Failure(400, "cutoff"));
  EXPECT_EQ(fails({{"start", start}, {"working_days", 3}, {"cutoff", "3pm"}}), Failure(400, "cutoff"));
  EXPECT_EQ(fails({{"start", start}, {"working_days", 3}, {"agency", "000.00.99.H38"}}),
            Failure(404, "agency"));
  EXPECT_EQ(fails({{"start", start}, {"working_days", 3}, {"agency", "UBND"}}), Failure(400, "agency"));
  EXPECT_EQ(fails({{"start", start}, {"working_days", 3}, {"han", 1}}), Failure(400, "han"));
  EXPECT_EQ(fails({{"start", "2100-12-30T10:00:00+07:00"}, {"working_days", 10}}),
            Failure(400, "working_days"));
  Reply malformed = call(http::Method::kPost, "/api/v1/calendar/deadline", "{\"start\":");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.error_code(), "json.malformed");
}

// ---- Decisions (administrators) ----

json decision_2027() {
  return {{"year", 2027},
          {"source", "Thông báo 1234/TB-BNV ngày 01/10/2026 (thử nghiệm)"},
          {"days",
           {{{"date", "2027-06-11"}, {"kind", "extra_off"}, {"name", "Nghỉ theo quyết định (thử nghiệm)"}},
            {{"date", "2027-06-19"}, {"kind", "swap_work"}, {"name", "Làm bù cho ngày nghỉ 11/06/2027"}}}}};
}

TEST_P(CalendarApi, DecisionsNeedAnAdministratorAndTheCsrfToken) {
  EXPECT_EQ(post("/api/v1/calendar/decisions", decision_2027()).status, 401);
  add_user("motcua01", {{domain::Role::kDeskOfficer, kAgency}});
  const Session officer = sign_in("motcua01");
  EXPECT_EQ(post("/api/v1/calendar/decisions", decision_2027(), &officer).status, 403);
  const Session a = admin();
  Reply no_csrf = post("/api/v1/calendar/decisions", decision_2027(), &a, false);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.error_code(), "auth.csrf");
  EXPECT_TRUE(get("/api/v1/calendar/decisions?year=2027").doc["items"].empty());
}

TEST_P(CalendarApi, AStoredDecisionChangesDaysOffAndDeadlinesAtOnce) {
  const Session a = admin();
  // Before: one working day after Thursday 10/06/2027 is Friday 11/06.
  EXPECT_EQ(due({{"start", "2027-06-10T09:00:00+07:00"}, {"working_days", 1}}), "2027-06-11T17:00:00+07:00");
  Reply r = post("/api/v1/calendar/decisions", decision_2027(), &a);
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_EQ(r.doc["days"].size(), 2u);
  EXPECT_EQ(r.doc["days"][0]["created_by"], "quantri");
  EXPECT_EQ(r.doc["days"][0]["source"], "Thông báo 1234/TB-BNV ngày 01/10/2026 (thử nghiệm)");
  EXPECT_EQ(due({{"start", "2027-06-10T09:00:00+07:00"}, {"working_days", 1}}), "2027-06-14T17:00:00+07:00");
  EXPECT_EQ(due({{"start", "2027-06-18T09:00:00+07:00"}, {"working_days", 1}}), "2027-06-19T17:00:00+07:00");
  Reply year = get(std::string("/api/v1/calendar/2027/days-off?agency=") + kAgency);
  EXPECT_EQ(find_day(year.doc["days_off"], "2027-06-11")["kind"], "extra_off");
  EXPECT_EQ(find_day(year.doc["makeup_days"], "2027-06-19")["name"], "Làm bù cho ngày nghỉ 11/06/2027");
  EXPECT_EQ(get("/api/v1/calendar/decisions?year=2027").doc["items"].size(), 2u);
  // The change is in the audit trail.
  bool audited = false;
  auto st = rt_->store->read([&](app::Repositories& repos) -> core::Status {
    auto rows = repos.audit().recent("calendar.decision", 10);
    if (!rows) return rows.error();
    audited = rows->size() == 1 && (*rows)[0].target == "calendar:2027" && (*rows)[0].actor == "quantri";
    return {};
  });
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(audited);
}

TEST_P(CalendarApi, StoredDatesAreNotOverwrittenUnlessTheYearIsReplaced) {
  const Session a = admin();
  ASSERT_EQ(post("/api/v1/calendar/decisions", decision_2027(), &a).status, 201);
  Reply again = post("/api/v1/calendar/decisions", decision_2027(), &a);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "days[0].date");
  json replacement = {
      {"year", 2027},
      {"replace", true},
      {"days", {{{"date", "2027-06-18"}, {"kind", "extra_off"}, {"name", "Nghỉ"}, {"source", "QĐ 2"}}}}};
  Reply replaced = post("/api/v1/calendar/decisions", replacement, &a);
  ASSERT_EQ(replaced.status, 201) << replaced.body;
  ASSERT_EQ(replaced.doc["days"].size(), 1u);
  EXPECT_EQ(replaced.doc["days"][0]["date"], "2027-06-18");
  EXPECT_EQ(due({{"start", "2027-06-10T09:00:00+07:00"}, {"working_days", 1}}), "2027-06-11T17:00:00+07:00");
}

TEST_P(CalendarApi, ADecisionNamingAnOccasionReplacesTheShippedPlacement) {
  const Session a = admin();
  // Shipped for 2026: Quốc khánh on 01/09 and 02/09. A decision moves the adjacent day to 03/09.
  json quoc_khanh = {
      {"year", 2026},
      {"source", "Thông báo (thử nghiệm)"},
      {"days",
       {{{"date", "2026-09-02"}, {"kind", "holiday"}, {"occasion", "quoc_khanh"}, {"name", "Quốc khánh"}},
        {{"date", "2026-09-03"},
         {"kind", "holiday"},
         {"occasion", "quoc_khanh"},
         {"name", "Quốc khánh (ngày liền kề)"}}}}};
  ASSERT_EQ(post("/api/v1/calendar/decisions", quoc_khanh, &a).status, 201);
  Reply year = get("/api/v1/calendar/2026/days-off");
  EXPECT_TRUE(find_day(year.doc["days_off"], "2026-09-01").is_null());
  EXPECT_EQ(find_day(year.doc["days_off"], "2026-09-03")["name"], "Quốc khánh (ngày liền kề)");
  EXPECT_EQ(find_day(year.doc["days_off"], "2026-09-03")["source"], "Thông báo (thử nghiệm)");
}

TEST_P(CalendarApi, InvalidDecisionsAreRejectedNamingTheField) {
  const Session a = admin();
  auto with_day = [](json day) {
    return json{{"year", 2027}, {"source", "QĐ"}, {"days", json::array({std::move(day)})}};
  };
  auto fails = [&](const json& body) { return failure(post("/api/v1/calendar/decisions", body, &a)); };
  EXPECT_EQ(fails(with_day({{"date", "2028-01-03"}, {"kind", "holiday"}, {"name", "x"}})),
            Failure(400, "days[0].date"));
  EXPECT_EQ(fails(with_day({{"date", "2027-02-30"}, {"kind", "holiday"}, {"name", "x"}})),
            Failure(400, "days[0].date"));
  EXPECT_EQ(fails(with_day({{"date", "2027-06-11"}, {"kind", "nghi"}, {"name", "x"}})),
            Failure(400, "days[0].kind"));
  EXPECT_EQ(fails(with_day({{"date", "2027-06-11"}, {"kind", "holiday"}})), Failure(400, "days[0].name"));
  EXPECT_EQ(
      fails(with_day({{"date", "2027-06-11"}, {"kind", "holiday"}, {"name", "x"}, {"occasion", "Tết"}})),
      Failure(400, "days[0].occasion"));
  EXPECT_EQ(fails(with_day({{"date", "2027-06-11"}, {"kind", "holiday"}, {"name", "x"}, {"ngay", 1}})),
            Failure(400, "days[0].ngay"));
  EXPECT_EQ(fails({{"year", 2027}, {"days", {{{"date", "2027-06-11"}, {"kind", "holiday"}, {"name", "x"}}}}}),
            Failure(400, "days[0].source"));
  EXPECT_EQ(fails({{"year", 2027}, {"source", "QĐ"}, {"days", json::array()}}), Failure(400, "days"));
  EXPECT_EQ(fails({{"year", 2101}, {"source", "QĐ"}, {"days", json::array()}}), Failure(400, "year"));
  json twice = with_day({{"date", "2027-06-11"}, {"kind", "holiday"}, {"name", "x"}});
  twice["days"].push_back(twice["days"][0]);
  EXPECT_EQ(fails(twice), Failure(400, "days[1].date"));
  EXPECT_TRUE(get("/api/v1/calendar/decisions").doc["items"].empty());
  EXPECT_EQ(failure(get("/api/v1/calendar/decisions?year=1800")), Failure(400, "year"));
}

TEST_P(CalendarApi, OneStoredRowIsDeletedByItsDateAndTheDayIsWorkingAgain) {
  const Session a = admin();
  ASSERT_EQ(post("/api/v1/calendar/decisions", decision_2027(), &a).status, 201);
  EXPECT_EQ(due({{"start", "2027-06-10T09:00:00+07:00"}, {"working_days", 1}}), "2027-06-14T17:00:00+07:00");
  Reply r = del("/api/v1/calendar/decisions/2027-06-11", &a);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.doc["deleted"]["date"], "2027-06-11");
  EXPECT_EQ(r.doc["deleted"]["kind"], "extra_off");
  EXPECT_EQ(r.doc["deleted"]["source"], "Thông báo 1234/TB-BNV ngày 01/10/2026 (thử nghiệm)");
  Reply items = get("/api/v1/calendar/decisions?year=2027");
  ASSERT_EQ(items.doc["items"].size(), 1u);
  EXPECT_EQ(items.doc["items"][0]["date"], "2027-06-19");
  // The calendar changes at once: Friday 11/06 is a working day again, Saturday 19/06 still a make-up day.
  EXPECT_EQ(due({{"start", "2027-06-10T09:00:00+07:00"}, {"working_days", 1}}), "2027-06-11T17:00:00+07:00");
  Reply year = get("/api/v1/calendar/2027/days-off");
  EXPECT_TRUE(find_day(year.doc["days_off"], "2027-06-11").is_null());
  EXPECT_FALSE(find_day(year.doc["makeup_days"], "2027-06-19").is_null());
  bool audited = false;
  auto st = rt_->store->read([&](app::Repositories& repos) -> core::Status {
    auto rows = repos.audit().recent("calendar.decision_delete", 10);
    if (!rows) return rows.error();
    audited =
        rows->size() == 1 && (*rows)[0].target == "calendar:2027-06-11" && (*rows)[0].actor == "quantri";
    return {};
  });
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(audited);
}

TEST_P(CalendarApi, DeletingARowNeedsAnAdministratorAndAKnownDateAndChangesNothingOtherwise) {
  const Session a = admin();
  ASSERT_EQ(post("/api/v1/calendar/decisions", decision_2027(), &a).status, 201);
  const std::string url = "/api/v1/calendar/decisions/2027-06-11";
  EXPECT_EQ(del(url).status, 401);
  EXPECT_EQ(del(url).error_code(), "auth.required");
  add_user("congdan01", {}, domain::UserKind::kCitizen);
  const Session citizen = sign_in("congdan01");
  EXPECT_EQ(del(url, &citizen).status, 403);
  add_user("motcua01", {{domain::Role::kDeskOfficer, kAgency}});
  const Session officer = sign_in("motcua01");
  Reply forbidden = del(url, &officer);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.error_code(), "auth.forbidden");
  Reply no_csrf = del(url, &a, false);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.error_code(), "auth.csrf");
  // An unknown date: 404 with a JSON error in Vietnamese and English naming the field.
  Reply unknown = del("/api/v1/calendar/decisions/2027-06-12", &a);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.error_code(), "calendar.decision_not_found");
  EXPECT_EQ(unknown.error_field(), "date");
  EXPECT_NE(unknown.error_member("message").find("Không có ngày 2027-06-12"), std::string::npos)
      << unknown.body;
  EXPECT_NE(unknown.error_member("message_en").find("No stored decision row"), std::string::npos);
  // A shipped (built-in) day is not a stored row either.
  EXPECT_EQ(failure(del("/api/v1/calendar/decisions/2026-09-02", &a)), Failure(404, "date"));
  EXPECT_EQ(failure(del("/api/v1/calendar/decisions/2027-02-30", &a)), Failure(400, "date"));
  EXPECT_EQ(failure(del("/api/v1/calendar/decisions/11-06-2027", &a)), Failure(400, "date"));
  EXPECT_EQ(failure(del("/api/v1/calendar/decisions/1800-06-11", &a)), Failure(400, "date"));
  EXPECT_EQ(call(http::Method::kPut, url, "{}", &a).status, 405);
  // Nothing changed.
  EXPECT_EQ(get("/api/v1/calendar/decisions?year=2027").doc["items"].size(), 2u);
  EXPECT_EQ(due({{"start", "2027-06-10T09:00:00+07:00"}, {"working_days", 1}}), "2027-06-14T17:00:00+07:00");
}

// ---- Agencies' office hours ----

TEST_P(CalendarApi, AnAgencyOpenOnSaturdayMorningCountsSaturdays) {
  const std::string hours_url = std::string("/api/v1/calendar/agencies/") + kAgency + "/hours";
  Reply standard = get(hours_url);
  ASSERT_EQ(standard.status, 200) << standard.body;
  EXPECT_EQ(standard.doc["week"]["mon"], json::parse(R"(["07:30-11:30","13:30-17:00"])"));
  EXPECT_TRUE(standard.doc["week"]["sat"].empty());
  // Thursday 08/05/2025, 2 working days: Friday and Monday on the standard week.
  const json request = {{"start", "2025-05-08T10:00:00+07:00"}, {"working_days", 2}, {"agency", kAgency}};
  EXPECT_EQ(due(request), "2025-05-12T17:00:00+07:00");
  const Session a = admin();
  json saturday_desk = {{"week",
                         {{"mon", {"07:30-11:30", "13:30-17:00"}},
                          {"tue", {"07:30-11:30", "13:30-17:00"}},
                          {"wed", {"07:30-11:30", "13:30-17:00"}},
                          {"thu", {"07:30-11:30", "13:30-17:00"}},
                          {"fri", {"07:30-11:30", "13:30-17:00"}},
                          {"sat", {"07:30-11:30"}}}}};
  Reply set = put(hours_url, saturday_desk, &a);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(get(hours_url).doc["week"]["sat"], json::parse(R"(["07:30-11:30"])"));
  EXPECT_EQ(due(request), "2025-05-10T11:30:00+07:00");
  EXPECT_EQ(due({{"start", "2025-05-08T10:00:00+07:00"}, {"working_days", 2}}), "2025-05-12T17:00:00+07:00");
  Reply year = get(std::string("/api/v1/calendar/2025/days-off?agency=") + kAgency);
  EXPECT_TRUE(find_day(year.doc["days_off"], "2025-05-10").is_null());
}

TEST_P(CalendarApi, BadOfficeHoursAreRejectedNamingTheField) {
  const std::string hours_url = std::string("/api/v1/calendar/agencies/") + kAgency + "/hours";
  const json ok = {{"week", {{"mon", {"07:30-11:30"}}}}};
  EXPECT_EQ(put(hours_url, ok).status, 401);
  const Session a = admin();
  EXPECT_EQ(failure(put(hours_url, {{"week", {{"sat", {"11:30-07:30"}}}}}, &a)), Failure(400, "week.sat[0]"));
  EXPECT_EQ(failure(put(hours_url, {{"week", {{"sat", {"7h30-11h30"}}}}}, &a)), Failure(400, "week.sat[0]"));
  EXPECT_EQ(failure(put(hours_url, {{"week", {{"saturday", {"07:30-11:30"}}}}}, &a)),
            Failure(400, "week.saturday"));
  EXPECT_EQ(failure(put(hours_url, {{"week", json::object()}}, &a)), Failure(400, "week"));
  EXPECT_EQ(failure(put(hours_url, {{"week", {{"mon", {"07:30-11:30", "11:00-17:00"}}}}}, &a)),
            Failure(400, "week.mon[1]"));
  EXPECT_EQ(failure(put(hours_url, {{"makeup_day", {"07:30-11:30"}}}, &a)), Failure(400, "week"));
  EXPECT_EQ(failure(put("/api/v1/calendar/agencies/000.00.99.H38/hours", ok, &a)), Failure(404, "agency"));
  EXPECT_EQ(failure(get("/api/v1/calendar/agencies/000.00.99.H38/hours")), Failure(404, "agency"));
  EXPECT_EQ(put(hours_url, ok, &a).status, 200);
}

// ---- The web page and the command ----

TEST_P(CalendarApi, CalendarPageShowsTheYearWithLunarDates) {
  Reply r = get("/lich?nam=2026");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Lịch làm việc năm 2026"), std::string::npos);
  EXPECT_NE(r.body.find("Bính Ngọ"), std::string::npos);
  EXPECT_NE(r.body.find("Giỗ Tổ Hùng Vương (nghỉ bù)"), std::string::npos);
  EXPECT_NE(r.body.find("Ngày làm bù"), std::string::npos);
  EXPECT_NE(r.body.find("<caption>Tháng 12</caption>"), std::string::npos);
  // Tuesday 17/02/2026 is mùng 1 Tết: a holiday cell with the lunar "1/1" under the day.
  const std::string tet_cell =
      R"html(<td class="k-holiday m1" title="Thứ Ba 2026-02-17, âm lịch mùng 1 tháng Giêng — Tết Nguyên đán )html"
      R"html((mùng 1)"><span class="d">17</span><span class="l">1/1</span></td>)html";
  EXPECT_NE(r.body.find(tet_cell), std::string::npos);
  EXPECT_NE(r.body.find(R"(href="/lich")"), std::string::npos);  // the header link
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
  EXPECT_EQ(get("/lich?nam=hai-nghin").status, 400);
  EXPECT_EQ(get("/lich?nam=2101").status, 400);
  EXPECT_EQ(get("/lich?nam=2026&co-quan=000.00.99.H38").status, 404);
  Reply agency = get(std::string("/lich?nam=2026&co-quan=") + kAgency);
  EXPECT_EQ(agency.status, 200);
  EXPECT_NE(agency.body.find("selected>Sở Tư pháp"), std::string::npos);
  EXPECT_EQ(get("/lich").status, 200);
}

// ---- The administrators' decisions page ----

using Fields = std::vector<std::pair<std::string, std::string>>;

// The form of the decisions page with two rows filled in (a day off and its make-up Saturday).
Fields decision_form(const Session& s) {
  return {{"csrf", s.csrf},
          {"nam", "2027"},
          {"can-cu", "Thông báo 1234/TB-BNV ngày 01/10/2026 (thử nghiệm)"},
          {"ngay-1", "11/06/2027"},
          {"loai-1", "extra_off"},
          {"ten-1", "Nghỉ theo quyết định (thử nghiệm)"},
          {"ngay-2", "2027-06-19"},
          {"loai-2", "swap_work"},
          {"ten-2", "Làm bù cho ngày nghỉ 11/06/2027"},
          {"can-cu-2", "Công văn 99/VPCP (thử nghiệm)"},
          {"ngay-3", ""},
          {"ten-3", ""}};
}

TEST_P(CalendarApi, DecisionsPageIsForAdministratorsOnly) {
  Reply anonymous = page("/lich/quyet-dinh?nam=2027");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_TRUE(anonymous.has("Cần đăng nhập")) << anonymous.body;
  EXPECT_TRUE(anonymous.has(R"(href="/dang-nhap")"));
  add_user("congdan01", {}, domain::UserKind::kCitizen);
  const Session citizen = sign_in("congdan01");
  add_user("motcua01", {{domain::Role::kDeskOfficer, kAgency}});
  const Session officer = sign_in("motcua01");
  for (const Session* s : {&citizen, &officer}) {
    Reply r = page("/lich/quyet-dinh?nam=2027", s);
    EXPECT_EQ(r.status, 403);
    EXPECT_TRUE(r.has("Chỉ quản trị hệ thống mới được thay đổi lịch nghỉ lễ")) << r.body;
    EXPECT_FALSE(page("/lich?nam=2027", s).has("/lich/quyet-dinh"));
    // Posting with the user's own CSRF token changes nothing either.
    EXPECT_EQ(form("/lich/quyet-dinh", decision_form(*s), s).status, 403);
  }
  EXPECT_EQ(form("/lich/quyet-dinh", decision_form(officer)).status, 401);
  EXPECT_FALSE(page("/lich?nam=2027").has("/lich/quyet-dinh"));
  const Session a = admin();
  Reply mine = page("/lich/quyet-dinh?nam=2027", &a);
  EXPECT_EQ(mine.status, 200);
  EXPECT_TRUE(mine.has("Quyết định nghỉ lễ, làm bù năm 2027"));
  EXPECT_TRUE(mine.has("Chưa lưu ngày nào cho năm 2027"));
  EXPECT_TRUE(page("/lich?nam=2027", &a).has(R"(href="/lich/quyet-dinh?nam=2027")"));
  EXPECT_EQ(page("/lich/quyet-dinh?nam=3000", &a).status, 400);
  EXPECT_TRUE(get("/api/v1/calendar/decisions?year=2027").doc["items"].empty());
}

TEST_P(CalendarApi, AnAdministratorAddsAndDeletesRowsThroughThePage) {
  const Session a = admin();
  Reply added = form("/lich/quyet-dinh", decision_form(a), &a);
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(added.location, "/lich/quyet-dinh?nam=2027&da-luu=2");
  Reply items = get("/api/v1/calendar/decisions?year=2027");
  ASSERT_EQ(items.doc["items"].size(), 2u);
  EXPECT_EQ(items.doc["items"][0]["source"], "Thông báo 1234/TB-BNV ngày 01/10/2026 (thử nghiệm)");
  EXPECT_EQ(items.doc["items"][1]["source"], "Công văn 99/VPCP (thử nghiệm)");
  EXPECT_EQ(items.doc["items"][1]["kind"], "swap_work");
  Reply listed = page(added.location, &a);
  EXPECT_TRUE(listed.has("Đã lưu 2 ngày của quyết định.")) << listed.body;
  EXPECT_TRUE(listed.has("<b>11/06/2027</b>"));
  EXPECT_FALSE(listed.has("Dịp:"));  // neither row places a statutory holiday
  EXPECT_TRUE(listed.has("Nghỉ theo quyết định (thử nghiệm)"));
  EXPECT_TRUE(listed.has(R"(action="/lich/quyet-dinh/2027-06-19/xoa")"));
  EXPECT_TRUE(page("/lich?nam=2027").has("Nghỉ theo quyết định (thử nghiệm)"));
  // Deleting needs the session's CSRF token.
  EXPECT_EQ(form("/lich/quyet-dinh/2027-06-11/xoa", {{"csrf", "sai"}}, &a).status, 403);
  EXPECT_EQ(get("/api/v1/calendar/decisions?year=2027").doc["items"].size(), 2u);
  Reply deleted = form("/lich/quyet-dinh/2027-06-11/xoa", {{"csrf", a.csrf}}, &a);
  ASSERT_EQ(deleted.status, 303) << deleted.body;
  EXPECT_EQ(deleted.location, "/lich/quyet-dinh?nam=2027&da-xoa=2027-06-11");
  EXPECT_TRUE(page(deleted.location, &a).has("Đã xóa ngày 11/06/2027"));
  items = get("/api/v1/calendar/decisions?year=2027");
  ASSERT_EQ(items.doc["items"].size(), 1u);
  EXPECT_EQ(items.doc["items"][0]["date"], "2027-06-19");
  EXPECT_FALSE(page("/lich?nam=2027").has("Nghỉ theo quyết định (thử nghiệm)"));
  Reply again = form("/lich/quyet-dinh/2027-06-11/xoa", {{"csrf", a.csrf}}, &a);
  EXPECT_EQ(again.status, 404);
  EXPECT_TRUE(again.has("Không có ngày 2027-06-11 trong các quyết định đã lưu.")) << again.body;
  EXPECT_EQ(form("/lich/quyet-dinh/11-06-2027/xoa", {{"csrf", a.csrf}}, &a).status, 400);
  EXPECT_EQ(form("/lich/quyet-dinh/2027-06-19/xoa", {{"csrf", a.csrf}}).status, 401);
  EXPECT_EQ(get("/api/v1/calendar/decisions?year=2027").doc["items"].size(), 1u);
}

TEST_P(CalendarApi, DecisionFormErrorsNameTheFieldInVietnamese) {
  const Session a = admin();
  auto with = [&](Fields changes) {
    Fields f = decision_form(a);
    for (auto& [name, value] : changes) {
      bool found = false;
      for (auto& field : f)
        if (field.first == name) field.second = value, found = true;
      if (!found) f.emplace_back(name, value);
    }
    return form("/lich/quyet-dinh", f, &a);
  };
  Reply no_name = with({{"ten-2", ""}});
  EXPECT_EQ(no_name.status, 400);
  EXPECT_TRUE(no_name.has("Dòng 2, ô “Tên ngày nghỉ”: Thiếu tên ngày nghỉ")) << no_name.body;
  EXPECT_TRUE(no_name.has(R"(id="ten-2" name="ten-2" maxlength="300" value="" aria-invalid="true")"));
  EXPECT_TRUE(no_name.has(R"x(value="Nghỉ theo quyết định (thử nghiệm)")x"));  // what was typed stays
  EXPECT_TRUE(
      with({{"ngay-1", "2028-06-11"}}).has("Dòng 1, ô “Ngày”: Ngày phải là ngày có thật trong năm 2027."));
  EXPECT_TRUE(with({{"ngay-1", "2027-02-30"}}).has("Dòng 1, ô “Ngày”"));
  EXPECT_TRUE(with({{"ngay-1", "30/02/2027"}}).has("Dòng 1, ô “Ngày”"));
  EXPECT_TRUE(with({{"ngay-1", "11/06/27"}}).has("Dòng 1, ô “Ngày”"));
  EXPECT_TRUE(with({{"ngay-1", "06/11/2027x"}}).has("Dòng 1, ô “Ngày”"));
  EXPECT_TRUE(with({{"loai-2", "nghi"}}).has("Dòng 2, ô “Loại ngày”: Hãy chọn loại ngày"));
  EXPECT_TRUE(with({{"can-cu", ""}}).has("Dòng 1, ô “Căn cứ pháp lý”: Thiếu căn cứ"));
  Reply year = with({{"nam", "hai-nghin"}});
  EXPECT_EQ(year.status, 400);
  EXPECT_TRUE(year.has("Ô “Năm”: Năm phải là số từ 1900 đến 2100.")) << year.body;
  Reply empty = with({{"ngay-1", ""}, {"ten-1", ""}, {"ngay-2", ""}, {"ten-2", ""}, {"can-cu-2", ""}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(empty.has("Ô “Các ngày của quyết định”: Quyết định phải có từ 1 đến 366 ngày.")) << empty.body;
  // Only the third row filled in: the error names the form's row, not the decision's.
  Reply third = with({{"ngay-1", ""},
                      {"ten-1", ""},
                      {"ngay-2", ""},
                      {"ten-2", ""},
                      {"can-cu-2", ""},
                      {"ngay-3", "2027-07-01"},
                      {"loai-3", "holiday"},
                      {"ten-3", ""}});
  EXPECT_TRUE(third.has("Dòng 3, ô “Tên ngày nghỉ”")) << third.body;
  third = with({{"ngay-1", ""}, {"ten-1", ""}, {"ngay-3", "2027-07-01"}, {"ten-3", "Nghỉ"}});
  EXPECT_TRUE(third.has("Dòng 3, ô “Loại ngày”: Hãy chọn loại ngày trong danh sách.")) << third.body;
  EXPECT_TRUE(get("/api/v1/calendar/decisions?year=2027").doc["items"].empty());
  ASSERT_EQ(with({}).status, 303);
  Reply taken = with({});
  EXPECT_EQ(taken.status, 409);
  EXPECT_TRUE(taken.has("Dòng 1, ô “Ngày”: Ngày 2027-06-11 đã có trong quyết định đã lưu")) << taken.body;
  EXPECT_EQ(with({{"thay-the", "1"}, {"ngay-2", ""}, {"ten-2", ""}, {"can-cu-2", ""}}).status, 303);
  EXPECT_EQ(get("/api/v1/calendar/decisions?year=2027").doc["items"].size(), 1u);
}

TEST_P(CalendarApi, CalendarCommandPrintsTheYearAsATable) {
  ::testing::internal::CaptureStdout();
  const int rc = server::run_calendar(*rt_, 2026, "", false);
  const std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("Lịch nghỉ năm 2026"), std::string::npos);
  EXPECT_NE(out.find("27/04/2026  Thứ Hai   Nghỉ bù"), std::string::npos) << out;
  EXPECT_NE(out.find("22/08/2026  Thứ Bảy   Ngày làm bù"), std::string::npos) << out;
  EXPECT_EQ(out.find("Nghỉ hằng tuần  Chủ nhật"), std::string::npos);
  EXPECT_NE(out.find("250 ngày làm việc"), std::string::npos);
  EXPECT_EQ(server::run_calendar(*rt_, 2026, "000.00.99.H38", false), 1);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CalendarApi, ::testing::Values(Engine::kSqlite));
INSTANTIATE_TEST_SUITE_P(Postgres, CalendarApi, ::testing::Values(Engine::kPostgres));

}  // namespace
}  // namespace motcua
