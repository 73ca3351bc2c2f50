// Sign-in, sessions, CSRF, lock-out, API tokens and permission checks over HTTP, with the audit rows that
// issue 2 requires for every sign-in and every denial.
#include "core/text.hpp"
#include "e2e_fixture.hpp"

namespace motcua::e2e {
namespace {

std::string credentials(const std::string& username, const std::string& password) {
  return nlohmann::json{{"username", username}, {"password", password}}.dump();
}

// Audit rows (newest first) read as the demo administrator, filtered by action prefix.
nlohmann::json audit(const HttpClient& client, const HeaderList& admin, const std::string& action) {
  const auto r = client.get("/api/v1/audit?limit=500&action=" + url_encode(action), admin);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json()["items"];
}

bool has_row(const nlohmann::json& rows, const std::string& actor, const std::string& outcome) {
  for (const auto& row : rows)
    if (row["actor"] == actor && row["outcome"] == outcome) return true;
  return false;
}

TEST_P(E2eTest, SignInSetsAnHttpOnlySameSiteSessionCookie) {
  const auto r = client_.post("/api/v1/auth/sign-in", credentials("quantri.tinh", kDemoPassword));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto cookies = r.headers_named("set-cookie");
  ASSERT_EQ(cookies.size(), 1u);
  const std::string& c = cookies[0];
  EXPECT_EQ(c.rfind("motcua_session=", 0), 0u);
  EXPECT_NE(c.find("; HttpOnly"), std::string::npos) << c;
  EXPECT_NE(c.find("; SameSite=Lax"), std::string::npos) << c;
  EXPECT_NE(c.find("; Path=/"), std::string::npos) << c;
  EXPECT_EQ(r.header("cache-control").value_or(""), "no-store");
  const auto body = r.json();
  EXPECT_EQ(body["user"]["username"], "quantri.tinh");
  EXPECT_EQ(body["user"]["full_name"], "Nguyễn Đức Thắng");
  EXPECT_EQ(body["user"]["roles"][0]["role"], "administrator");
  EXPECT_GE(body["csrf_token"].get<std::string>().size(), 16u);

  const HeaderList cookie = {{"Cookie", "motcua_session=" + *r.set_cookie("motcua_session")}};
  const auto me = client_.get("/api/v1/auth/me", cookie);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["full_name"], "Nguyễn Đức Thắng");
  EXPECT_EQ(me.json()["csrf_token"], body["csrf_token"]);
  EXPECT_TRUE(has_row(audit(client_, cookie, "auth.sign_in"), "quantri.tinh", "ok"));
}

TEST_P(E2eTest, WrongPasswordAndUnknownUsersGet401) {
  for (const auto& [user, password] :
       std::vector<std::pair<std::string, std::string>>{{"quantri.tinh", "mat-khau-sai-hoan-toan"},
                                                        {"khong.ton.tai", kDemoPassword},
                                                        {"quantri.tinh' OR 1=1 --", kDemoPassword},
                                                        {"' OR '1'='1", "' OR '1'='1"},
                                                        {"quantri.tinh", ""}}) {
    SCOPED_TRACE(user + " / " + password);
    const auto r = client_.post("/api/v1/auth/sign-in", credentials(user, password));
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(json_error_code(r), "auth.bad_credentials");
    EXPECT_TRUE(r.headers_named("set-cookie").empty());
  }
  const auto me = client_.get("/api/v1/auth/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(json_error_code(me), "auth.required");
  const auto rows = audit(client_, admin_bearer(), "auth.sign_in");
  EXPECT_TRUE(has_row(rows, "quantri.tinh", "failed"));
  EXPECT_TRUE(has_row(rows, "khong.ton.tai", "failed"));
}

TEST_P(E2eTest, FiveFailuresLockTheAccountEvenForTheRightPassword) {
  for (int i = 1; i <= 5; ++i) {
    const auto r = client_.post("/api/v1/auth/sign-in",
                                credentials("giamsat.tinh", "sai-mat-khau-" + std::to_string(i)));
    if (i < 5) {
      EXPECT_EQ(r.status, 401) << "attempt " << i << ": " << r.body;
    } else {
      EXPECT_EQ(r.status, 422) << "attempt 5: " << r.body;
      EXPECT_EQ(json_error_code(r), "auth.locked");
    }
  }
  const auto right = client_.post("/api/v1/auth/sign-in", credentials("giamsat.tinh", kDemoPassword));
  EXPECT_EQ(right.status, 422) << right.body;
  EXPECT_EQ(json_error_code(right), "auth.locked");
  EXPECT_TRUE(right.headers_named("set-cookie").empty());
  // Another account is not affected.
  EXPECT_EQ(client_.post("/api/v1/auth/sign-in", credentials("vanthu.tinh", kDemoPassword)).status, 200);
  EXPECT_TRUE(has_row(audit(client_, admin_bearer(), "auth.sign_in"), "giamsat.tinh", "denied"));
}

TEST_P(E2eTest, CookieAuthenticatedWritesNeedTheCsrfHeader) {
  const Session admin = sign_in("quantri.tinh");
  const std::string before = snapshot();
  auto versioned = procedure_json("1.001193", "Thủ tục đăng ký khai sinh");
  versioned["version"] = 1;
  const std::vector<std::tuple<std::string, std::string, std::string>> writes = {
      {"POST", "/api/v1/procedures", procedure_json("1.999005", "Thủ tục giả mạo").dump()},
      {"PUT", "/api/v1/procedures/1.001193", versioned.dump()},
      {"DELETE", "/api/v1/procedures/1.001193", ""},
      {"POST", "/api/v1/procedures/import", R"({"procedures":[]})"},
      {"POST", "/api/v1/agencies",
       R"({"code":"000.00.09.H38","name":"Sở Y tế","kind":"department","unit_code":"15"})"},
      {"POST", "/api/v1/users", R"({"username":"ke.gia.mao","full_name":"Kẻ giả mạo","kind":"citizen"})"},
      {"POST", "/api/v1/api-tokens", R"({"user_id":1,"name":"x"})"},
      {"POST", "/api/v1/auth/sign-out", ""},
  };
  for (const auto& [method, target, body] : writes) {
    SCOPED_TRACE(method + " " + target);
    const auto missing = client_.send(method, target, body, admin.headers(false));
    EXPECT_EQ(missing.status, 403) << missing.body;
    EXPECT_EQ(json_error_code(missing), "auth.csrf");
    HeaderList wrong = admin.headers(false);
    wrong.emplace_back("X-CSRF-Token", admin.csrf + "x");
    EXPECT_EQ(client_.send(method, target, body, wrong).status, 403);
  }
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(client_.get("/api/v1/auth/me", admin.headers(false)).status, 200) << "the session must survive";
  const auto with = client_.post("/api/v1/procedures", procedure_json("1.999005", "Thủ tục hợp lệ").dump(),
                                 admin.headers());
  EXPECT_EQ(with.status, 201) << with.body;
}

TEST_P(E2eTest, CitizensAndSpecialistsCannotChangeTheCatalogueAndAreAudited) {
  const std::string body = procedure_json("1.999006", "Thủ tục trái phép").dump();
  for (const char* user : {"congdan.hoa", "chuyenvien.sotuphap", "motcua.tinh", "giamsat.tinh"}) {
    SCOPED_TRACE(user);
    const Session s = sign_in(user);
    const auto r = client_.post("/api/v1/procedures", body, s.headers());
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(json_error_code(r), "auth.forbidden");
    EXPECT_EQ(client_.send("DELETE", "/api/v1/procedures/1.001193", "", s.headers()).status, 403);
  }
  const auto anonymous = client_.post("/api/v1/procedures", body);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(json_error_code(anonymous), "auth.required");
  EXPECT_EQ(client_.get("/api/v1/procedures/1.999006").status, 404);
  EXPECT_EQ(client_.get("/api/v1/procedures/1.001193").status, 200);

  const Session admin = sign_in("quantri.tinh");
  const auto created = audit(client_, admin.headers(), "procedure.create");
  EXPECT_TRUE(has_row(created, "congdan.hoa", "denied"));
  EXPECT_TRUE(has_row(created, "chuyenvien.sotuphap", "denied"));
  EXPECT_TRUE(has_row(created, "anonymous", "denied"));
  for (const auto& row : created) {
    EXPECT_EQ(row["detail"], row["actor"] == "anonymous" ? "auth.required" : "auth.forbidden") << row.dump();
  }
  EXPECT_TRUE(has_row(audit(client_, admin.headers(), "procedure.delete"), "congdan.hoa", "denied"));
}

TEST_P(E2eTest, OnlyAdministratorsAndSupervisorsReadTheAudit) {
  const Session citizen = sign_in("congdan.pao");
  const auto r = client_.get("/api/v1/audit", citizen.headers());
  EXPECT_EQ(r.status, 403);
  json_error_code(r);
  EXPECT_EQ(client_.get("/api/v1/audit").status, 401);
  EXPECT_EQ(client_.get("/api/v1/audit", sign_in("giamsat.tinh").headers()).status, 200);
  EXPECT_TRUE(has_row(audit(client_, admin_bearer(), "audit.read"), "congdan.pao", "denied"));
}

TEST_P(E2eTest, ApiTokensWorkWithoutCsrfAndStopWorkingWhenInvalid) {
  const std::string token = admin_token();
  ASSERT_EQ(token.rfind("mc_", 0), 0u);
  const HeaderList bearer = {{"Authorization", "Bearer " + token}};
  const auto me = client_.get("/api/v1/auth/me", bearer);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["username"], "quantri.tinh");
  EXPECT_FALSE(me.json().contains("csrf_token"));
  const auto created =
      client_.post("/api/v1/procedures", procedure_json("1.999007", "Thủ tục qua API").dump(), bearer);
  EXPECT_EQ(created.status, 201) << created.body;

  std::string tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  const std::vector<std::string> invalid = {"Bearer " + tampered, "Bearer mc_khong-hop-le", "Bearer ",
                                            "Bearer " + std::string(200, 'a'),
                                            "Bearer " + token + "' OR 1=1 --"};
  for (const std::string& auth : invalid) {
    SCOPED_TRACE(auth);
    const auto r =
        client_.send("DELETE", "/api/v1/procedures/1.999007", "", HeaderList{{"Authorization", auth}});
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(json_error_code(r), "auth.token_invalid");
  }
  const auto basic = client_.get("/api/v1/auth/me", {{"Authorization", "Basic cXVhbnRyaS50aW5oOng="}});
  EXPECT_EQ(basic.status, 401);
  EXPECT_EQ(json_error_code(basic), "auth.scheme_unsupported");
  EXPECT_EQ(client_.get("/api/v1/procedures/1.999007").status, 200) << "an invalid token deleted something";

  // A token carries its user's roles, no more: a citizen's token cannot write the catalogue.
  const Session citizen = sign_in("congdan.hoa");
  const Session admin = sign_in("quantri.tinh");
  const auto issued = client_.post("/api/v1/api-tokens",
                                   nlohmann::json{{"user_id", citizen.user_id}, {"name", "ứng dụng"}}.dump(),
                                   admin.headers());
  ASSERT_EQ(issued.status, 201) << issued.body;
  const HeaderList citizen_bearer = {
      {"Authorization", "Bearer " + issued.json()["token"].get<std::string>()}};
  EXPECT_EQ(client_.get("/api/v1/auth/me", citizen_bearer).json()["username"], "congdan.hoa");
  EXPECT_EQ(client_.send("DELETE", "/api/v1/procedures/1.999007", "", citizen_bearer).status, 403);
  // Only administrators issue tokens.
  EXPECT_EQ(client_.post("/api/v1/api-tokens", R"({"user_id":1,"name":"x"})", citizen.headers()).status, 403);
}

TEST_P(E2eTest, SignOutEndsTheSession) {
  const Session s = sign_in("vanthu.tinh");
  ASSERT_EQ(client_.get("/api/v1/auth/me", s.headers()).status, 200);
  const auto out = client_.post("/api/v1/auth/sign-out", "", s.headers());
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(out.set_cookie("motcua_session").value_or("?"), "");
  const auto after = client_.get("/api/v1/auth/me", s.headers());
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(json_error_code(after), "auth.session_invalid");
}

}  // namespace
}  // namespace motcua::e2e
