// The public verification endpoint and page, driven through the route table with a real verifier and a
// receipt signed by the leader and the agency seal.
#include "api/signatures.hpp"

#include <gtest/gtest.h>

#include "adapters/pdf/form_renderer.hpp"
#include "adapters/pdf/sample_forms.hpp"
#include "adapters/sign/test_pki.hpp"
#include "adapters/sign/verifier.hpp"

namespace motcua::api {
namespace {

namespace sign = adapters::sign;

class SignaturesApiTest : public ::testing::Test {
 protected:
  SignaturesApiTest() { add_signature_routes(router_, *verifier_); }

  http::Response call(http::Method method, const std::string& path, std::string body = {}) {
    http::Request req;
    req.method = method;
    req.path = path;
    req.body = std::move(body);
    auto match = router_.match(req);
    EXPECT_NE(match.route, nullptr) << path;
    return match.route->handler(req);
  }

  std::string signed_receipt() {
    auto form = adapters::pdf::make_form_renderer({})->render_pdf(app::FormSet::k2025,
                                                                  adapters::testing::sample_receipt());
    auto leader = sign::make_signer(adapters::testing::identity_of(pki_.leader), clock_, nullptr);
    auto seal = sign::make_signer(adapters::testing::identity_of(pki_.seal), clock_, nullptr);
    auto once = (*leader)->sign_pdf(form->pdf, {.box = *form->signature_box});
    return *(*seal)->sign_pdf(*once, {.style = app::AppearanceStyle::kInvisible});
  }

  core::FakeClock clock_{core::SystemClock().now()};
  adapters::testing::DemoPki pki_ = adapters::testing::DemoPki::make(clock_);
  std::unique_ptr<app::SignatureVerifier> verifier_ =
      std::move(*sign::make_verifier({.trust_anchors_pem = {pki_.ca_pem()}}, clock_));
  http::Router router_;
};

TEST_F(SignaturesApiTest, ReportsEverySignatureOfAnUploadedPdf) {
  const auto r = call(http::Method::kPost, "/api/v1/signatures/verify", signed_receipt());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_TRUE(j["all_valid"].get<bool>());
  ASSERT_EQ(j["signatures"].size(), 2u);
  const auto& first = j["signatures"][0];
  EXPECT_EQ(first["signer"], "Trần Quốc Bảo");
  EXPECT_EQ(first["chain"], "trusted");
  EXPECT_EQ(first["modification"], "signatures_added");
  EXPECT_TRUE(first["bytes_intact"].get<bool>());
  EXPECT_EQ(first["verdict"], "Chữ ký hợp lệ, chứng thư số được tin cậy.");
  EXPECT_NE(first["claimed_time"].get<std::string>().find("+07:00"), std::string::npos);
  EXPECT_EQ(j["signatures"][1]["modification"], "none");
}

TEST_F(SignaturesApiTest, BadUploadsGetBilingualErrors) {
  const auto r = call(http::Method::kPost, "/api/v1/signatures/verify", "không phải PDF");
  EXPECT_EQ(r.status, 400);
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "signature.not_pdf");
  EXPECT_EQ(j["error"]["message"], "Tệp tải lên không phải PDF.");
  EXPECT_EQ(j["error"]["message_en"], "The uploaded file is not a PDF.");
}

TEST_F(SignaturesApiTest, PublicPageUploadsToTheApi) {
  const auto r = call(http::Method::kGet, "/xac-minh-chu-ky");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Xác minh chữ ký số"), std::string::npos);
  EXPECT_NE(r.body.find("/api/v1/signatures/verify"), std::string::npos);
}

}  // namespace
}  // namespace motcua::api
