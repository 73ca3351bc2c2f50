// The fixture of the HTTP end-to-end suite: every test gets its own TestServer (fresh database, demo
// province) on the engine it is instantiated for (ctest http_e2e_sqlite / http_e2e_postgres), plus helpers
// to sign in, to check JSON error bodies and to prove that a request wrote nothing.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "test_server.hpp"

namespace motcua::e2e {

// A signed-in browser session: the cookie and the CSRF token that writes must echo.
struct Session {
  std::string cookie;  // "motcua_session=..."
  std::string csrf;
  std::int64_t user_id = 0;

  HeaderList headers(bool with_csrf = true) const;
};

// Signs in through POST /api/v1/auth/sign-in on any server; records a test failure if that does not answer
// 200.
Session sign_in(const HttpClient& client, const std::string& username,
                const std::string& password = kDemoPassword);

class E2eTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override;
  void TearDown() override { server_.reset(); }
  // The server's time source: null for the system clock; fixtures that move time return their FakeClock.
  virtual const core::Clock* clock() { return nullptr; }
  // The server's pooled database connections (config db_pool). One: a request that opened a transaction
  // while it held another (a second pooled connection) would then stall until the pool's timeout and fail
  // with 503, so every test of the suite also checks that no request does.
  virtual int db_pool() { return 1; }

  // Signs in through POST /api/v1/auth/sign-in; records a test failure if that does not answer 200.
  Session sign_in(const std::string& username, const std::string& password = kDemoPassword);
  // An API token of the demo administrator (issued through POST /api/v1/api-tokens).
  std::string admin_token();
  HeaderList admin_bearer() { return {{"Authorization", "Bearer " + admin_token()}}; }
  // Everything a request could change, read through the API and the store: the exported catalogue,
  // the agencies, the audit trail and the number of users and sessions.
  std::string snapshot();

  std::unique_ptr<TestServer> server_;
  HttpClient client_{0};

 private:
  std::string admin_token_;
};

// The body is the JSON error of http/error_mapping.hpp: error.code, a Vietnamese error.message and an
// English error.message_en. Returns the code ("" after recording a failure).
std::string json_error_code(const HttpResult& r);

// Item codes of a JSON list response {"items": [...]}, in order.
std::vector<std::string> item_codes(const HttpResult& r);

// A birth registration (procedure 1.001193) at the one-stop section of Phường Lào Cai (000.01.21.H38) for the
// demo citizen Nguyễn Thị Hoa, with the uploaded file `sha256` as the birth certificate.
nlohmann::json birth_registration_json(const std::string& sha256);

// Where an e2e test leaves the PDFs and PNGs people look at: test-artifacts/forms-sqlite/ or forms-postgres/
// (by the running test's instantiation), so that the two engines' suites, which CTest runs at the same time
// in the same directory, never overwrite each other's files.
std::filesystem::path forms_artifacts_dir();

// A complete, valid procedure in the API's JSON form, with agencies from the demo province.
nlohmann::json procedure_json(const std::string& code, const std::string& name);

}  // namespace motcua::e2e
