#include "e2e_fixture.hpp"

#include <cctype>

#include "adapters/pdf/test_support.hpp"
#include "app/dossier_ports.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "domain/dossier/dossier.hpp"

namespace motcua::e2e {

HeaderList Session::headers(bool with_csrf) const {
  HeaderList h = {{"Cookie", cookie}};
  if (with_csrf) h.emplace_back("X-CSRF-Token", csrf);
  return h;
}

void E2eTest::SetUp() {
  auto started = TestServer::start(GetParam(), clock(), db_pool());
  ASSERT_TRUE(started.server) << started.error;
  server_ = std::move(started.server);
  client_ = server_->client();
}

Session E2eTest::sign_in(const std::string& username, const std::string& password) {
  return e2e::sign_in(client_, username, password);
}

Session sign_in(const HttpClient& client, const std::string& username, const std::string& password) {
  const auto r = client.post("/api/v1/auth/sign-in",
                             nlohmann::json{{"username", username}, {"password", password}}.dump());
  EXPECT_EQ(r.status, 200) << username << ": " << r.body;
  const auto body = r.json();
  Session s;
  s.cookie = "motcua_session=" + r.set_cookie("motcua_session").value_or("");
  s.csrf = body.value("csrf_token", "");
  if (body.contains("user")) s.user_id = body["user"].value("id", std::int64_t{0});
  return s;
}

std::string E2eTest::admin_token() {
  if (!admin_token_.empty()) return admin_token_;
  const Session admin = sign_in("quantri.tinh");
  const auto r =
      client_.post("/api/v1/api-tokens", nlohmann::json{{"user_id", admin.user_id}, {"name", "e2e"}}.dump(),
                   admin.headers());
  EXPECT_EQ(r.status, 201) << r.body;
  admin_token_ = r.json().value("token", "");
  return admin_token_;
}

std::string E2eTest::snapshot() {
  std::string out =
      client_.get("/api/v1/procedures/export").body + "\n" + client_.get("/api/v1/agencies").body;
  auto st = server_->runtime().store->read([&](app::Repositories& r) -> core::Status {
    out += "\nunits " + std::to_string(r.units().count().value_or(-1));
    for (auto kind : {domain::UserKind::kOfficial, domain::UserKind::kCitizen, domain::UserKind::kSystem}) {
      for (const auto& u : r.users().list(kind, 0, 100000).value_or(std::vector<domain::User>{})) {
        out += "\nuser " + u.username;
      }
    }
    // The one-stop process: dossiers with their state and due time, pending outbox events, workflow
    // versions, the calendar's official days and an agency's working hours.
    app::DossierQuery every;
    every.limit = 100000;
    for (const auto& d : r.dossiers().search(every).value_or(std::vector<app::DossierSummary>{})) {
      out +=
          "\ndossier " + d.code + " " + domain::dossier_state_name(d.state) + " " + std::to_string(d.due_at);
    }
    out +=
        "\noutbox " +
        std::to_string(r.dossiers().pending_outbox(100000).value_or(std::vector<app::OutboxEvent>{}).size());
    for (const auto& w :
         r.dossiers().all_latest_workflows().value_or(std::vector<domain::WorkflowDefinition>{})) {
      out += "\nworkflow " + w.procedure_code + " " + w.agency_code + " " + std::to_string(w.version);
    }
    for (int year = 2024; year <= 2027; ++year) {
      for (const auto& d : r.calendar().days(year).value_or(std::vector<app::StoredCalendarDay>{}))
        out += "\nday " + core::format_date(d.day.date) + " " + d.day.name_vi;
    }
    if (auto hours = r.calendar().find_agency_hours("000.01.21.H38")) out += "\nhours " + hours->updated_by;
    auto audit = r.audit().recent("", 1'000'000);
    if (!audit) return audit.error();
    for (const auto& e : *audit)
      out += "\naudit " + e.action + " " + e.target + " " + e.outcome + " " + e.detail;
    return {};
  });
  EXPECT_TRUE(st.ok());
  return out;
}

std::string json_error_code(const HttpResult& r) {
  EXPECT_EQ(r.header("content-type").value_or(""), "application/json; charset=utf-8");
  const auto body = r.json();
  const bool shaped = body.is_object() && body.contains("error") && body["error"].is_object();
  EXPECT_TRUE(shaped) << "not a JSON error body: " << r.body;
  if (!shaped) return "";
  const auto& e = body["error"];
  const auto code = e.value("code", "");
  const auto vi = e.value("message", "");
  const auto en = e.value("message_en", "");
  EXPECT_FALSE(code.empty()) << r.body;
  EXPECT_FALSE(en.empty()) << r.body;
  // Vietnamese is written with diacritics: a message without any non-ASCII letter is not Vietnamese.
  EXPECT_TRUE(core::is_valid_utf8(vi) && core::utf8_length(vi) < vi.size())
      << "message is not Vietnamese: " << vi;
  EXPECT_NE(vi, en);
  return code;
}

std::vector<std::string> item_codes(const HttpResult& r) {
  std::vector<std::string> codes;
  const auto body = r.json();
  if (!body.is_object() || !body.contains("items")) {
    ADD_FAILURE() << "not a list response: " << r.body;
    return codes;
  }
  for (const auto& item : body["items"]) codes.push_back(item.value("code", ""));
  return codes;
}

nlohmann::json birth_registration_json(const std::string& sha256) {
  return {{"procedure_code", "1.001193"},
          {"receiving_agency", "000.01.21.H38"},
          {"applicant",
           {{"full_name", "Nguyễn Thị Hoa"},
            {"personal_id", "010192004821"},
            {"commune_code", "02647"},
            {"address", "Tổ 5, phường Lào Cai, tỉnh Lào Cai"}}},
          {"declaration",
           {{"ho_ten_tre", "Giàng Thị Mai"},
            {"ngay_sinh", "2026-05-20"},
            {"gioi_tinh", "Nữ"},
            {"noi_sinh", "Bệnh viện đa khoa tỉnh Lào Cai"},
            {"quan_he", "Mẹ"}}},
          {"components", {{{"name", "Giấy chứng sinh"}, {"sha256", sha256}}}}};
}

std::filesystem::path forms_artifacts_dir() {
  std::string suite = ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name();
  suite = suite.substr(0, suite.find('/'));
  for (auto& ch : suite) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return adapters::testing::artifacts_dir("forms-" + suite);
}

nlohmann::json procedure_json(const std::string& code, const std::string& name) {
  return {{"code", code},
          {"name", name},
          {"field", "Hộ tịch"},
          {"levels", {"commune"}},
          {"online_level", "partial"},
          {"time_limit", {{"value", 3}, {"unit", "working_days"}, {"note", "Kể từ ngày nhận đủ hồ sơ"}}},
          {"fees", {{{"name", "Lệ phí"}, {"amount_vnd", 5000}, {"note", ""}}}},
          {"components", {{{"name", "Tờ khai theo mẫu"}, {"required", true}, {"quantity", "01 bản chính"}}}},
          {"result", "Trích lục"},
          {"legal_basis", {"Luật Hộ tịch 2014"}},
          {"applicants", "Công dân Việt Nam"},
          {"agency_codes", {"000.00.21.H38"}}};
}

}  // namespace motcua::e2e
