#include "adapters/pdf/result_document.hpp"

#include <glib.h>

#include "adapters/pdf/form_parts.hpp"

namespace motcua::adapters::pdf {

namespace {

// The one-stop decree in force for the dossier's rule version (spec §0.1).
constexpr std::string_view kBasis2018 =
    "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa "
    "liên "
    "thông trong giải quyết thủ tục hành chính;";
constexpr std::string_view kBasis2025 =
    "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ "
    "chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia;";

constexpr TextStyle kBody{.size_pt = 13, .space_after_pt = 4};
constexpr TextStyle kJustified{
    .size_pt = 13, .align = Align::kJustify, .space_after_pt = 4, .first_line_indent_pt = 28};

// The Decree 30 header of a document that is not a numbered form: agency (and superior) on the left, the
// national motto and the place and date on the right.
void draw_document_header(PdfDocumentWriter& w, const app::AgencyHeader& header) {
  w.set_y(draw_agency_columns(w, header) + 16);
}

void draw_applicant(PdfDocumentWriter& w, const app::Applicant& a) {
  labelled(w, "1. Người nộp hồ sơ: ", a.name);
  if (!a.id_number.empty()) labelled(w, "    Số định danh cá nhân/Mã số doanh nghiệp: ", a.id_number);
  if (!a.address.empty()) labelled(w, "    Địa chỉ: ", a.address);
}

void draw_particulars(PdfDocumentWriter& w, const std::vector<app::ResultParticular>& particulars) {
  w.paragraph("3. Nội dung đề nghị giải quyết:", kBody);
  if (particulars.empty()) {
    w.paragraph("Theo hồ sơ đã nộp.", {.size_pt = 13, .space_after_pt = 4, .first_line_indent_pt = 20});
    return;
  }
  Table t;
  t.size_pt = 12;
  t.columns = {{"STT", 0.6, Align::kCenter, {}},
               {"Nội dung", 3.6, Align::kLeft, {}},
               {"Thông tin kê khai", 4.4, Align::kLeft, {}}};
  int n = 0;
  for (const auto& p : particulars) t.rows.push_back({std::to_string(++n), p.label, p.value});
  w.table(t);
  w.move_down(4);
}

// "Nơi nhận:" at the left of the signer block, from `top`.
void draw_recipients(PdfDocumentWriter& w, double top, const std::vector<std::string>& recipients) {
  const double width = w.content_width() / 2 - mm(4);
  double y = top + w.text_block(w.left(), top, width, {{"Nơi nhận:", {.bold = true, .italic = true}}},
                                {.size_pt = 12});
  for (const auto& r : recipients) y += w.text_block(w.left(), y, width, {{"- " + r, {}}}, {.size_pt = 11});
}

class CairoResultRenderer final : public app::ResultRenderer {
 public:
  core::Result<app::RenderedForm> render_result(app::FormSet set,
                                                const app::ResultDocumentForm& f) const override {
    PdfDocumentWriter w(Orientation::kPortrait, kDecree30Margins, kFontFamily);
    draw_document_header(w, f.header);
    w.paragraph("THÔNG BÁO", {.size_pt = 14, .align = Align::kCenter, .space_after_pt = 1}, {.bold = true});
    w.paragraph("Kết quả giải quyết thủ tục hành chính",
                {.size_pt = 14, .align = Align::kCenter, .space_after_pt = 1}, {.bold = true});
    w.paragraph("Mã hồ sơ: " + f.dossier_code, {.size_pt = 13, .align = Align::kCenter}, {.bold = true});
    const double rule_w = mm(40), x = w.left() + (w.content_width() - rule_w) / 2;
    w.line(x, w.y() + 2, x + rule_w, w.y() + 2);
    w.move_down(12);
    w.paragraph(set == app::FormSet::k2018 ? kBasis2018 : kBasis2025, kJustified, {.italic = true});
    // Left-aligned: justifying a line that ends before the long dossier code stretches it badly.
    w.paragraph("Căn cứ hồ sơ đề nghị giải quyết thủ tục hành chính mã số " + f.dossier_code +
                    " tiếp nhận lúc " + time_and_date(f.received_at) + ",",
                {.size_pt = 13, .space_after_pt = 4, .first_line_indent_pt = 28}, {.italic = true});
    w.paragraph(f.header.agency + " thông báo kết quả giải quyết hồ sơ như sau:", kJustified);
    draw_applicant(w, f.applicant);
    labelled(w, "2. Thủ tục hành chính: ", f.procedure + " (mã " + f.procedure_code + ")");
    draw_particulars(w, f.particulars);
    labelled(w, "4. Kết quả giải quyết: ", f.decision);
    if (!f.opinion.empty()) labelled(w, "    Ý kiến của người có thẩm quyền: ", f.opinion);
    w.paragraph(
        "Văn bản này được ký số bởi người có thẩm quyền và đóng dấu số của cơ quan theo Nghị định số "
        "30/2020/NĐ-CP; ông/bà có thể kiểm tra chữ ký số tại trang Xác minh chữ ký của Cổng dịch vụ công.",
        kJustified, {.italic = true});
    return finish(w, f);
  }

 private:
  static core::Result<app::RenderedForm> finish(PdfDocumentWriter& w, const app::ResultDocumentForm& f) {
    // The signer block and the recipients side by side; draw_signatures keeps them on one page.
    w.ensure_space(mm(26) + 70);
    const double top = w.y() + 6;
    const auto box = draw_signatures(w, std::nullopt, {f.signatory.title, "", f.signatory.name});
    draw_recipients(w, top, f.recipients);
    auto pdf = w.finish();
    if (!pdf) return pdf.error();
    return app::RenderedForm{std::move(*pdf), box};
  }
};

}  // namespace

std::unique_ptr<app::ResultRenderer> make_result_renderer() {
  return std::make_unique<CairoResultRenderer>();
}

}  // namespace motcua::adapters::pdf
