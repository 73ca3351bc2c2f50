// Keys on a PKCS#11 token: SoftHSM2 (Debian's softhsm2) holds the leader's key; libp11 signs through it.
#include "adapters/sign/pkcs11.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "adapters/pdf/form_renderer.hpp"
#include "adapters/pdf/sample_forms.hpp"
#include "adapters/sign/test_pki.hpp"
#include "adapters/sign/verifier.hpp"

namespace motcua::adapters::sign {
namespace {

constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";

class Pkcs11Test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kModule) || testing::run("command -v softhsm2-util").exit_code != 0)
      GTEST_SKIP() << "softhsm2 is not installed (scripts/install-deps.sh --with-test-tools)";
    std::filesystem::create_directories(tmp_.file("tokens"));
    testing::write_file(tmp_.file("softhsm2.conf"), "directories.tokendir = " + tmp_.file("tokens") +
                                                        "\nobjectstore.backend = file\nlog.level = ERROR\n");
    ::setenv("SOFTHSM2_CONF", tmp_.file("softhsm2.conf").c_str(), 1);
    const auto init =
        testing::run("softhsm2-util --init-token --free --label motcua --pin 1234 --so-pin 5678");
    ASSERT_EQ(init.exit_code, 0) << init.output;
    testing::write_file(tmp_.file("leader.key"), testing::key_pem_clear(pki_.leader.key.get()));
    const auto import = testing::run("softhsm2-util --import " + tmp_.file("leader.key") +
                                     " --token motcua --label leader --id 01 --pin 1234");
    ASSERT_EQ(import.exit_code, 0) << import.output;
    std::filesystem::remove(tmp_.file("leader.key"));
  }

  core::FakeClock clock_{core::SystemClock().now()};
  testing::DemoPki pki_ = testing::DemoPki::make(clock_);
  testing::TempDir tmp_;
};

TEST_F(Pkcs11Test, SignsWithAKeyThatStaysOnTheToken) {
  auto id = identity_from_token(certificate_pem(pki_.leader.certificate.get()),
                                {kModule, "motcua", "leader", "1234"}, pdf::demo_signature_png("Bảo"));
  ASSERT_TRUE(id.ok()) << id.error().message_en;
  auto signer = make_signer(std::move(*id), clock_, nullptr);
  ASSERT_TRUE(signer.ok()) << signer.error().message_en;
  auto form = pdf::make_form_renderer({})->render_pdf(app::FormSet::k2018, testing::sample_receipt());
  ASSERT_TRUE(form.ok());
  auto signed_pdf = (*signer)->sign_pdf(form->pdf, {.box = *form->signature_box, .reason = "Ký bằng token"});
  ASSERT_TRUE(signed_pdf.ok()) << signed_pdf.error().message_en;
  auto verifier = make_verifier({.trust_anchors_pem = {pki_.ca_pem()}}, clock_);
  auto report = (*verifier)->verify_pdf(*signed_pdf);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->all_valid()) << report->signatures[0].chain_detail;
  EXPECT_EQ(report->signatures[0].signer_name, "Trần Quốc Bảo");
}

TEST_F(Pkcs11Test, WrongPinMissingTokenAndMissingKeyAreClearErrors) {
  auto pin = load_pkcs11_key({kModule, "motcua", "leader", "0000"});
  ASSERT_FALSE(pin.ok());
  EXPECT_EQ(pin.error().code, core::ErrorCode::kUnauthenticated);
  EXPECT_EQ(pin.error().code_id, "signature.pkcs11_pin");
  auto token = load_pkcs11_key({kModule, "không-có", "leader", "1234"});
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code_id, "signature.pkcs11_token");
  auto key = load_pkcs11_key({kModule, "motcua", "seal", "1234"});
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code_id, "signature.pkcs11_key");
  auto module = load_pkcs11_key({"/nonexistent/libpkcs11.so", "motcua", "leader", "1234"});
  ASSERT_FALSE(module.ok());
  EXPECT_EQ(module.error().code_id, "signature.pkcs11_module");
}

}  // namespace
}  // namespace motcua::adapters::sign
