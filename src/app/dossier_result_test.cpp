// ResultIssuer with fake ports: what the result form says, that the leader signs first in the signing space
// and the seal second over its left third, that the stored blob is the sealed PDF, and that a missing
// certificate or a failing signer issues nothing.
#include "app/dossier_result.hpp"

#include <gtest/gtest.h>

#include <map>

namespace motcua::app {
namespace {

class FakeRenderer final : public ResultRenderer {
 public:
  core::Result<RenderedForm> render_result(FormSet set, const ResultDocumentForm& form) const override {
    ++calls;
    last_set = set;
    last_form = form;
    return RenderedForm{"%PDF-result", SignatureBox{0, 120, 200, 75, 26}};
  }
  mutable int calls = 0;
  mutable FormSet last_set = FormSet::k2018;
  mutable ResultDocumentForm last_form;
};

class FakeSigner final : public Signer {
 public:
  FakeSigner(std::string name, std::vector<PdfSignRequest>& log) : log_(log) {
    summary_.common_name = std::move(name);
  }
  const SignerSummary& summary() const override { return summary_; }
  core::Result<std::string> sign_pdf(std::string_view pdf, const PdfSignRequest& request) const override {
    if (!fail.empty())
      return core::Error{core::ErrorCode::kFailedPrecondition, fail, "Chứng thư số đã hết hạn.", "Expired.",
                         ""};
    log_.push_back(request);
    return std::string(pdf) + "|" + summary_.common_name;
  }
  core::Result<std::string> sign_detached(std::string_view, SignatureLevel) const override {
    return core::Error::internal("unused");
  }
  std::string fail;

 private:
  SignerSummary summary_;
  std::vector<PdfSignRequest>& log_;
};

class FakeKeys final : public SigningKeys {
 public:
  core::Result<std::shared_ptr<const Signer>> personal(const std::string& username) override {
    auto it = people.find(username);
    if (it == people.end())
      return core::Error::not_found("signature.no_personal_certificate", "Chưa có.", "None.");
    return std::shared_ptr<const Signer>(it->second);
  }
  core::Result<std::shared_ptr<const Signer>> seal(const std::string& agency) override {
    auto it = seals.find(agency);
    if (it == seals.end())
      return core::Error::not_found("signature.no_seal_certificate", "Chưa có.", "None.");
    return std::shared_ptr<const Signer>(it->second);
  }
  std::map<std::string, std::shared_ptr<FakeSigner>> people, seals;
};

class FakeBlobs final : public BlobStore {
 public:
  core::Result<BlobRef> put(std::string_view bytes) override {
    const std::string key = "sha-" + std::to_string(bytes.size());
    stored[key] = std::string(bytes);
    return BlobRef{key, static_cast<std::int64_t>(bytes.size())};
  }
  core::Result<std::string> get(const std::string& sha256) override { return stored.at(sha256); }
  bool exists(const std::string& sha256) override { return stored.contains(sha256); }
  std::map<std::string, std::string> stored;
};

class ResultIssuerTest : public ::testing::Test {
 protected:
  ResultIssuerTest() {
    keys_.people["lanhdao.phuonglaocai"] = std::make_shared<FakeSigner>("Nông Văn Thành", signed_);
    keys_.seals["000.00.21.H38"] = std::make_shared<FakeSigner>("Ủy ban nhân dân phường Lào Cai", signed_);
    dossier_.code = "000.01.21.H38-260310-0001";
    dossier_.procedure_code = "1.001193";
    dossier_.rule_version = "2025";
    dossier_.applicant.full_name = "Nguyễn Thị Hoa";
    dossier_.applicant.personal_id = "010192004821";
    dossier_.received_at = 1'773'100'000;
    dossier_.declaration = {{"ho_ten_tre", "Giàng Thị Mai"},
                            {"ngay_sinh", "2026-03-01"},
                            {"gioi_tinh", "Nữ"},
                            {"bo_truong", "x"}};
    for (auto [key, label] : {std::pair{"ho_ten_tre", "Họ, chữ đệm, tên của trẻ"},
                              std::pair{"ngay_sinh", "Ngày sinh"}, std::pair{"gioi_tinh", "Giới tính"}}) {
      domain::FormField field;
      field.key = key;
      field.label = label;
      if (field.key == "ngay_sinh") field.type = domain::FieldType::kDate;
      workflow_.form.push_back(field);
    }
    leader_.user_id = 10;
    leader_.username = "lanhdao.phuonglaocai";
    leader_.full_name = "Nông Văn Thành";
  }

  ResultRequest request() {
    ResultRequest r;
    r.dossier = &dossier_;
    r.workflow = &workflow_;
    r.procedure_name = "Thủ tục đăng ký khai sinh";
    r.agency = {"000.00.21.H38", "Ủy ban nhân dân phường Lào Cai", domain::AgencyKind::kPeopleCommittee,
                "02647", "000.00.00.H38"};
    r.superior_agency = "Ủy ban nhân dân tỉnh Lào Cai";
    r.place = "Lào Cai";
    r.leader = &leader_;
    r.opinion = "Đồng ý";
    r.now = 1'773'200'000;
    return r;
  }

  FakeRenderer renderer_;
  FakeKeys keys_;
  FakeBlobs blobs_;
  std::vector<PdfSignRequest> signed_;
  domain::Dossier dossier_;
  domain::WorkflowDefinition workflow_;
  Actor leader_;
  ResultIssuer issuer_{renderer_, keys_, blobs_};
};

TEST_F(ResultIssuerTest, RendersSignsThenSealsAndStoresTheResult) {
  auto doc = issuer_.issue(request());
  ASSERT_TRUE(doc.ok()) << doc.error().message_en;
  EXPECT_EQ(renderer_.last_set, FormSet::k2025);
  const auto& f = renderer_.last_form;
  EXPECT_EQ(f.dossier_code, "000.01.21.H38-260310-0001");
  EXPECT_EQ(f.applicant.name, "Nguyễn Thị Hoa");
  EXPECT_EQ(f.applicant.id_number, "010192004821");
  EXPECT_EQ(f.header.agency, "Ủy ban nhân dân phường Lào Cai");
  EXPECT_EQ(f.header.superior_agency, "Ủy ban nhân dân tỉnh Lào Cai");
  EXPECT_EQ(f.header.issued_at, 1'773'200'000);
  EXPECT_EQ(f.procedure, "Thủ tục đăng ký khai sinh");
  EXPECT_EQ(f.opinion, "Đồng ý");
  EXPECT_EQ(f.signatory.title, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH");
  EXPECT_EQ(f.signatory.name, "Nông Văn Thành");
  // The declaration in the form's order and labels, dates written dd/mm/yyyy; unknown fields are left out.
  ASSERT_EQ(f.particulars.size(), 3u);
  EXPECT_EQ(f.particulars[0].label, "Họ, chữ đệm, tên của trẻ");
  EXPECT_EQ(f.particulars[0].value, "Giàng Thị Mai");
  EXPECT_EQ(f.particulars[1].label, "Ngày sinh");
  EXPECT_EQ(f.particulars[1].value, "01/03/2026");
  EXPECT_EQ(f.particulars[2].label, "Giới tính");

  // The leader in the signing space, then the seal over its left third (Decree 30/2020 Appendix I).
  ASSERT_EQ(signed_.size(), 2u);
  EXPECT_DOUBLE_EQ(signed_[0].box.x_mm, 120);
  EXPECT_DOUBLE_EQ(signed_[0].box.width_mm, 75);
  EXPECT_EQ(signed_[0].location, "Lào Cai");
  EXPECT_DOUBLE_EQ(signed_[1].box.x_mm + signed_[1].box.width_mm, 120 + 75.0 / 3);
  EXPECT_NE(signed_[0].reason.find(dossier_.code), std::string::npos);

  const std::string sealed = "%PDF-result|Nông Văn Thành|Ủy ban nhân dân phường Lào Cai";
  EXPECT_EQ(doc->sha256, "sha-" + std::to_string(sealed.size()));
  EXPECT_EQ(blobs_.stored.at(doc->sha256), sealed);
  EXPECT_EQ(doc->size, static_cast<std::int64_t>(sealed.size()));
  EXPECT_EQ(doc->content_type, "application/pdf");
  EXPECT_EQ(doc->signed_by, "Nông Văn Thành");
  EXPECT_EQ(doc->sealed_by, "Ủy ban nhân dân phường Lào Cai");
  EXPECT_EQ(doc->agency_code, "000.00.21.H38");
  EXPECT_EQ(doc->issued_at, 1'773'200'000);
}

TEST_F(ResultIssuerTest, TheRuleVersionChoosesTheFormSet) {
  dossier_.rule_version = "2018";
  ASSERT_TRUE(issuer_.issue(request()).ok());
  EXPECT_EQ(renderer_.last_set, FormSet::k2018);
  EXPECT_EQ(ResultIssuer::signatory_title({"x", "Sở Tư pháp", domain::AgencyKind::kDepartment, "", ""}),
            "GIÁM ĐỐC");
}

TEST_F(ResultIssuerTest, ALeaderWithoutACertificateIssuesNothing) {
  keys_.people.clear();
  auto doc = issuer_.issue(request());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(doc.error().code_id, "result.no_leader_certificate");
  EXPECT_NE(doc.error().message_vi.find("Nông Văn Thành"), std::string::npos);
  EXPECT_NE(doc.error().message_vi.find("chưa có chứng thư số"), std::string::npos);
  EXPECT_NE(doc.error().message_en.find("no personal signing certificate"), std::string::npos);
  EXPECT_EQ(renderer_.calls, 0);
  EXPECT_TRUE(blobs_.stored.empty());
}

TEST_F(ResultIssuerTest, AnAgencyWithoutASealIssuesNothing) {
  keys_.seals.clear();
  auto doc = issuer_.issue(request());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code_id, "result.no_seal_certificate");
  EXPECT_TRUE(signed_.empty());
  EXPECT_TRUE(blobs_.stored.empty());
}

TEST_F(ResultIssuerTest, ASignerThatRefusesIssuesNothing) {
  keys_.seals["000.00.21.H38"]->fail = "signature.certificate_expired";
  auto doc = issuer_.issue(request());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code_id, "signature.certificate_expired");
  EXPECT_TRUE(blobs_.stored.empty());
}

}  // namespace
}  // namespace motcua::app
