// The demo CA and certificates (checked with the openssl command line too), keys encrypted at rest, PKCS#12
// import and export, signing-usage checks, and the Decree 30/2020 seal placement rule.
#include "adapters/sign/pki.hpp"

#include <gtest/gtest.h>

#include "adapters/sign/signer.hpp"
#include "adapters/sign/test_pki.hpp"

namespace motcua::adapters::sign {
namespace {

using testing::run;

class PkiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = new testing::DemoPki(testing::DemoPki::make(clock_)); }
  static void TearDownTestSuite() { delete pki_; }
  static inline core::FakeClock clock_{core::SystemClock().now()};
  static inline testing::DemoPki* pki_ = nullptr;
  testing::TempDir tmp_;
};

TEST_F(PkiTest, CaAndEndEntityCertificatesCarryTheRightUsages) {
  testing::write_file(tmp_.file("ca.pem"), pki_->ca_pem());
  testing::write_file(tmp_.file("leader.pem"), certificate_pem(pki_->leader.certificate.get()));
  const auto ca = run("openssl x509 -noout -text -in " + tmp_.file("ca.pem")).output;
  EXPECT_NE(ca.find("CA:TRUE"), std::string::npos) << ca;
  EXPECT_NE(ca.find("Certificate Sign, CRL Sign"), std::string::npos) << ca;
  const auto leader = run("openssl x509 -noout -text -nameopt utf8 -in " + tmp_.file("leader.pem")).output;
  EXPECT_NE(leader.find("Digital Signature, Non Repudiation"), std::string::npos) << leader;
  EXPECT_NE(leader.find("E-mail Protection"), std::string::npos) << leader;
  EXPECT_NE(leader.find("1.3.6.1.5.5.7.3.36"), std::string::npos) << leader;  // documentSigning (RFC 9336)
  EXPECT_NE(leader.find("Trần Quốc Bảo"), std::string::npos) << leader;       // UTF8String subject
  const auto chain =
      run("openssl verify -CAfile " + tmp_.file("ca.pem") + " -purpose smimesign " + tmp_.file("leader.pem"));
  EXPECT_EQ(chain.exit_code, 0) << chain.output;

  EXPECT_TRUE(check_signing_certificate(pki_->leader.certificate.get(), clock_.now()).ok());
  EXPECT_TRUE(check_signing_certificate(pki_->seal.certificate.get(), clock_.now()).ok());
  const auto ca_check = check_signing_certificate(pki_->ca.certificate.get(), clock_.now());
  ASSERT_FALSE(ca_check.ok());
  EXPECT_EQ(ca_check.error().code_id, "signature.certificate_not_for_signing");
  EXPECT_EQ(role_of(pki_->leader.certificate.get()), app::SignerRole::kPersonal);
  EXPECT_EQ(role_of(pki_->seal.certificate.get()), app::SignerRole::kOrganisation);
}

TEST_F(PkiTest, PrivateKeysAreEncryptedAtRestAndNeedTheirPassphrase) {
  auto pem = encrypt_private_key(pki_->leader.key.get(), "mật khẩu cấu hình", 2048);
  ASSERT_TRUE(pem.ok());
  EXPECT_NE(pem->find("-----BEGIN ENCRYPTED PRIVATE KEY-----"), std::string::npos);
  testing::write_file(tmp_.file("k.pem"), *pem);
  const auto parsed = run("openssl asn1parse -in " + tmp_.file("k.pem")).output;
  EXPECT_NE(parsed.find("PBES2"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("aes-256-cbc"), std::string::npos) << parsed;

  auto back = decrypt_private_key(*pem, "mật khẩu cấu hình");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(EVP_PKEY_eq(back->get(), pki_->leader.key.get()), 1);
  auto wrong = decrypt_private_key(*pem, "sai");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code_id, "signature.wrong_passphrase");
  auto clear = decrypt_private_key(testing::key_pem_clear(pki_->leader.key.get()), "x");
  ASSERT_FALSE(clear.ok());
  EXPECT_EQ(clear.error().code_id, "signature.key_not_encrypted");
  EXPECT_EQ(encrypt_private_key(pki_->leader.key.get(), "").error().code_id, "signature.empty_passphrase");

  // The same key as a signing identity, with its certificate in PEM.
  auto id =
      identity_from_encrypted_key(certificate_pem(pki_->leader.certificate.get()), *pem, "mật khẩu cấu hình");
  ASSERT_TRUE(id.ok());
  EXPECT_TRUE(make_signer(std::move(*id), clock_, nullptr).ok());
}

TEST_F(PkiTest, Pkcs12RoundTripAndWrongPassword) {
  X509StackPtr chain(sk_X509_new_null());
  sk_X509_push(chain.get(), X509_dup(pki_->ca.certificate.get()));
  auto p12 =
      export_pkcs12(pki_->seal.certificate.get(), pki_->seal.key.get(), chain.get(), "pfx-pass", "Con dấu");
  ASSERT_TRUE(p12.ok());
  testing::write_file(tmp_.file("seal.p12"), *p12);
  const auto info = run("openssl pkcs12 -info -noout -passin pass:pfx-pass -in " + tmp_.file("seal.p12"));
  EXPECT_EQ(info.exit_code, 0) << info.output;

  auto back = import_pkcs12(*p12, "pfx-pass");
  ASSERT_TRUE(back.ok()) << back.error().message_en;
  EXPECT_EQ(X509_cmp(back->certificate.get(), pki_->seal.certificate.get()), 0);
  EXPECT_EQ(sk_X509_num(back->chain.get()), 1);
  auto wrong = import_pkcs12(*p12, "sai mật khẩu");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code_id, "signature.pkcs12_wrong_password");
  EXPECT_NE(wrong.error().message_vi.find("Mật khẩu"), std::string::npos);
  EXPECT_EQ(import_pkcs12("không phải p12", "x").error().code_id, "signature.pkcs12_unreadable");

  // A PKCS#12 made by the openssl tool imports too.
  testing::write_file(tmp_.file("c.pem"), certificate_pem(pki_->leader.certificate.get()));
  testing::write_file(tmp_.file("k.pem"), testing::key_pem_clear(pki_->leader.key.get()));
  ASSERT_EQ(run("openssl pkcs12 -export -in " + tmp_.file("c.pem") + " -inkey " + tmp_.file("k.pem") +
                " -passout pass:abc -out " + tmp_.file("tool.p12"))
                .exit_code,
            0);
  auto tool = identity_from_pkcs12(testing::read_file(tmp_.file("tool.p12")), "abc");
  ASSERT_TRUE(tool.ok()) << tool.error().message_en;
  EXPECT_TRUE(make_signer(std::move(*tool), clock_, nullptr).ok());
}

TEST_F(PkiTest, CrlListsRevokedSerials) {
  auto crl = make_crl(pki_->ca, {pki_->leader.certificate.get()}, clock_);
  ASSERT_TRUE(crl.ok());
  testing::write_file(tmp_.file("ca.crl"), *crl);
  const auto text = run("openssl crl -noout -text -in " + tmp_.file("ca.crl")).output;
  EXPECT_NE(text.find("Revoked Certificates:"), std::string::npos) << text;
}

TEST(SealPlacementTest, SealCoversTheLeftThirdOfTheSignature) {  // spec §12 rule 5
  const app::SignatureBox signer{0, 110, 200, 60, 26};
  const auto seal = seal_box_over(signer, 30);
  EXPECT_DOUBLE_EQ(seal.x_mm + seal.width_mm, signer.x_mm + signer.width_mm / 3);
  EXPECT_DOUBLE_EQ(seal.y_mm + seal.height_mm / 2, signer.y_mm + signer.height_mm / 2);
  const double overlap = (seal.x_mm + seal.width_mm - signer.x_mm) / signer.width_mm;
  EXPECT_NEAR(overlap, 1.0 / 3, 1e-9);
}

}  // namespace
}  // namespace motcua::adapters::sign
