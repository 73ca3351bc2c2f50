// End-to-end signatures: a receipt rendered by the PDF adapter, signed by the leader and then the agency seal
// (visible, Decree 30/2020), checked by poppler's pdfsig (trusting the test CA through a throw-away NSS
// database) and by our verifier; B-T with a local TSA; detached CMS checked by `openssl cms -verify`;
// tampering; refusals.
#include "adapters/sign/signer.hpp"

#include <gtest/gtest.h>

#include "adapters/pdf/form_renderer.hpp"
#include "adapters/pdf/sample_forms.hpp"
#include "adapters/sign/pdf_scan.hpp"
#include "adapters/sign/test_pki.hpp"
#include "adapters/sign/tsa_client.hpp"
#include "adapters/sign/verifier.hpp"

namespace motcua::adapters::sign {
namespace {

using testing::run;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

class SignerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    clock_ = new core::FakeClock(core::SystemClock().now());
    pki_ = new testing::DemoPki(testing::DemoPki::make(*clock_));
  }
  static void TearDownTestSuite() {
    delete pki_;
    delete clock_;
  }
  void SetUp() override { clock_->set(core::SystemClock().now()); }

  std::unique_ptr<app::Signer> leader(std::shared_ptr<const TimestampAuthority> tsa = nullptr) {
    auto s = make_signer(testing::identity_of(pki_->leader, pdf::demo_signature_png("Bảo")), *clock_,
                         std::move(tsa));
    EXPECT_TRUE(s.ok()) << s.error().message_en;
    return std::move(*s);
  }
  std::unique_ptr<app::Signer> seal() {
    auto s =
        make_signer(testing::identity_of(pki_->seal, pdf::demo_seal_png("SỞ TƯ PHÁP")), *clock_, nullptr);
    EXPECT_TRUE(s.ok()) << s.error().message_en;
    return std::move(*s);
  }
  std::unique_ptr<app::SignatureVerifier> verifier(std::vector<std::string> crls = {}) {
    auto v = make_verifier({.trust_anchors_pem = {pki_->ca_pem()}, .crls_pem = std::move(crls)}, *clock_);
    EXPECT_TRUE(v.ok());
    return std::move(*v);
  }
  app::RenderedForm receipt() {
    auto form = pdf::make_form_renderer({.public_base_url = "https://dvc.laocai.gov.vn"})
                    ->render_pdf(app::FormSet::k2025, testing::sample_receipt());
    EXPECT_TRUE(form.ok());
    return std::move(*form);
  }
  // The receipt signed by the leader in the receiver's signing space, then by the seal over its left third.
  std::string leader_then_seal() {
    const auto form = receipt();
    auto once = leader()->sign_pdf(
        form.pdf, {.box = *form.signature_box, .reason = "Phê duyệt", .location = "Lào Cai"});
    EXPECT_TRUE(once.ok()) << once.error().message_en;
    auto twice =
        seal()->sign_pdf(*once, {.box = seal_box_over(*form.signature_box, 30), .reason = "Đóng dấu"});
    EXPECT_TRUE(twice.ok()) << twice.error().message_en;
    return *twice;
  }
  testing::CommandResult pdfsig(const std::string& pdf_bytes) {
    if (nss_.empty()) nss_ = testing::make_nss_db(tmp_, pki_->ca_pem());
    testing::write_file(tmp_.file("signed.pdf"), pdf_bytes);
    return run("pdfsig -nssdir sql:" + nss_ + " " + tmp_.file("signed.pdf"));
  }

  static core::FakeClock* clock_;
  static testing::DemoPki* pki_;
  testing::TempDir tmp_;
  std::string nss_;
};

core::FakeClock* SignerTest::clock_ = nullptr;
testing::DemoPki* SignerTest::pki_ = nullptr;

TEST_F(SignerTest, LeaderThenSealArePdfsigValidAndOursToo) {
  const std::string pdf = leader_then_seal();
  const auto out = pdfsig(pdf);
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_EQ(count(out.output, "Signature Validation: Signature is Valid."), 2u) << out.output;
  EXPECT_EQ(count(out.output, "Certificate Validation: Certificate is Trusted."), 2u) << out.output;
  EXPECT_EQ(count(out.output, "Total document signed"), 1u) << out.output;
  EXPECT_EQ(count(out.output, "Signature Type: ETSI.CAdES.detached"), 2u) << out.output;
  std::printf("%s", out.output.c_str());

  auto report = verifier()->verify_pdf(pdf);
  ASSERT_TRUE(report.ok()) << report.error().message_en;
  ASSERT_EQ(report->signatures.size(), 2u);
  EXPECT_TRUE(report->all_valid());
  const auto& first = report->signatures[0];
  const auto& second = report->signatures[1];
  EXPECT_EQ(first.signer_name, "Trần Quốc Bảo");
  EXPECT_EQ(first.organisation, testing::kAgency);
  EXPECT_EQ(first.sub_filter, "ETSI.CAdES.detached");
  EXPECT_EQ(first.field_name, "Signature1");
  EXPECT_EQ(first.modification, app::Modification::kSignaturesAdded);
  EXPECT_EQ(second.signer_name, testing::kAgency);
  EXPECT_EQ(second.modification, app::Modification::kNone);
  ASSERT_TRUE(first.claimed_time.has_value());
  EXPECT_EQ(*first.claimed_time, clock_->now());
  EXPECT_FALSE(first.has_timestamp);

  testing::write_file(tmp_.file("shot.pdf"), pdf);
  const auto shots = testing::artifacts_dir("forms");
  run("pdftoppm -r 100 -png -singlefile " + tmp_.file("shot.pdf") + " " +
      (shots / "2025-01-tiep-nhan-da-ky").string());
}

TEST_F(SignerTest, AnyOneByteChangeIsDetectedByUsAndByPdfsig) {
  const std::string pdf = leader_then_seal();
  auto v = verifier();
  const auto sigs = v->verify_pdf(pdf)->signatures;
  const std::size_t contents =
      static_cast<std::size_t>(sigs[0].signed_until) - 200;  // inside the 1st revision's tail
  std::vector<std::size_t> positions{20, pdf.size() / 5, pdf.size() / 2, contents, pdf.size() - 30};
  for (std::size_t i = 1; i < 8; ++i) positions.push_back(pdf.size() * i / 8 + 7);
  // The first and last hex digits of each /Contents: the last one would be zero padding if any were left.
  const auto scan = scan_pdf(pdf);
  for (const auto& c : scan->signatures) {
    positions.push_back(static_cast<std::size_t>(c.byte_range[1]) + 1);
    positions.push_back(static_cast<std::size_t>(c.byte_range[2]) - 2);
  }
  for (const std::size_t pos : positions) {
    std::string tampered = pdf;
    tampered[pos] = static_cast<char>(tampered[pos] ^ 0x01);
    auto ours = v->verify_pdf(tampered);
    const bool ours_ok = ours.ok() && ours->all_valid();
    EXPECT_FALSE(ours_ok) << "byte " << pos << " of " << pdf.size();
    const auto theirs = pdfsig(tampered);
    const bool theirs_ok =
        theirs.exit_code == 0 && count(theirs.output, "Signature Validation: Signature is Valid.") == 2;
    EXPECT_FALSE(theirs_ok) << "byte " << pos << "\n" << theirs.output;
  }
}

TEST_F(SignerTest, AppendedUnsignedChangesAreReported) {
  std::string pdf = leader_then_seal();
  pdf += "\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
  auto report = verifier()->verify_pdf(pdf);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->signatures[1].modification, app::Modification::kChanged);
  EXPECT_TRUE(report->signatures[1].bytes_intact);
  EXPECT_FALSE(report->all_valid());
}

TEST_F(SignerTest, BaselineTCarriesAVerifiedTimestampFromTheLocalTsa) {
  testing::LocalTsa tsa(*pki_, tmp_);
  auto client = make_http_tsa({.url = tsa.url()});
  ASSERT_TRUE(client.ok());
  std::shared_ptr<const TimestampAuthority> shared = std::move(*client);
  const auto form = receipt();
  auto signed_pdf = leader(shared)->sign_pdf(
      form.pdf,
      {.level = app::SignatureLevel::kBaselineT, .box = *form.signature_box, .reason = "Phê duyệt"});
  ASSERT_TRUE(signed_pdf.ok()) << signed_pdf.error().message_en;
  EXPECT_GE(tsa.requests(), 1);  // a second request when the token's size differs from the estimate
  EXPECT_LE(tsa.requests(), 3);
  auto report = verifier()->verify_pdf(*signed_pdf);
  ASSERT_TRUE(report.ok());
  const auto& s = report->signatures[0];
  EXPECT_TRUE(s.ok()) << s.chain_detail;
  EXPECT_TRUE(s.has_timestamp);
  ASSERT_TRUE(s.timestamp_time.has_value()) << s.chain_detail;
  EXPECT_NEAR(static_cast<double>(*s.timestamp_time), static_cast<double>(core::SystemClock().now()), 120);
  const auto out = pdfsig(*signed_pdf);
  EXPECT_EQ(count(out.output, "Signature Validation: Signature is Valid."), 1u) << out.output;
  std::printf("%s", out.output.c_str());

  // Detached B-T, checked by openssl cms as well.
  auto cms = leader(shared)->sign_detached("nội dung tệp đính kèm", app::SignatureLevel::kBaselineT);
  ASSERT_TRUE(cms.ok()) << cms.error().message_en;
  testing::write_file(tmp_.file("bt.txt"), "nội dung tệp đính kèm");
  testing::write_file(tmp_.file("bt.p7s"), *cms);
  testing::write_file(tmp_.file("ca.pem"), pki_->ca_pem());
  const auto check = run("openssl cms -verify -binary -inform DER -in " + tmp_.file("bt.p7s") + " -content " +
                         tmp_.file("bt.txt") + " -CAfile " + tmp_.file("ca.pem") + " -out /dev/null");
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

TEST_F(SignerTest, DetachedCmsIsAcceptedByOpensslAndTamperingIsCaught) {
  const std::string data = "Quyết định số 15/QĐ-UBND — tệp đính kèm không phải PDF";
  auto cms = seal()->sign_detached(data, app::SignatureLevel::kBaselineB);
  ASSERT_TRUE(cms.ok()) << cms.error().message_en;
  testing::write_file(tmp_.file("data.txt"), data);
  testing::write_file(tmp_.file("data.p7s"), *cms);
  testing::write_file(tmp_.file("ca.pem"), pki_->ca_pem());
  const auto check =
      run("openssl cms -verify -binary -inform DER -in " + tmp_.file("data.p7s") + " -content " +
          tmp_.file("data.txt") + " -CAfile " + tmp_.file("ca.pem") + " -out /dev/null");
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("CMS Verification successful"), std::string::npos) << check.output;
  const auto dump = run("openssl cms -cmsout -print -inform DER -in " + tmp_.file("data.p7s"));
  EXPECT_NE(dump.output.find("id-smime-aa-signingCertificateV2"), std::string::npos) << dump.output;
  EXPECT_EQ(dump.output.find("signingTime"), std::string::npos) << "PAdES/CAdES B-B without signing-time";

  auto v = verifier();
  auto good = v->verify_detached(data, *cms);
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(good->ok()) << good->chain_detail;
  auto bad = v->verify_detached(data + " ", *cms);
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->bytes_intact);
  EXPECT_TRUE(bad->signature_valid);
}

TEST_F(SignerTest, CertificatesNotForSigningOrExpiredOrMismatchedAreRefused) {
  auto tls = issue_certificate(
      pki_->ca, {.subject = {.common_name = "dvc.laocai.gov.vn"}, .purpose = CertificatePurpose::kTlsServer},
      *clock_);
  ASSERT_TRUE(tls.ok());
  auto s1 = make_signer(testing::identity_of(*tls), *clock_, nullptr);
  ASSERT_FALSE(s1.ok());
  EXPECT_EQ(s1.error().code_id, "signature.certificate_not_for_signing");

  auto old = issue_certificate(pki_->ca,
                               {.subject = {.common_name = "Cán bộ cũ"},
                                .validity_days = 30,
                                .not_before = clock_->now() - 40 * 86400},
                               *clock_);
  ASSERT_TRUE(old.ok());
  auto s2 = make_signer(testing::identity_of(*old), *clock_, nullptr);
  ASSERT_FALSE(s2.ok());
  EXPECT_EQ(s2.error().code_id, "signature.certificate_expired");

  auto mixed = testing::identity_of(pki_->leader);
  mixed.key = std::move(testing::identity_of(pki_->seal).key);
  auto s3 = make_signer(std::move(mixed), *clock_, nullptr);
  ASSERT_FALSE(s3.ok());
  EXPECT_EQ(s3.error().code_id, "signature.key_mismatch");

  auto s4 = make_signer(testing::identity_of(pki_->ca.certificate ? pki_->tsa : pki_->tsa), *clock_, nullptr);
  ASSERT_FALSE(s4.ok());  // a TSA certificate (EKU timeStamping) may not sign documents
  EXPECT_EQ(s4.error().code_id, "signature.certificate_not_for_signing");
}

TEST_F(SignerTest, ACertificateThatExpiresAfterTheSignerWasMadeSignsNothing) {
  auto soon =
      issue_certificate(pki_->ca, {.subject = {.common_name = "Hết hạn sớm"}, .validity_days = 1}, *clock_);
  ASSERT_TRUE(soon.ok());
  auto signer = make_signer(testing::identity_of(*soon), *clock_, nullptr);
  ASSERT_TRUE(signer.ok());
  clock_->advance(2 * 86400);
  auto signed_pdf = (*signer)->sign_pdf(receipt().pdf, {.style = app::AppearanceStyle::kInvisible});
  ASSERT_FALSE(signed_pdf.ok());
  EXPECT_EQ(signed_pdf.error().code_id, "signature.certificate_expired");
}

TEST_F(SignerTest, BaselineTWithoutATsaIsRefusedAndBadInputIsRejected) {
  auto no_tsa = leader()->sign_pdf(receipt().pdf, {.level = app::SignatureLevel::kBaselineT});
  ASSERT_FALSE(no_tsa.ok());
  EXPECT_EQ(no_tsa.error().code_id, "signature.no_tsa");
  auto garbage = leader()->sign_pdf("không phải PDF", {});
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code_id, "signature.not_pdf");
  auto page = leader()->sign_pdf(receipt().pdf, {.box = {.page = 5, .width_mm = 40, .height_mm = 20}});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code_id, "signature.bad_page");
}

TEST_F(SignerTest, AnUnreadableImageIsRefusedWhenTheAppearanceShowsIt) {
  auto signer = make_signer(testing::identity_of(pki_->leader, "not a PNG"), *clock_, nullptr);
  ASSERT_TRUE(signer.ok()) << signer.error().message_en;
  const auto form = receipt();
  auto visible = (*signer)->sign_pdf(form.pdf, {.box = *form.signature_box});
  ASSERT_FALSE(visible.ok());
  EXPECT_EQ(visible.error().code_id, "pdf.bad_image");
  auto text_only = (*signer)->sign_pdf(form.pdf, {.style = app::AppearanceStyle::kTextOnly});
  EXPECT_TRUE(text_only.ok()) << text_only.error().message_en;
}

TEST_F(SignerTest, RevokedUntrustedAndExpiredAreFlagged) {
  const std::string pdf = leader_then_seal();
  auto crl = make_crl(pki_->ca, {pki_->leader.certificate.get()}, *clock_);
  ASSERT_TRUE(crl.ok());
  auto revoked = verifier({*crl})->verify_pdf(pdf);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->signatures[0].chain, app::ChainStatus::kRevoked);
  EXPECT_TRUE(revoked->signatures[0].revocation_checked);
  EXPECT_EQ(revoked->signatures[1].chain, app::ChainStatus::kTrusted);
  EXPECT_TRUE(revoked->signatures[1].revocation_checked);

  auto stranger = make_verifier({}, *clock_);
  auto untrusted = (*stranger)->verify_pdf(pdf);
  ASSERT_TRUE(untrusted.ok());
  EXPECT_EQ(untrusted->signatures[0].chain, app::ChainStatus::kUntrusted);
  EXPECT_TRUE(untrusted->signatures[0].bytes_intact);

  clock_->advance(3 * 365 * 86400);  // the leader's certificate (730 days) has expired; B-B is checked now
  auto expired = verifier()->verify_pdf(pdf);
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(expired->signatures[0].chain, app::ChainStatus::kExpired);
  EXPECT_TRUE(expired->signatures[0].certificate_expired_now);
}

TEST_F(SignerTest, UnsignedOrBrokenUploadsGetClearErrors) {
  auto v = verifier();
  auto none = v->verify_pdf(receipt().pdf);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code_id, "signature.none");
  EXPECT_EQ(none.error().message_vi, "Tệp PDF không có chữ ký số nào.");
  const std::string pdf = leader_then_seal();
  EXPECT_EQ(v->verify_pdf(pdf.substr(0, pdf.size() - 100)).error().code_id, "signature.corrupt");
  EXPECT_EQ(v->verify_pdf("PK\x03\x04 không phải PDF").error().code_id, "signature.not_pdf");
  EXPECT_EQ(v->verify_detached("x", "rác").error().code_id, "signature.bad_cms");
}

TEST_F(SignerTest, TextOnlyAppearanceForCopiesSitsTopRight) {
  auto copy = seal()->sign_pdf(receipt().pdf, {.style = app::AppearanceStyle::kTextOnly, .heading = "SAO Y"});
  ASSERT_TRUE(copy.ok()) << copy.error().message_en;
  auto report = verifier()->verify_pdf(*copy);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->all_valid());
  testing::write_file(tmp_.file("copy.pdf"), *copy);
  const auto shots = testing::artifacts_dir("forms");
  run("pdftoppm -r 100 -png -singlefile " + tmp_.file("copy.pdf") + " " + (shots / "2025-01-sao-y").string());
}

}  // namespace
}  // namespace motcua::adapters::sign
