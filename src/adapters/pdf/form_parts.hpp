// Building blocks shared by the official forms: the catalogue of form numbers and titles per form set,
// Vietnamese date and time phrases, the Decree 30/2020 header (agency | national motto), titles and signature
// blocks. Internal to the PDF adapter. Pure functions or functions of one writer; thread-safe across writers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/pdf/layout.hpp"
#include "app/documents_port.hpp"

namespace motcua::adapters::pdf {

// Fonts in order of preference: Decree 30/2020 asks for Times New Roman; Liberation Serif and Tinos have its
// metrics, Noto Serif and DejaVu Serif are fallbacks that also cover Vietnamese.
inline constexpr const char* kFontFamily = "Times New Roman,Liberation Serif,Tinos,Noto Serif,DejaVu Serif";

enum class FormKind {
  kReceipt,
  kSupplementRequest,
  kRefusal,
  kApology,
  kStopNotice,
  kControlSlip,
  kTrackingBook
};

// Number and title of a form in a set, and the legal basis printed under the form number. Titles follow spec
// §1.5 (Circular 01/2018/TT-VPCP) and §1.6 (Circular 03/2025/TT-VPCP); see the tags there.
struct FormSpec {
  std::string_view number;  // "01"
  std::string_view title;   // "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
  std::string_view basis;  // "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ"
};

// The spec of `kind` in `set`; nullopt when the set has no such form (the stop notice in 2018).
std::optional<FormSpec> form_spec(app::FormSet set, FormKind kind);

// "Lào Cai, ngày 05 tháng 01 năm 2026" (Decree 30: days below 10 and months 1-2 take a leading zero).
std::string date_line(std::string_view place, core::UnixSeconds t);
// "10 giờ 15 phút, ngày 05/01/2026".
std::string time_and_date(core::UnixSeconds t);
// "10 giờ 15 phút, ngày 05 tháng 01 năm 2026" (the control slip's format).
std::string time_and_long_date(core::UnixSeconds t);
// "05/01/2026".
std::string short_date(core::UnixSeconds t);

// Decree 30/2020 writes the names of the issuing agency and its superior in capitals (Unicode upper case;
// text that is not valid UTF-8 is returned unchanged, for the writer to refuse).
std::string upper_vi(const std::string& s);
// The superior agency's line: in capitals, "Ủy ban nhân dân" abbreviated to "UBND" as documents of the
// People's Committees' agencies write it, so that it fits on one line.
std::string superior_agency_line(const std::string& name);
// The agency column (superior agency, agency in bold capitals, a short rule, the document number) and the
// national motto column with the place and date line (when issued_at is set), from the cursor down. Returns
// the lower of the two columns' bottoms; does not move the cursor.
double draw_agency_columns(PdfDocumentWriter& w, const app::AgencyHeader& header);
// The form number at the top right, then the agency and motto columns and the date line. Advances the cursor.
void draw_header(PdfDocumentWriter& w, const app::AgencyHeader& header, const FormSpec& spec);
// The form's title in bold capitals, centred, and an optional bold subtitle line (e.g. the dossier code).
void draw_title(PdfDocumentWriter& w, std::string_view title, std::string_view subtitle = {});

// One side of a signature block: "NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", space, the name.
struct SignatureColumn {
  std::string title;
  std::string hint;
  std::string name;
};

// Draws up to two signature columns (left may be empty) and returns the signing space of the right column, in
// millimetres on the page where it was drawn.
app::SignatureBox draw_signatures(PdfDocumentWriter& w, const std::optional<SignatureColumn>& left,
                                  const SignatureColumn& right);

// "Label: value" with the label regular and the value in bold.
void labelled(PdfDocumentWriter& w, std::string_view label, std::string_view value);

}  // namespace motcua::adapters::pdf
