// Renders every official form of both sets and checks them with poppler's own tools: the text that pdftotext
// extracts (NFC-normalised), page counts, and the receipt's QR code decoded by zbarimg from a PNG render.
// PNG screenshots go to test-artifacts/forms/ for a human to look at.
#include "adapters/pdf/form_renderer.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include "adapters/pdf/font_map.hpp"
#include "adapters/pdf/sample_forms.hpp"
#include "adapters/pdf/test_support.hpp"

namespace motcua::adapters::pdf {
namespace {

using testing::normalise_text;
using testing::run;

constexpr const char* kBase = "https://dichvucong.laocai.gov.vn";

struct FormCase {
  std::string name;
  app::FormSet set;
  app::FormData form;
  std::vector<std::string> expected;  // phrases pdftotext must give back
};

std::string set_name(app::FormSet s) {
  return s == app::FormSet::k2018 ? "2018" : "2025";
}

std::vector<std::string> common_phrases() {
  return {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH LÀO CAI",
          "SỞ TƯ PHÁP"};
}

std::vector<FormCase> all_cases() {
  using S = app::FormSet;
  std::vector<FormCase> cases;
  for (const S set : {S::k2018, S::k2025}) {
    const std::string basis =
        set == S::k2018 ? "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018" : "Thông tư số 03/2025/TT-VPCP";
    const bool y2018 = set == S::k2018;
    cases.push_back(
        {"01-tiep-nhan",
         set,
         testing::sample_receipt(),
         {"Mẫu số 01 - " + basis, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
          "Mã hồ sơ: 000.00.01.H29-260310-0420", "Lào Cai, ngày 10 tháng 3 năm 2026",
          "Ông/Bà/Tổ chức: Nguyễn Thị Hương", "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
          "Bản sao cần chứng thực (05 trang)", "4. Thời gian nhận hồ sơ: 10 giờ 15 phút, ngày 10/03/2026",
          "5. Thời gian trả kết quả giải quyết hồ sơ: 15 giờ 00 phút, ngày 11/03/2026",
          "7. Phí, lệ phí: 7.000 đồng (Bằng chữ: Bảy nghìn đồng)",
          "Vào Sổ theo dõi hồ sơ, Quyển số: 01, Số thứ tự: 420",
          std::string(kBase) + "/tra-cuu/000.00.01.H29-260310-0420", "NGƯỜI TIẾP NHẬN HỒ SƠ",
          "Lê Văn Minh"}});
    cases.push_back(
        {"02-bo-sung",
         set,
         testing::sample_supplement(),
         {"Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mã hồ sơ: 000.00.01.H29-260310-0421",
          "1. Bản sao Giấy chứng nhận kết hôn của cha, mẹ", "2. Giấy chứng sinh bản chính",
          "bà Phạm Thu Trang, số điện thoại 0214 3840 123", "NGƯỜI HƯỚNG DẪN"}});
    cases.push_back(
        {"03-tu-choi",
         set,
         testing::sample_refusal(),
         {"Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Cấp Phiếu lý lịch tư pháp số 1",
          "từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
          "2. Yêu cầu đã được giải quyết tại Trung tâm Lý lịch tư pháp quốc gia."}});
    cases.push_back(
        {"04-xin-loi",
         set,
         testing::sample_apology(),
         {"Mẫu số 04",
          y2018 ? "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
                : "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
          "Số: 15/PXL-STP", "Kính gửi: Nguyễn Thị Hương", "mã hồ sơ 000.00.01.H29-260310-0420",
          y2018 ? "xin hẹn lại thời gian trả kết quả vào 16 giờ 00 phút, ngày 16/03/2026"
                : "đề nghị gia hạn thời gian giải quyết hồ sơ đến 16 giờ 00 phút, ngày 16/03/2026",
          "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Quốc Bảo"}});
    if (!y2018)
      cases.push_back({"05-dung-giai-quyet",
                       set,
                       testing::sample_stop_notice(),
                       {"Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Số: 07/TB-STP",
                        "thông báo dừng giải quyết hồ sơ nêu trên", "Đỗ Thị Lan"}});
    const std::string slip = y2018 ? "05" : "06";
    cases.push_back(
        {slip + "-kiem-soat",
         set,
         testing::sample_control_slip(),
         {"Mẫu số " + slip, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
          "Kèm theo hồ sơ của: Nguyễn Thị Hương", "Cơ quan phối hợp giải quyết hồ sơ: Công an tỉnh Lào Cai",
          // The first time wraps before "2026", which pdftotext reads after the next cell's first line.
          "14 giờ 00 phút, ngày 10 tháng 03 năm", "09 giờ 30 phút, ngày 13 tháng 03 năm 2026", "Trước hạn",
          "Đúng hạn", "Quá hạn"}});
    const std::string book = y2018 ? "06" : "07";
    cases.push_back({book + "-so-theo-doi",
                     set,
                     testing::sample_tracking_book(12),
                     {"Mẫu số " + book, "SỔ THEO DÕI HỒ SƠ", "Tháng 3 năm 2026", "Hoàng Văn",
                      "000.00.01.H29-260310-0012"}});
  }
  return cases;
}

class FormRendererTest : public ::testing::Test {
 protected:
  std::unique_ptr<app::FormRenderer> renderer_ = make_form_renderer({.public_base_url = kBase});
  testing::TempDir tmp_;
};

TEST_F(FormRendererTest, EveryFormGivesBackItsVietnameseTextAndAScreenshot) {
  const auto shots = testing::artifacts_dir("forms");
  int rendered = 0;
  for (const auto& c : all_cases()) {
    const std::string name = set_name(c.set) + "-" + c.name;
    SCOPED_TRACE(name);
    auto form = renderer_->render_pdf(c.set, c.form);
    ASSERT_TRUE(form.ok()) << form.error().message_en;
    ASSERT_EQ(form->pdf.rfind("%PDF-", 0), 0u);
    const std::string pdf_path = tmp_.file(name + ".pdf");
    testing::write_file(pdf_path, form->pdf);
    const auto text = run("pdftotext -enc UTF-8 " + pdf_path + " -");
    ASSERT_EQ(text.exit_code, 0) << text.output;
    const std::string got = normalise_text(text.output);
    for (const auto& phrase : common_phrases())
      EXPECT_NE(got.find(phrase), std::string::npos) << phrase << "\n" << got;
    for (const auto& phrase : c.expected)
      EXPECT_NE(got.find(normalise_text(phrase)), std::string::npos) << phrase << "\n" << got;
    const auto info = run("pdfinfo " + pdf_path);
    const bool a4 = info.output.find("595.276 x 841.89 pts (A4)") != std::string::npos ||
                    info.output.find("841.89 x 595.276 pts (A4)") != std::string::npos;
    EXPECT_TRUE(a4) << info.output;
    const auto png = run("pdftoppm -r 80 -png -singlefile " + pdf_path + " " + (shots / name).string());
    EXPECT_EQ(png.exit_code, 0) << png.output;
    ++rendered;
  }
  EXPECT_EQ(rendered, 13);
}

TEST_F(FormRendererTest, ReceiptQrCodeDecodesToThePublicStatusUrl) {
  auto form = renderer_->render_pdf(app::FormSet::k2025, testing::sample_receipt());
  ASSERT_TRUE(form.ok());
  testing::write_file(tmp_.file("r.pdf"), form->pdf);
  ASSERT_EQ(
      run("pdftoppm -r 150 -gray -png -singlefile " + tmp_.file("r.pdf") + " " + tmp_.file("r")).exit_code,
      0);
  // zbarimg's stderr carries D-Bus noise on machines without a system bus: keep stdout only.
  const auto decoded = run("zbarimg --quiet --raw " + tmp_.file("r.png") + " 2>/dev/null");
  ASSERT_EQ(decoded.exit_code, 0) << decoded.output;
  EXPECT_EQ(decoded.output, std::string(kBase) + "/tra-cuu/000.00.01.H29-260310-0420\n");
}

TEST_F(FormRendererTest, SignatureBoxIsWhereTheReceiverSigns) {
  auto form = renderer_->render_pdf(app::FormSet::k2018, testing::sample_receipt());
  ASSERT_TRUE(form.ok());
  ASSERT_TRUE(form->signature_box.has_value());
  const auto& box = *form->signature_box;
  EXPECT_EQ(box.page, 0);
  EXPECT_GT(box.x_mm, 100);  // the right-hand column of an A4 page
  EXPECT_GT(box.y_mm, 150);
  EXPECT_LT(box.y_mm + box.height_mm, 297 - 20);
  EXPECT_NEAR(box.height_mm, 26, 0.01);
}

TEST_F(FormRendererTest, LongTrackingBookFlowsOntoSeveralLandscapePages) {
  auto form = renderer_->render_pdf(app::FormSet::k2025, testing::sample_tracking_book(60));
  ASSERT_TRUE(form.ok());
  testing::write_file(tmp_.file("book.pdf"), form->pdf);
  const auto info = run("pdfinfo " + tmp_.file("book.pdf"));
  EXPECT_NE(info.output.find("841.89 x 595.276 pts (A4)"), std::string::npos) << info.output;
  EXPECT_EQ(info.output.find("Pages:           1\n"), std::string::npos) << info.output;
  const auto text = normalise_text(run("pdftotext -enc UTF-8 " + tmp_.file("book.pdf") + " -").output);
  EXPECT_NE(text.find("000.00.01.H29-260310-0060"), std::string::npos);
  // The column headers repeat on every page.
  std::size_t headers = 0;
  for (std::size_t p = text.find("Tên thủ tục hành chính"); p != std::string::npos;
       p = text.find("Tên thủ tục hành chính", p + 1))
    ++headers;
  EXPECT_GE(headers, 2u);
}

TEST_F(FormRendererTest, StopNoticeDoesNotExistIn2018) {
  auto form = renderer_->render_pdf(app::FormSet::k2018, testing::sample_stop_notice());
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(form.error().code_id, "pdf.form_not_in_set");
}

TEST_F(FormRendererTest, InvalidUtf8IsRefused) {
  auto f = testing::sample_refusal();
  f.applicant.name = "Nguy\xE1\xBB";
  auto form = renderer_->render_pdf(app::FormSet::k2025, f);
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.error().code_id, "pdf.invalid_text");
}

TEST_F(FormRendererTest, DecomposedInputIsStoredAsNfc) {
  auto f = testing::sample_refusal();
  f.applicant.name = "Nguye\xCC\x82\xCC\x83n";  // "Nguyễn" as e + circumflex + tilde (NFD)
  auto form = renderer_->render_pdf(app::FormSet::k2025, f);
  ASSERT_TRUE(form.ok());
  testing::write_file(tmp_.file("nfd.pdf"), form->pdf);
  const auto text = run("pdftotext -enc UTF-8 " + tmp_.file("nfd.pdf") + " -").output;
  EXPECT_NE(text.find("Nguyễn"), std::string::npos) << text;
}

// The FontFile2 streams (embedded TrueType subsets) of a PDF written by Cairo, inflated.
std::vector<std::string> embedded_truetype(const std::string& pdf) {
  std::vector<std::string> fonts;
  for (std::size_t at = pdf.find("/Length1 "); at != std::string::npos; at = pdf.find("/Length1 ", at + 1)) {
    const std::size_t begin = pdf.find("stream\n", at) + 7, end = pdf.find("endstream", begin);
    std::string font(static_cast<std::size_t>(std::strtoul(pdf.c_str() + at + 9, nullptr, 10)), '\0');
    uLongf size = font.size();
    if (end == std::string::npos ||
        uncompress(reinterpret_cast<Bytef*>(font.data()), &size,
                   reinterpret_cast<const Bytef*>(pdf.data() + begin), end - begin) != Z_OK)
      return {};
    font.resize(size);
    fonts.push_back(std::move(font));
  }
  return fonts;
}

// The table tags of a TrueType font ("glyf", "cvt ", ...).
std::set<std::string> table_tags(const std::string& font) {
  std::set<std::string> tags;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(font[i]); };
  const std::size_t count = font.size() < 12 ? 0 : static_cast<std::size_t>(byte(4) << 8 | byte(5));
  for (std::size_t i = 0; i < count && 12 + 16 * (i + 1) <= font.size(); ++i)
    tags.insert(font.substr(12 + 16 * i, 4));
  return tags;
}

// Cairo copies a face's TrueType hinting into every subset it embeds; the forms' faces are loaded without it
// (font_map.hpp), so the receipt's six subsets (three faces, each a WinAnsi and a CID subset) are outlines
// and metrics only. The other tests check that the text and the pictures are the same.
TEST_F(FormRendererTest, EmbeddedFontsCarryNoHinting) {
  const char* hinting = std::getenv("MOTCUA_PDF_FONT_HINTING");
  if (hinting != nullptr && std::string_view(hinting) == "keep") GTEST_SKIP() << "hinting kept on request";
  ASSERT_TRUE(form_fonts_dehinted());
  auto form = renderer_->render_pdf(app::FormSet::k2025, testing::sample_receipt());
  ASSERT_TRUE(form.ok());
  const auto fonts = embedded_truetype(form->pdf);
  EXPECT_EQ(fonts.size(), 6u);
  for (const auto& font : fonts) {
    const auto tags = table_tags(font);
    EXPECT_EQ(tags.count("glyf"), 1u);
    EXPECT_EQ(tags.count("fpgm") + tags.count("prep") + tags.count("cvt "), 0u);
  }
}

// Each thread draws with its own Pango font map over one shared font configuration.
TEST_F(FormRendererTest, ThreadsRenderTheSameReceipt) {
  auto one = renderer_->render_pdf(app::FormSet::k2025, testing::sample_receipt());
  ASSERT_TRUE(one.ok());
  std::vector<std::string> pdfs(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < pdfs.size(); ++i)
    threads.emplace_back([&, i] {
      for (int n = 0; n < 3; ++n) {
        auto form = renderer_->render_pdf(app::FormSet::k2025, testing::sample_receipt());
        if (form.ok()) pdfs[i] = std::move(form->pdf);
      }
    });
  for (auto& t : threads) t.join();
  const auto without_date = [](std::string pdf) {
    const std::size_t at = pdf.find("/CreationDate (");
    if (at != std::string::npos) pdf.erase(at, pdf.find(')', at) - at);
    return pdf;
  };
  for (const auto& pdf : pdfs) EXPECT_EQ(without_date(pdf), without_date(one->pdf));
}

TEST(PublicStatusUrlTest, EncodesTheDossierCode) {
  EXPECT_EQ(public_status_url("https://dvc.example.vn/", "000.00.01.H29-260310-0420"),
            "https://dvc.example.vn/tra-cuu/000.00.01.H29-260310-0420");
  EXPECT_EQ(public_status_url("http://x", "a b/c?"), "http://x/tra-cuu/a%20b%2Fc%3F");
}

}  // namespace
}  // namespace motcua::adapters::pdf
