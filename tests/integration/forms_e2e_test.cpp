// The official forms of a dossier's process over HTTP (GET /api/v1/dossiers/{code}/forms/{form}), on SQLite
// and PostgreSQL: each appears in the dossier's `forms` list once its step has happened, and its PDF, read
// back with pdftotext (and the receipt's QR code with zbarimg), carries what the history recorded: who
// received, what to supplement, the reasons of a refusal, the new appointment, who handed over to whom.
#include "adapters/pdf/test_support.hpp"
#include "core/time.hpp"
#include "e2e_fixture.hpp"

namespace motcua::e2e {
namespace {

namespace testing = adapters::testing;

constexpr const char* kDesk = "000.01.21.H38";  // one-stop section of Phường Lào Cai
const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

class FormsFlow {
 public:
  FormsFlow(HttpClient& c, Session citizen) : c_(c), citizen_(std::move(citizen)) {}

  // A birth registration submitted online by the citizen; returns its code.
  std::string submit() {
    auto up = c_.post("/api/v1/files", kPdf, citizen_.headers());
    EXPECT_EQ(up.status, 201) << up.body;
    const nlohmann::json body = birth_registration_json(up.json().value("sha256", ""));
    auto submitted = c_.post("/api/v1/dossiers", body.dump(), citizen_.headers());
    EXPECT_EQ(submitted.status, 201) << submitted.body;
    return submitted.json().value("code", "");
  }

  HttpResult act(const Session& s, const std::string& code, const std::string& action,
                 nlohmann::json body = nlohmann::json::object()) {
    return c_.post("/api/v1/dossiers/" + code + "/actions/" + action, body.dump(), s.headers());
  }

  HttpResult form(const std::string& code, const std::string& form, const HeaderList& headers) {
    return c_.get("/api/v1/dossiers/" + code + "/forms/" + form, headers);
  }

  // The form names listed on the dossier, as `who` reads it.
  std::vector<std::string> listed(const std::string& code, const Session& who) {
    std::vector<std::string> out;
    auto d = c_.get("/api/v1/dossiers/" + code, who.headers(false));
    EXPECT_EQ(d.status, 200) << d.body;
    const nlohmann::json j = d.json();  // kept: a range over a temporary's member would dangle
    for (const auto& f : j["forms"]) {
      EXPECT_EQ(f.value("download", ""), "/api/v1/dossiers/" + code + "/forms/" + f.value("form", ""));
      out.push_back(f.value("form", ""));
    }
    return out;
  }

  // Downloads the form as the citizen and returns its text (pdftotext, NFC, whitespace collapsed); also
  // leaves the PDF and a PNG of its first page in forms_artifacts_dir() for people to look at.
  std::string text_of(const std::string& code, const std::string& form, const std::string& shot) {
    auto pdf = this->form(code, form, citizen_.headers(false));
    EXPECT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.header("content-type").value_or(""), "application/pdf");
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
    const auto shots = forms_artifacts_dir();
    const std::string path = (shots / (shot + ".pdf")).string();
    testing::write_file(path, pdf.body);
    testing::run("pdftoppm -r 100 -png -singlefile " + path + " " + (shots / shot).string());
    const auto txt = testing::run("pdftotext -enc UTF-8 " + path + " -");
    EXPECT_EQ(txt.exit_code, 0) << txt.output;
    return testing::normalise_text(txt.output);
  }

 private:
  HttpClient& c_;
  Session citizen_;
};

void expect_contains(const std::string& text, const std::vector<std::string>& parts) {
  for (const auto& p : parts) EXPECT_NE(text.find(p), std::string::npos) << p << "\n---\n" << text;
}

using Forms = std::vector<std::string>;

TEST_P(E2eTest, FormsFollowTheProcessAndCarryItsHistory) {
  auto citizen = sign_in("congdan.hoa");
  auto desk = sign_in("motcua.phuonglaocai");
  auto specialist = sign_in("chuyenvien.phuonglaocai");
  FormsFlow f(client_, citizen);
  const std::string code = f.submit();
  ASSERT_FALSE(code.empty());

  // Before reception there is no form: the list is empty and a download says why.
  EXPECT_EQ(f.listed(code, citizen), Forms{});
  auto early = f.form(code, "receipt", citizen.headers(false));
  EXPECT_EQ(early.status, 404) << early.body;
  EXPECT_EQ(json_error_code(early), "dossier.form_unavailable");
  EXPECT_NE(early.json()["error"].value("message", "").find("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
            std::string::npos)
      << early.body;

  const auto received = f.act(desk, code, "receive");
  ASSERT_EQ(received.status, 200);
  EXPECT_EQ(f.listed(code, citizen), (Forms{"receipt", "control_slip"}));
  // The desk's first reception of the month: line 1 of that month's tracking book.
  const std::string month =
      core::format_date(core::vietnam_date_of(received.json().value("received_at", std::int64_t{0})));
  const std::string book =
      "Vào Sổ theo dõi hồ sơ, Quyển số: " + month.substr(5, 2) + "/" + month.substr(0, 4) + ", Số thứ tự: 1";
  const std::string receipt = f.text_of(code, "receipt", "ho-so-01-tiep-nhan");
  expect_contains(receipt, {"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: " + code,
                            "UBND PHƯỜNG LÀO CAI", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG LÀO CAI",
                            "Nguyễn Thị Hoa", "010192004821", "Thủ tục đăng ký khai sinh", "Giấy chứng sinh",
                            "Bản điện tử", "Thời gian giải quyết hồ sơ theo quy định là:", "Lý Thị Dung",
                            "NGƯỜI TIẾP NHẬN HỒ SƠ", "/tra-cuu/" + code, book});
  // The QR code opens the public status page of this dossier on the configured portal address.
  const auto shots = forms_artifacts_dir();
  const auto qr =
      testing::run("zbarimg --quiet --raw " + (shots / "ho-so-01-tiep-nhan.png").string() + " 2>/dev/null");
  EXPECT_EQ(qr.output, server_->runtime().config.public_url + "/tra-cuu/" + code + "\n");

  // A supplementation request: one item a line of the note.
  ASSERT_EQ(f.act(desk, code, "request_supplement",
                  {{"note", "Bản sao Giấy chứng nhận kết hôn của cha, mẹ\nGiấy chứng sinh bản chính"}})
                .status,
            200);
  EXPECT_EQ(f.listed(code, citizen), (Forms{"receipt", "supplement_request", "control_slip"}));
  expect_contains(f.text_of(code, "supplement_request", "ho-so-02-bo-sung"),
                  {"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", code,
                   "1. Bản sao Giấy chứng nhận kết hôn của cha, mẹ", "2. Giấy chứng sinh bản chính",
                   "ông/bà liên hệ với Lý Thị Dung để được hướng dẫn", "NGƯỜI HƯỚNG DẪN"});

  // Supplemented, transferred and forwarded: the control slip lists each hand-over, its giver and its
  // receiver (whoever acted next in the receiving unit).
  ASSERT_EQ(f.act(citizen, code, "supplement").status, 200);
  ASSERT_EQ(f.act(desk, code, "transfer").status, 200);
  ASSERT_EQ(f.act(specialist, code, "forward", {{"note", "Đủ điều kiện"}}).status, 200);
  const std::string slip = f.text_of(code, "control_slip", "ho-so-06-kiem-soat");
  expect_contains(slip, {"PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: " + code,
                         "Kèm theo hồ sơ của: Nguyễn Thị Hoa", "Người giao: Lý Thị Dung",
                         "Người nhận: Vàng A Sử", "Người giao: Vàng A Sử", "Đủ điều kiện"});
  EXPECT_NE(slip.find("Trước hạn"), std::string::npos) << slip;

  // Forms the history has not produced, unknown forms, and people who may not read the dossier.
  EXPECT_EQ(json_error_code(f.form(code, "refusal", citizen.headers(false))), "dossier.form_unavailable");
  EXPECT_EQ(json_error_code(f.form(code, "apology", desk.headers(false))), "dossier.form_unavailable");
  auto unknown = f.form(code, "../result", citizen.headers(false));
  EXPECT_GE(unknown.status, 400);
  EXPECT_LT(unknown.status, 500);
  EXPECT_EQ(json_error_code(f.form(code, "giay-phep", citizen.headers(false))), "dossier.form_unknown");
  EXPECT_EQ(f.form(code, "receipt", sign_in("congdan.pao").headers(false)).status, 403);
  EXPECT_EQ(f.form(code, "receipt", sign_in("chuyenvien.sotuphap").headers(false)).status, 403);
  EXPECT_EQ(f.form(code, "receipt", {}).status, 401);
  EXPECT_EQ(f.form(std::string(kDesk) + "-261122-9999", "receipt", citizen.headers(false)).status, 404);
}

TEST_P(E2eTest, RefusalApologyAndStopFormsCarryTheirReasons) {
  auto citizen = sign_in("congdan.hoa");
  auto desk = sign_in("motcua.phuonglaocai");
  auto leader = sign_in("lanhdao.phuonglaocai");
  FormsFlow f(client_, citizen);

  // Refused at the desk: every line of the note is one reason.
  const std::string refused = f.submit();
  ASSERT_EQ(f.act(desk, refused, "receive").status, 200);
  ASSERT_EQ(
      f.act(desk, refused, "refuse",
            {{"note", "Trẻ đã được đăng ký khai sinh tại nơi khác\nNgười đi đăng ký không phải cha, mẹ"}})
          .status,
      200);
  EXPECT_EQ(f.listed(refused, citizen), (Forms{"receipt", "refusal", "control_slip"}));
  expect_contains(
      f.text_of(refused, "refusal", "ho-so-03-tu-choi"),
      {"PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", refused, "1. Trẻ đã được đăng ký khai sinh tại nơi khác",
       "2. Người đi đăng ký không phải cha, mẹ", "Lý Thị Dung"});

  // Late: the leader apologises with a new appointment, then stops the dossier.
  const std::string late = f.submit();
  ASSERT_EQ(f.act(desk, late, "receive").status, 200);
  ASSERT_EQ(f.act(desk, late, "transfer").status, 200);
  ASSERT_EQ(f.act(sign_in("chuyenvien.phuonglaocai"), late, "forward").status, 200);
  auto d = client_.get("/api/v1/dossiers/" + late, desk.headers(false));
  const auto due = d.json().value("due_at", std::int64_t{0});
  ASSERT_GT(due, 0) << d.body;
  const core::Date new_day = core::vietnam_date_of(due + 10 * 86400);
  const std::string new_due = core::format_date(new_day) + "T16:00:00+07:00";
  auto extended =
      f.act(leader, late, "extend", {{"note", "cần xác minh thêm thông tin hộ tịch"}, {"new_due", new_due}});
  ASSERT_EQ(extended.status, 200) << extended.body;
  const std::string apology = f.text_of(late, "apology", "ho-so-04-xin-loi");
  expect_contains(apology, {"Kính gửi: Nguyễn Thị Hoa", late, "Lý do: cần xác minh thêm thông tin hộ tịch",
                            "Nông Văn Thành", "TM. ỦY BAN NHÂN DÂN"});
  EXPECT_NE(apology.find("16 giờ 00 phút, ngày " + core::format_date_vn(new_day)), std::string::npos)
      << apology;

  ASSERT_EQ(
      f.act(leader, late, "stop", {{"note", "người yêu cầu đã có văn bản đề nghị dừng giải quyết."}}).status,
      200);
  EXPECT_EQ(f.listed(late, citizen), (Forms{"receipt", "apology", "stop_notice", "control_slip"}));
  expect_contains(
      f.text_of(late, "stop_notice", "ho-so-05-dung-giai-quyet"),
      {"THÔNG BÁO", late, "Lý do: người yêu cầu đã có văn bản đề nghị dừng giải quyết.", "Nông Văn Thành"});
}

}  // namespace
}  // namespace motcua::e2e
