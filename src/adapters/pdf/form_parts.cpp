#include "adapters/pdf/form_parts.hpp"

#include <glib.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/time.hpp"

namespace motcua::adapters::pdf {

namespace {

constexpr std::string_view kBasis2018 = "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ";
constexpr std::string_view kBasis2025 = "Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ";

struct CatalogueEntry {
  app::FormSet set;
  FormKind kind;
  FormSpec spec;
};

// One line per form. 2018: spec §1.5 (title of 02 [V], the rest [U]); 2025: spec §1.6 [V-3p].
constexpr std::array<CatalogueEntry, 13> kCatalogue = {{
    {app::FormSet::k2018, FormKind::kReceipt, {"01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", kBasis2018}},
    {app::FormSet::k2018,
     FormKind::kSupplementRequest,
     {"02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", kBasis2018}},
    {app::FormSet::k2018, FormKind::kRefusal, {"03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", kBasis2018}},
    {app::FormSet::k2018,
     FormKind::kApology,
     {"04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", kBasis2018}},
    {app::FormSet::k2018,
     FormKind::kControlSlip,
     {"05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", kBasis2018}},
    {app::FormSet::k2018, FormKind::kTrackingBook, {"06", "SỔ THEO DÕI HỒ SƠ", kBasis2018}},
    {app::FormSet::k2025, FormKind::kReceipt, {"01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", kBasis2025}},
    {app::FormSet::k2025,
     FormKind::kSupplementRequest,
     {"02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", kBasis2025}},
    {app::FormSet::k2025, FormKind::kRefusal, {"03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", kBasis2025}},
    {app::FormSet::k2025,
     FormKind::kApology,
     {"04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", kBasis2025}},
    {app::FormSet::k2025, FormKind::kStopNotice, {"05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", kBasis2025}},
    {app::FormSet::k2025,
     FormKind::kControlSlip,
     {"06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", kBasis2025}},
    {app::FormSet::k2025, FormKind::kTrackingBook, {"07", "SỔ THEO DÕI HỒ SƠ", kBasis2025}},
}};

struct LocalTime {
  unsigned day, month;
  int year;
  long long hour, minute;
};

LocalTime local_time(core::UnixSeconds t) {
  const core::Date d = core::vietnam_date_of(t);
  const long long secs = ((t + core::kVietnamUtcOffsetSeconds) % 86400 + 86400) % 86400;
  return {static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()), static_cast<int>(d.year()),
          secs / 3600, secs / 60 % 60};
}

std::string two_digits(long long v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02lld", v);
  return buf;
}

// Decree 30/2020 App. I: a day below 10 and the months January and February take a leading zero.
std::string decree30_month(unsigned month) {
  return month <= 2 ? two_digits(month) : std::to_string(month);
}

}  // namespace

std::optional<FormSpec> form_spec(app::FormSet set, FormKind kind) {
  for (const auto& e : kCatalogue)
    if (e.set == set && e.kind == kind) return e.spec;
  return std::nullopt;
}

std::string date_line(std::string_view place, core::UnixSeconds t) {
  const LocalTime l = local_time(t);
  std::string out(place);
  if (!out.empty()) out += ", ";
  return out + "ngày " + two_digits(l.day) + " tháng " + decree30_month(l.month) + " năm " +
         std::to_string(l.year);
}

std::string time_and_date(core::UnixSeconds t) {
  const LocalTime l = local_time(t);
  return two_digits(l.hour) + " giờ " + two_digits(l.minute) + " phút, ngày " + short_date(t);
}

std::string time_and_long_date(core::UnixSeconds t) {
  const LocalTime l = local_time(t);
  return two_digits(l.hour) + " giờ " + two_digits(l.minute) + " phút, ngày " + two_digits(l.day) +
         " tháng " + two_digits(l.month) + " năm " + std::to_string(l.year);
}

std::string short_date(core::UnixSeconds t) {
  const LocalTime l = local_time(t);
  return two_digits(l.day) + "/" + two_digits(l.month) + "/" + std::to_string(l.year);
}

std::string upper_vi(const std::string& s) {
  if (!g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return s;
  gchar* up = g_utf8_strup(s.data(), static_cast<gssize>(s.size()));
  std::string out(up);
  g_free(up);
  return out;
}

std::string superior_agency_line(const std::string& name) {
  constexpr std::string_view kCommittee = "Ủy ban nhân dân ";
  if (name.rfind(kCommittee, 0) == 0) return "UBND " + upper_vi(name.substr(kCommittee.size()));
  return upper_vi(name);
}

double draw_agency_columns(PdfDocumentWriter& w, const app::AgencyHeader& header) {
  const double x = w.left(), width = w.content_width(), top = w.y();
  const double left_w = width * 0.42, right_x = x + left_w, right_w = width - left_w;
  const TextStyle centred12{.size_pt = 12, .align = Align::kCenter};
  // Left column: superior agency, agency (bold) underlined by a short rule, document number.
  double ly = top + 4;
  if (!header.superior_agency.empty())
    ly += w.text_block(x, ly, left_w, {{superior_agency_line(header.superior_agency), {}}}, centred12);
  ly += w.text_block(x, ly, left_w, {{upper_vi(header.agency), {.bold = true}}}, centred12);
  w.line(x + left_w / 3, ly + 1.5, x + 2 * left_w / 3, ly + 1.5);
  ly += 6;
  if (!header.document_number.empty())
    ly +=
        w.text_block(x, ly, left_w, {{header.document_number, {}}}, {.size_pt = 13, .align = Align::kCenter});
  // Right column: the national motto, its second line underlined over the text's width, then the date line.
  double ry = top + 4;
  ry +=
      w.text_block(right_x, ry, right_w, {{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {.bold = true}}}, centred12);
  const std::vector<Run> motto{{"Độc lập - Tự do - Hạnh phúc", {.bold = true}}};
  ry += w.text_block(right_x, ry, right_w, motto, {.size_pt = 13, .align = Align::kCenter});
  const double motto_w = w.text_width(motto, 13);
  w.line(right_x + (right_w - motto_w) / 2, ry + 1.5, right_x + (right_w + motto_w) / 2, ry + 1.5);
  ry += 8;
  if (header.issued_at != 0)
    ry += w.text_block(right_x, ry, right_w, {{date_line(header.place, header.issued_at), {.italic = true}}},
                       {.size_pt = 13, .align = Align::kCenter});
  return std::max(ly, ry);
}

void draw_header(PdfDocumentWriter& w, const app::AgencyHeader& header, const FormSpec& spec) {
  // The form number and its legal basis, small and italic, in the top-right corner.
  w.text_block(w.left(), w.y() - 12, w.content_width(),
               {{"Mẫu số " + std::string(spec.number) + " - " + std::string(spec.basis), {.italic = true}}},
               {.size_pt = 8.5, .align = Align::kRight});
  w.set_y(draw_agency_columns(w, header) + 14);
}

void draw_title(PdfDocumentWriter& w, std::string_view title, std::string_view subtitle) {
  w.paragraph(title, {.size_pt = 14, .align = Align::kCenter, .space_after_pt = 2}, {.bold = true});
  if (!subtitle.empty()) w.paragraph(subtitle, {.size_pt = 13, .align = Align::kCenter}, {.bold = true});
  w.move_down(8);
}

app::SignatureBox draw_signatures(PdfDocumentWriter& w, const std::optional<SignatureColumn>& left,
                                  const SignatureColumn& right) {
  constexpr double kSigningSpace = mm(26);
  w.ensure_space(kSigningSpace + 60);
  const double col_w = w.content_width() / 2, top = w.y() + 6;
  const TextStyle title{.size_pt = 13, .align = Align::kCenter};
  const TextStyle hint{.size_pt = 12, .align = Align::kCenter};
  double bottom = top;
  auto column = [&](double x, const SignatureColumn& c) {
    double y = top + w.text_block(x, top, col_w, {{c.title, {.bold = true}}}, title);
    if (!c.hint.empty()) y += w.text_block(x, y, col_w, {{c.hint, {.italic = true}}}, hint);
    const double space_top = y;
    y += kSigningSpace;
    y += w.text_block(x, y, col_w, {{c.name, {.bold = true}}}, title);
    bottom = std::max(bottom, y);
    return space_top;
  };
  if (left) column(w.left(), *left);
  const double space_top = column(w.left() + col_w, right);
  w.set_y(bottom + 8);
  constexpr double kPtToMm = 25.4 / 72.0;
  return {w.page_index(), (w.left() + col_w) * kPtToMm, space_top * kPtToMm, col_w * kPtToMm,
          kSigningSpace * kPtToMm};
}

void labelled(PdfDocumentWriter& w, std::string_view label, std::string_view value) {
  w.paragraph({{std::string(label), {}}, {std::string(value), {.bold = false}}},
              {.size_pt = 13, .space_after_pt = 4});
}

}  // namespace motcua::adapters::pdf
