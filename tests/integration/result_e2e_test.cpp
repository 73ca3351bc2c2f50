// Issue 5, item 5 end to end over HTTP, on SQLite and PostgreSQL (the E2eTest fixture): birth registration
// walked to the leader's approval, which signs the result (the leader's personal certificate, then the
// agency seal, both from the demo CA); the applicant downloads it; pdfsig (trusting the demo CA), our
// verifier and pdftotext check it; others are refused; and a leader without a certificate cannot approve.
#include <filesystem>

#include "adapters/pdf/test_support.hpp"
#include "e2e_fixture.hpp"

namespace motcua::e2e {
namespace {

namespace testing = adapters::testing;

constexpr const char* kDesk = "000.01.21.H38";  // one-stop section of Phường Lào Cai
const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

class ResultFlow {
 public:
  ResultFlow(E2eTest& t, HttpClient& c, Session citizen) : c_(c), citizen_(std::move(citizen)) { (void)t; }

  // Submitted by the citizen, received and transferred by the desk, forwarded by the specialist: waiting
  // for the leader's approval. Returns the code.
  std::string to_approval(const Session& desk, const Session& specialist) {
    auto up = c_.post("/api/v1/files", kPdf, citizen_.headers());
    EXPECT_EQ(up.status, 201) << up.body;
    const nlohmann::json body = birth_registration_json(up.json().value("sha256", ""));
    auto submitted = c_.post("/api/v1/dossiers", body.dump(), citizen_.headers());
    EXPECT_EQ(submitted.status, 201) << submitted.body;
    const std::string code = submitted.json().value("code", "");
    EXPECT_EQ(act(desk, code, "receive").status, 200);
    EXPECT_EQ(act(desk, code, "transfer").status, 200);
    EXPECT_EQ(act(specialist, code, "forward").status, 200);
    return code;
  }

  HttpResult act(const Session& s, const std::string& code, const std::string& action) {
    return c_.post("/api/v1/dossiers/" + code + "/actions/" + action, R"({"note":"Đồng ý cấp kết quả"})",
                   s.headers());
  }

  HttpResult result(const std::string& code, const HeaderList& headers) {
    return c_.get("/api/v1/dossiers/" + code + "/result", headers);
  }

 private:
  HttpClient& c_;
  Session citizen_;
};

TEST_P(E2eTest, ApprovalSignsTheResultAndTheApplicantDownloadsIt) {
  auto citizen = sign_in("congdan.hoa");
  auto desk = sign_in("motcua.phuonglaocai");
  auto leader = sign_in("lanhdao.phuonglaocai");
  ResultFlow f(*this, client_, citizen);
  const std::string code = f.to_approval(desk, sign_in("chuyenvien.phuonglaocai"));

  // Before approval there is no result: 404 with a clear message.
  auto early = f.result(code, citizen.headers(false));
  EXPECT_EQ(early.status, 404) << early.body;
  EXPECT_EQ(json_error_code(early), "dossier.no_result");
  EXPECT_NE(early.json()["error"].value("message", "").find("chưa có kết quả"), std::string::npos);

  auto approved = f.act(leader, code, "approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  const auto j = approved.json();
  EXPECT_EQ(j["state"], "completed");
  ASSERT_TRUE(j.contains("result")) << approved.body;
  EXPECT_EQ(j["result"]["signed_by"], "Nông Văn Thành");
  EXPECT_EQ(j["result"]["sealed_by"], "Ủy ban nhân dân phường Lào Cai");
  EXPECT_EQ(j["result"]["download"], "/api/v1/dossiers/" + code + "/result");
  const auto& history = j["history"];
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history[history.size() - 2]["action"], "approve");
  EXPECT_EQ(history.back()["action"], "issue_result");
  EXPECT_NE(history.back()["note"].get<std::string>().find(j["result"]["sha256"].get<std::string>()),
            std::string::npos);

  // The applicant downloads the signed PDF.
  auto pdf = f.result(code, citizen.headers(false));
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("content-type").value_or(""), "application/pdf");
  EXPECT_NE(pdf.header("content-disposition").value_or("").find("ket-qua-" + code + ".pdf"),
            std::string::npos);
  ASSERT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(static_cast<std::int64_t>(pdf.body.size()), j["result"]["size"].get<std::int64_t>());

  // pdfsig, trusting the demo CA: both signatures valid, the document unmodified after the last.
  testing::TempDir tmp;
  const std::string ca = server_->runtime().config.signing_keys_dir + "/ca/certificate.pem";
  const std::string nss = tmp.file("nssdb");
  std::filesystem::create_directories(nss);
  ASSERT_EQ(testing::run("certutil -N -d sql:" + nss + " --empty-password").exit_code, 0);
  ASSERT_EQ(testing::run("certutil -A -d sql:" + nss + " -n motcua-demo-ca -t CT,C,C -i " + ca).exit_code, 0);
  testing::write_file(tmp.file("ket-qua.pdf"), pdf.body);
  const auto sig = testing::run("pdfsig -nssdir sql:" + nss + " " + tmp.file("ket-qua.pdf"));
  EXPECT_EQ(sig.exit_code, 0) << sig.output;
  EXPECT_EQ(count(sig.output, "Signature Validation: Signature is Valid."), 2u) << sig.output;
  EXPECT_EQ(count(sig.output, "Certificate Validation: Certificate is Trusted."), 2u) << sig.output;
  EXPECT_EQ(count(sig.output, "Total document signed"), 1u) << sig.output;
  EXPECT_NE(sig.output.find("Nông Văn Thành"), std::string::npos) << sig.output;
  // Our verifier (the demo CA is a trust anchor in demo mode) agrees.
  auto report = server_->runtime().signature_verifier->verify_pdf(pdf.body);
  ASSERT_TRUE(report.ok()) << report.error().message_en;
  ASSERT_EQ(report->signatures.size(), 2u);
  EXPECT_TRUE(report->all_valid());
  EXPECT_EQ(report->signatures[0].signer_name, "Nông Văn Thành");
  EXPECT_EQ(report->signatures[1].signer_name, "Ủy ban nhân dân phường Lào Cai");

  // The text: Vietnamese, NFC, with the code, the applicant, the agency, the child and the legal basis.
  const auto txt = testing::run("pdftotext -enc UTF-8 " + tmp.file("ket-qua.pdf") + " -");
  ASSERT_EQ(txt.exit_code, 0) << txt.output;
  const std::string text = testing::normalise_text(txt.output);
  for (const std::string& expected :
       {code, std::string("Nguyễn Thị Hoa"), std::string("ỦY BAN NHÂN DÂN PHƯỜNG LÀO CAI"),
        std::string("Ủy ban nhân dân phường Lào Cai thông báo kết quả giải quyết hồ sơ"),
        std::string("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string("Độc lập - Tự do - Hạnh phúc"),
        std::string("Thủ tục đăng ký khai sinh"), std::string("Giàng Thị Mai"), std::string("010192004821"),
        std::string("Đồng ý cấp kết quả"), std::string("Nông Văn Thành")}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_TRUE(text.find("Nghị định số 118/2025/NĐ-CP") != std::string::npos ||
              text.find("Nghị định số 61/2018/NĐ-CP") != std::string::npos)
      << text;
  const auto shots = forms_artifacts_dir();
  testing::write_file((shots / "ket-qua-giai-quyet-da-ky.pdf").string(), pdf.body);
  testing::run("pdftoppm -r 100 -png -singlefile " + tmp.file("ket-qua.pdf") + " " +
               (shots / "ket-qua-giai-quyet-da-ky").string());

  // Officials of the unit may download it; another citizen, another unit's official and anonymous may not.
  EXPECT_EQ(f.result(code, desk.headers(false)).status, 200);
  EXPECT_EQ(f.result(code, sign_in("congdan.pao").headers(false)).status, 403);
  EXPECT_EQ(f.result(code, sign_in("chuyenvien.sotuphap").headers(false)).status, 403);
  EXPECT_EQ(f.result(code, {}).status, 401);
  EXPECT_EQ(f.result(std::string(kDesk) + "-261122-9999", citizen.headers(false)).status, 404);

  // The public status page links the download (which itself needs the applicant's sign-in).
  auto page = client_.get("/tra-cuu/" + code);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("/api/v1/dossiers/" + code + "/result"), std::string::npos) << page.body;

  // Returning the result keeps it; it stays downloadable.
  ASSERT_EQ(f.act(desk, code, "return_result").status, 200);
  auto again = f.result(code, citizen.headers(false));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, pdf.body);
}

TEST_P(E2eTest, ALeaderWithoutACertificateCannotApproveAndTheDossierIsUnchanged) {
  auto citizen = sign_in("congdan.hoa");
  auto desk = sign_in("motcua.phuonglaocai");
  auto leader = sign_in("lanhdao.phuonglaocai");
  ResultFlow f(*this, client_, citizen);
  const std::string code = f.to_approval(desk, sign_in("chuyenvien.phuonglaocai"));
  // The leader's certificate is withdrawn from the key directory.
  std::filesystem::remove_all(server_->runtime().config.signing_keys_dir + "/personal/lanhdao.phuonglaocai");
  const auto before = client_.get("/api/v1/dossiers/" + code, desk.headers(false)).body;

  auto refused = f.act(leader, code, "approve");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(json_error_code(refused), "result.no_leader_certificate");
  EXPECT_NE(refused.json()["error"].value("message", "").find("chưa có chứng thư số cá nhân"),
            std::string::npos)
      << refused.body;
  EXPECT_NE(refused.json()["error"].value("message_en", "").find("no personal signing certificate"),
            std::string::npos)
      << refused.body;
  EXPECT_EQ(client_.get("/api/v1/dossiers/" + code, desk.headers(false)).body, before);
  EXPECT_EQ(f.result(code, citizen.headers(false)).status, 404);
  EXPECT_EQ(client_.get("/tra-cuu/" + code).body.find("/result\""), std::string::npos);
}

}  // namespace
}  // namespace motcua::e2e
