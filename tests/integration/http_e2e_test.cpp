// HTTP end-to-end tests: a real server (server::build_routes, Dispatcher, HttpServer on a free port) over a
// fresh database with the demo province, driven through sockets. Run on SQLite (ctest http_e2e_sqlite) and on
// PostgreSQL (ctest http_e2e_postgres, which needs MOTCUA_TEST_PG_URL and fails without it). This file:
// search, catalogue CRUD, units and agencies, operations endpoints, the OpenAPI document and the web pages.
// Bad input is in bad_input_test.cpp, sign-in and permissions in auth_e2e_test.cpp.
#include <algorithm>
#include <set>

#include "e2e_fixture.hpp"

namespace motcua::e2e {
namespace {

std::set<std::string> code_set(const HttpResult& r) {
  const auto codes = item_codes(r);
  return {codes.begin(), codes.end()};
}

HttpResult search(const HttpClient& client, const std::string& q) {
  return client.get("/api/v1/procedures?limit=100&q=" + url_encode(q));
}

// ---------------------------------------------------------------------------------------------- search

TEST_P(E2eTest, SearchWithoutDiacriticsFindsBirthRegistrationFirst) {
  const auto r = client_.get("/api/v1/procedures?q=dang%20ky%20khai%20sinh");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto items = r.json()["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["code"], "1.001193");
  EXPECT_EQ(items[0]["name"], "Thủ tục đăng ký khai sinh");
}

TEST_P(E2eTest, SearchIsCaseInsensitive) {
  const auto codes = item_codes(search(client_, "DANG KY"));
  EXPECT_NE(std::find(codes.begin(), codes.end(), "1.001193"), codes.end());
}

TEST_P(E2eTest, SearchIgnoresDiacriticsCaseAndUnicodeForm) {
  const auto expected = code_set(search(client_, "đăng ký"));
  EXPECT_GE(expected.size(), 10u);
  EXPECT_TRUE(expected.contains("1.001193"));
  for (const char* q : {"Đăng ký", "dang ky", "DANG KY", "Đa\xcc\x86ng ky\xcc\x81" /* decomposed (NFD) */}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(code_set(search(client_, q)), expected);
  }
}

TEST_P(E2eTest, SearchTreatsQuerySyntaxAsPlainText) {
  // SQL and full-text query syntax in the search text is text, never syntax: it cannot widen the search,
  // fail the query or write anything. (Codes in paths are validated instead: see bad_input_test.cpp.)
  const std::string before = snapshot();
  EXPECT_TRUE(item_codes(search(client_, "' OR 1=1 --")).empty());
  EXPECT_TRUE(item_codes(search(client_, "khai\" OR 1=1 --")).empty());
  EXPECT_TRUE(item_codes(search(client_, "'; DROP TABLE procedures; --")).empty());
  EXPECT_EQ(code_set(search(client_, "sinh*")), code_set(search(client_, "sinh")));
  EXPECT_EQ(code_set(search(client_, "(khai) \"sinh\"")), code_set(search(client_, "khai sinh")));
  EXPECT_EQ(code_set(search(client_, "khai NEAR(sinh")), code_set(search(client_, "khai near sinh")));
  for (const char* q : {"\"", "*", "NEAR(", "NOT sinh", "name:khai", "%", "_", "\\", "khai & sinh", ":*"}) {
    SCOPED_TRACE(q);
    const auto r = search(client_, q);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()["items"].is_array());
  }
  EXPECT_EQ(snapshot(), before);
}

TEST(CrossEngine, SearchHitCountsAreEqualOnSqliteAndPostgres) {
  auto sqlite = TestServer::start(Engine::kSqlite);
  ASSERT_TRUE(sqlite.server) << sqlite.error;
  auto postgres = TestServer::start(Engine::kPostgres);
  ASSERT_TRUE(postgres.server) << postgres.error;
  for (const char* q :
       {"dang ky khai sinh", "DANG KY", "đăng ký", "Đăng ký", "dang ky", "khai tu", "ho tich",
        "giay phep xay dung", "thuong tru", "1.001193", "dat dai", "chung thuc", "ho kinh doanh"}) {
    SCOPED_TRACE(q);
    const auto a = search(sqlite.server->client(), q);
    const auto b = search(postgres.server->client(), q);
    ASSERT_EQ(a.status, 200);
    ASSERT_EQ(b.status, 200);
    EXPECT_EQ(code_set(a), code_set(b));
    EXPECT_EQ(item_codes(a).size(), item_codes(b).size());
  }
  EXPECT_EQ(item_codes(search(postgres.server->client(), "dang ky khai sinh")).front(), "1.001193");
}

// ------------------------------------------------------------------------------------------ catalogue

TEST_P(E2eTest, AdministratorCreatesReadsUpdatesAndDeletesAProcedure) {
  const Session admin = sign_in("quantri.tinh");
  const std::string url = "/api/v1/procedures/1.999001";
  auto created =
      client_.post("/api/v1/procedures",
                   procedure_json("1.999001", "Thủ tục thử nghiệm cấp trích lục").dump(), admin.headers());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("location").value_or(""), url);
  EXPECT_EQ(created.json()["version"], 1);

  auto read = client_.get(url);  // also fills the public cache
  ASSERT_EQ(read.status, 200);
  const auto etag = read.header("etag");
  ASSERT_TRUE(etag.has_value());
  EXPECT_EQ(client_.get(url, {{"If-None-Match", *etag}}).status, 304) << "a revisit downloads it again";
  EXPECT_EQ(read.json()["name"], "Thủ tục thử nghiệm cấp trích lục");
  EXPECT_EQ(read.json()["agency_codes"], nlohmann::json({"000.00.21.H38"}));
  EXPECT_EQ(item_codes(search(client_, "thu nghiem trich luc")), std::vector<std::string>{"1.999001"});

  auto changed = procedure_json("1.999001", "Thủ tục thử nghiệm đã sửa");
  changed["version"] = 1;
  auto updated = client_.send("PUT", url, changed.dump(), admin.headers());
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json()["version"], 2);
  EXPECT_EQ(client_.get(url).json()["name"], "Thủ tục thử nghiệm đã sửa") << "the public detail is stale";
  // A client holding the old version is not told that it is still current.
  auto revisit = client_.get(url, {{"If-None-Match", *etag}});
  EXPECT_EQ(revisit.status, 200);
  EXPECT_EQ(revisit.json()["name"], "Thủ tục thử nghiệm đã sửa");
  EXPECT_NE(revisit.header("etag"), etag);

  auto stale = client_.send("PUT", url, changed.dump(), admin.headers());  // still version 1
  EXPECT_EQ(stale.status, 409) << stale.body;
  json_error_code(stale);
  EXPECT_EQ(client_.get(url).json()["version"], 2);

  auto duplicate =
      client_.post("/api/v1/procedures", procedure_json("1.999001", "Trùng mã").dump(), admin.headers());
  EXPECT_EQ(duplicate.status, 409) << duplicate.body;

  auto deleted = client_.send("DELETE", url, "", admin.headers());
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  auto gone = client_.get(url);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(json_error_code(gone), "procedure.not_found");
  EXPECT_TRUE(item_codes(search(client_, "thu nghiem")).empty());
}

TEST_P(E2eTest, ImportCreatesAndUpdatesAndExportRoundTrips) {
  auto exported = client_.get("/api/v1/procedures/export");
  ASSERT_EQ(exported.status, 200);
  const auto all = exported.json()["procedures"];
  EXPECT_EQ(all.size(), 53u);

  const auto existing = procedure_json(all[0]["code"], "Tên đã cập nhật qua nhập tệp");
  nlohmann::json file = {{"procedures", {procedure_json("2.999002", "Thủ tục nhập từ tệp"), existing}}};
  auto imported = client_.post("/api/v1/procedures/import", file.dump(), admin_bearer());
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json(), (nlohmann::json{{"created", 1}, {"updated", 1}}));
  EXPECT_EQ(client_.get("/api/v1/procedures/" + existing["code"].get<std::string>()).json()["name"],
            "Tên đã cập nhật qua nhập tệp");
  EXPECT_EQ(client_.get("/api/v1/procedures/export").json()["procedures"].size(), 54u);
}

TEST_P(E2eTest, ListPagesThroughTheCatalogueAndListsFields) {
  auto first = client_.get("/api/v1/procedures?limit=50");
  ASSERT_EQ(first.status, 200);
  const auto next = first.json()["next_after"];
  ASSERT_TRUE(next.is_string());
  auto second = client_.get("/api/v1/procedures?limit=50&after=" + next.get<std::string>());
  EXPECT_EQ(item_codes(first).size() + item_codes(second).size(), 53u);
  EXPECT_TRUE(second.json()["next_after"].is_null());

  auto fields = client_.get("/api/v1/fields");
  ASSERT_EQ(fields.status, 200);
  const auto list = fields.json()["fields"];
  EXPECT_NE(std::find(list.begin(), list.end(), "Hộ tịch"), list.end());
  auto civil = client_.get("/api/v1/procedures?limit=100&field=" + url_encode("Hộ tịch"));
  EXPECT_TRUE(code_set(civil).contains("1.001193"));
}

// ---------------------------------------------------------------------------------- units and agencies

TEST_P(E2eTest, ProvinceFifteenIsYenBaiBeforeTheMergerAndLaoCaiAfter) {
  auto before = client_.get("/api/v1/units/15?date=2025-06-30");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json()["name"], "Tỉnh Yên Bái");
  EXPECT_EQ(before.json()["valid_to"], "2025-06-30");

  auto after = client_.get("/api/v1/units/15?date=2025-07-01");
  ASSERT_EQ(after.status, 200) << after.body;
  const auto unit = after.json();
  EXPECT_EQ(unit["name"], "Tỉnh Lào Cai");
  EXPECT_EQ(unit["valid_from"], "2025-07-01");
  std::set<std::string> predecessors;
  for (const auto& p : unit["predecessors"])
    predecessors.insert(p["code"].get<std::string>() + " " + p["name"].get<std::string>());
  EXPECT_TRUE(predecessors.contains("10 Tỉnh Lào Cai"));
  EXPECT_TRUE(predecessors.contains("15 Tỉnh Yên Bái"));
  EXPECT_EQ(unit["history"].size(), 2u);
}

TEST_P(E2eTest, AbolishedCommuneNamesItsSuccessor) {
  auto old_ward = client_.get("/api/v1/units/02641?date=2025-06-30");
  ASSERT_EQ(old_ward.status, 200) << old_ward.body;
  EXPECT_EQ(old_ward.json()["name"], "Phường Lào Cai");
  EXPECT_EQ(old_ward.json()["successor_codes"], nlohmann::json({"02647"}));
  EXPECT_EQ(client_.get("/api/v1/units/02641?date=2025-07-01").status, 404);

  auto successor = client_.get("/api/v1/units/02647?date=2025-07-01");
  ASSERT_EQ(successor.status, 200);
  EXPECT_EQ(successor.json()["name"], "Phường Lào Cai");
  EXPECT_EQ(successor.json()["parent_code"], "15");  // districts are gone: wards belong to the province
}

TEST_P(E2eTest, UnitListsFollowTheDate) {
  EXPECT_EQ(item_codes(client_.get("/api/v1/units?level=province&date=2025-06-30")),
            (std::vector<std::string>{"10", "15"}));
  EXPECT_EQ(item_codes(client_.get("/api/v1/units?level=province&date=2025-07-01")),
            std::vector<std::string>{"15"});
  EXPECT_TRUE(item_codes(client_.get("/api/v1/units?level=district&date=2025-07-01")).empty());
  EXPECT_FALSE(item_codes(client_.get("/api/v1/units?level=district&date=2025-06-30")).empty());
}

TEST_P(E2eTest, AgenciesAreListedAndAdministratorsAddThem) {
  auto list = client_.get("/api/v1/agencies");
  ASSERT_EQ(list.status, 200);
  const auto codes = item_codes(list);
  EXPECT_EQ(codes.size(), 23u);
  auto ubnd = client_.get("/api/v1/agencies/000.00.00.H38");
  ASSERT_EQ(ubnd.status, 200);
  EXPECT_EQ(ubnd.json()["name"], "Ủy ban nhân dân tỉnh Lào Cai");
  EXPECT_EQ(ubnd.json()["kind"], "people_committee");

  nlohmann::json agency = {{"code", "000.00.09.H38"},
                           {"name", "Sở Y tế tỉnh Lào Cai"},
                           {"kind", "department"},
                           {"unit_code", "15"},
                           {"parent_code", "000.00.00.H38"}};
  auto created = client_.post("/api/v1/agencies", agency.dump(), admin_bearer());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(client_.get("/api/v1/agencies/000.00.09.H38").json()["name"], "Sở Y tế tỉnh Lào Cai");
  EXPECT_EQ(client_.post("/api/v1/agencies", agency.dump(), admin_bearer()).status, 409);
}

// ------------------------------------------------------------------------------------------ operations

TEST_P(E2eTest, HealthAndReadiness) {
  auto health = client_.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
  auto ready = client_.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json()["status"], "ready");
  EXPECT_EQ(ready.json()["database"], GetParam() == Engine::kSqlite ? "sqlite" : "postgresql");
}

// The value of the sample `name{labels}` in Prometheus text, or -1.
double sample(const std::string& text, const std::string& name_and_labels) {
  const std::string key = "\n" + name_and_labels + " ";
  const auto at = text.find(key);
  return at == std::string::npos ? -1 : std::stod(text.substr(at + key.size()));
}

TEST_P(E2eTest, MetricsCountRequestsAndTimeThemPerRoute) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(client_.get("/api/v1/procedures/1.001193").status, 200);
  ASSERT_EQ(client_.get("/api/v1/procedures/9.999999").status, 404);
  ASSERT_EQ(client_.get("/no/such/page").status, 404);
  auto metrics = client_.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.header("content-type").value_or("").rfind("text/plain; version=0.0.4", 0), 0u);
  const std::string& m = metrics.body;
  const std::string route = "route=\"GET /api/v1/procedures/{code}\"";
  EXPECT_EQ(sample(m, "motcua_http_requests_total{" + route + ",status=\"2xx\"}"), 3);
  EXPECT_EQ(sample(m, "motcua_http_requests_total{" + route + ",status=\"4xx\"}"), 1);
  EXPECT_EQ(sample(m, "motcua_http_requests_total{route=\"unmatched\",status=\"4xx\"}"), 1);
  EXPECT_EQ(sample(m, "motcua_http_request_duration_seconds_count{" + route + "}"), 4);
  EXPECT_EQ(sample(m, "motcua_http_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"}"), 4);
  EXPECT_GT(sample(m, "motcua_http_request_duration_seconds_sum{" + route + "}"), 0);
  EXPECT_NE(m.find("motcua_http_requests_in_flight"), std::string::npos);
}

const char* openapi_method(http::Method m) {
  switch (m) {
    case http::Method::kGet:
      return "get";
    case http::Method::kPost:
      return "post";
    case http::Method::kPut:
      return "put";
    case http::Method::kDelete:
      return "delete";
    case http::Method::kPatch:
      return "patch";
    case http::Method::kHead:
      return "head";
    case http::Method::kOptions:
      return "options";
    case http::Method::kOther:
      return "other";
  }
  return "other";
}

// Keeps the OpenAPI document honest: every route of build_routes is documented with its method, and every
// documented operation is a route.
TEST_P(E2eTest, OpenApiDocumentDescribesEveryRoute) {
  auto r = client_.get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  const auto doc = r.json();
  ASSERT_TRUE(doc.is_object()) << "not JSON";
  EXPECT_EQ(doc.value("openapi", "").rfind("3.", 0), 0u);
  ASSERT_TRUE(doc.contains("paths"));
  const auto& paths = doc["paths"];
  std::set<std::string> routes;
  for (const auto& route : server_->routes().router.routes()) {
    const std::string method = openapi_method(route->method);
    routes.insert(method + " " + route->pattern);
    EXPECT_TRUE(paths.contains(route->pattern) && paths[route->pattern].contains(method))
        << "undocumented route: " << method << " " << route->pattern;
  }
  for (const auto& [path, item] : paths.items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      EXPECT_TRUE(routes.contains(method + " " + path))
          << "documented but not served: " << method << " " << path;
      EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
    }
  }
}

// ------------------------------------------------------------------------------------------- web pages

TEST_P(E2eTest, CataloguePageSearchesWithoutDiacritics) {
  auto page = client_.get("/thu-tuc?q=dang+ky+khai+sinh");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type").value_or(""), "text/html; charset=utf-8");
  const auto first = page.body.find("<a class=\"name\" href=\"/thu-tuc/");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(page.body.find("<a class=\"name\" href=\"/thu-tuc/1.001193\">Thủ tục đăng ký khai sinh</a>"),
            first)
      << "the first result is " << page.body.substr(first, 120);
  EXPECT_NE(page.body.find("value=\"dang ky khai sinh\""), std::string::npos);
  EXPECT_EQ(client_.get("/").header("location").value_or(""), "/thu-tuc");
  EXPECT_EQ(client_.get("/static/motcua.css").header("content-type").value_or(""), "text/css; charset=utf-8");
}

TEST_P(E2eTest, ProcedurePageRenders) {
  auto page = client_.get("/thu-tuc/1.001193");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Thủ tục đăng ký khai sinh"), std::string::npos);
  EXPECT_NE(page.body.find("Thành phần hồ sơ"), std::string::npos);
  EXPECT_TRUE(page.header("content-security-policy").has_value());
  EXPECT_EQ(client_.get("/thu-tuc/9.999999").status, 404);
}

TEST_P(E2eTest, SignInFormNeedsItsCsrfCookieThenRedirects) {
  auto form = client_.get("/dang-nhap");
  ASSERT_EQ(form.status, 200);
  const auto csrf = form.set_cookie("motcua_csrf");
  ASSERT_TRUE(csrf.has_value());
  EXPECT_NE(form.body.find("name=\"csrf\" value=\"" + *csrf + "\""), std::string::npos);
  const std::string fields = "username=quantri.tinh&password=" + url_encode(kDemoPassword) + "&csrf=" + *csrf;
  const HeaderList form_type = {{"Content-Type", "application/x-www-form-urlencoded"}};

  EXPECT_EQ(client_.post("/dang-nhap", fields, form_type).status, 403);  // no cookie: a cross-site post
  HeaderList wrong = form_type;
  wrong.emplace_back("Cookie", "motcua_csrf=someone-elses-token");
  EXPECT_EQ(client_.post("/dang-nhap", fields, wrong).status, 403);

  HeaderList right = form_type;
  right.emplace_back("Cookie", "motcua_csrf=" + *csrf);
  auto signed_in = client_.post("/dang-nhap", fields, right);
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  EXPECT_EQ(signed_in.header("location").value_or(""), "/thu-tuc");
  const auto session = signed_in.set_cookie("motcua_session");
  ASSERT_TRUE(session.has_value());
  auto page = client_.get("/thu-tuc", {{"Cookie", "motcua_session=" + *session}});
  EXPECT_NE(page.body.find("Nguyễn Đức Thắng"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, E2eTest, ::testing::Values(Engine::kSqlite));
INSTANTIATE_TEST_SUITE_P(Postgres, E2eTest, ::testing::Values(Engine::kPostgres));

}  // namespace
}  // namespace motcua::e2e
