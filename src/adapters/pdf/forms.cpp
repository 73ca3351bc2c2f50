#include "adapters/pdf/forms.hpp"

#include "adapters/pdf/qr.hpp"
#include "adapters/pdf/vn_number_words.hpp"

namespace motcua::adapters::pdf {

namespace {

constexpr TextStyle kBody{.size_pt = 13, .space_after_pt = 4};
constexpr TextStyle kJustified{
    .size_pt = 13, .align = Align::kJustify, .space_after_pt = 4, .first_line_indent_pt = 28};

TableColumn column(std::string title, double weight, Align align, std::string group = {}) {
  TableColumn c;
  c.title = std::move(title);
  c.weight = weight;
  c.align = align;
  c.group = std::move(group);
  return c;
}

std::string two_digit_count(int n) {
  return n < 10 && n >= 0 ? "0" + std::to_string(n) : std::to_string(n);
}

std::string_view delivery_text(app::ResultDelivery d) {
  switch (d) {
    case app::ResultDelivery::kByPost:
      return "Qua dịch vụ bưu chính công ích";
    case app::ResultDelivery::kOnline:
      return "Trực tuyến trên Cổng Dịch vụ công";
    case app::ResultDelivery::kAtCounter:
      break;
  }
  return "Bộ phận Tiếp nhận và Trả kết quả";
}

std::string_view step_result_text(app::StepResult r) {
  switch (r) {
    case app::StepResult::kEarly:
      return "Trước hạn";
    case app::StepResult::kOnTime:
      return "Đúng hạn";
    case app::StepResult::kLate:
      return "Quá hạn";
    case app::StepResult::kNone:
      break;
  }
  return "";
}

void applicant_lines(PdfDocumentWriter& w, const app::Applicant& a, bool with_contact) {
  labelled(w, "Ông/Bà/Tổ chức: ", a.name);
  if (!a.id_number.empty()) labelled(w, "Số định danh cá nhân/Mã số doanh nghiệp: ", a.id_number);
  if (!a.address.empty()) labelled(w, "Địa chỉ: ", a.address);
  if (!with_contact) return;
  std::string contact = a.phone.empty() ? "" : a.phone;
  if (!a.email.empty()) contact += (contact.empty() ? "" : "    Email: ") + a.email;
  if (!contact.empty()) labelled(w, "Số điện thoại: ", contact);
}

void numbered_list(PdfDocumentWriter& w, const std::vector<std::string>& items) {
  int n = 0;
  for (const auto& item : items)
    w.paragraph(std::to_string(++n) + ". " + item,
                {.size_pt = 13, .space_after_pt = 3, .first_line_indent_pt = 20});
}

void draw_status_qr(PdfDocumentWriter& w, const QrMatrix& qr, const std::string& url) {
  constexpr double kSide = mm(28);
  w.ensure_space(kSide + 6);
  const double top = w.y() + 2;
  draw_qr(w.cairo(), qr, w.left(), top, kSide);
  const double text_x = w.left() + kSide + mm(4), text_w = w.content_width() - kSide - mm(4);
  double y = top + mm(6);
  y += w.text_block(text_x, y, text_w, {{"Quét mã QR để tra cứu tình trạng hồ sơ:", {.italic = true}}},
                    {.size_pt = 12});
  w.text_block(text_x, y + 2, text_w, {{url, {}}}, {.size_pt = 11});
  w.set_y(top + kSide + 4);
}

}  // namespace

FormBodyResult draw_receipt(PdfDocumentWriter& w, const FormSpec& spec, const app::ReceiptForm& f,
                            const std::string& status_url) {
  auto qr = encode_qr(status_url);
  if (!qr) return qr.error();
  draw_title(w, spec.title, "Mã hồ sơ: " + f.dossier_code);
  w.paragraph(f.header.agency + " tiếp nhận hồ sơ của:", kBody);
  applicant_lines(w, f.applicant, true);
  labelled(w, "Nội dung yêu cầu giải quyết: ", f.request);
  w.paragraph("1. Thành phần hồ sơ nộp gồm:", kBody);
  std::size_t i = 0;
  Table t;
  t.columns = {column("STT", 0.6, Align::kCenter), column("Tên giấy tờ", 5, Align::kLeft),
               column("Hình thức", 2, Align::kCenter), column("Số lượng", 1.1, Align::kCenter)};
  for (const auto& d : f.documents)
    t.rows.push_back({std::to_string(++i), d.name, d.copy_type, std::to_string(d.quantity)});
  w.table(t);
  labelled(w, "2. Số lượng hồ sơ: ", two_digit_count(f.dossier_sets) + " (bộ)");
  labelled(w, "3. Thời gian giải quyết hồ sơ theo quy định là: ", f.processing_time);
  labelled(w, "4. Thời gian nhận hồ sơ: ", time_and_date(f.received_at));
  labelled(w, "5. Thời gian trả kết quả giải quyết hồ sơ: ", time_and_date(f.due_at));
  labelled(w, "6. Đăng ký nhận kết quả tại: ", delivery_text(f.delivery));
  if (f.fee_vnd)
    labelled(w, "7. Phí, lệ phí: ",
             format_amount_vi(*f.fee_vnd) + " đồng (Bằng chữ: " + amount_in_words_vi(*f.fee_vnd) + ")");
  if (!f.book_volume.empty() || !f.book_sequence.empty())
    w.paragraph("Vào Sổ theo dõi hồ sơ, Quyển số: " + f.book_volume + ", Số thứ tự: " + f.book_sequence,
                {.size_pt = 13, .space_after_pt = 4}, {.italic = true});
  draw_status_qr(w, *qr, status_url);
  return std::optional(
      draw_signatures(w, SignatureColumn{"NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", f.applicant.name},
                      {"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", f.receiver.name}));
}

FormBodyResult draw_supplement_request(PdfDocumentWriter& w, const FormSpec& spec,
                                       const app::SupplementRequestForm& f) {
  draw_title(w, spec.title, "Mã hồ sơ: " + f.dossier_code);
  w.paragraph(f.header.agency + " tiếp nhận hồ sơ của:", kBody);
  applicant_lines(w, f.applicant, true);
  labelled(w, "Nội dung yêu cầu giải quyết: ", f.request);
  if (f.received_at != 0) labelled(w, "Thời gian nhận hồ sơ: ", time_and_date(f.received_at));
  w.paragraph("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", kBody);
  numbered_list(w, f.items);
  if (!f.reason.empty()) labelled(w, "Lý do: ", f.reason);
  const std::string phone = f.contact_phone.empty() ? "" : ", số điện thoại " + f.contact_phone;
  w.paragraph("Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với " + f.contact_name +
                  phone + " để được hướng dẫn.",
              kJustified);
  return std::optional(
      draw_signatures(w, std::nullopt, {"NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", f.officer.name}));
}

FormBodyResult draw_refusal(PdfDocumentWriter& w, const FormSpec& spec, const app::RefusalForm& f) {
  draw_title(w, spec.title, f.dossier_code.empty() ? "" : "Mã hồ sơ: " + f.dossier_code);
  w.paragraph(f.header.agency + " tiếp nhận hồ sơ của:", kBody);
  applicant_lines(w, f.applicant, false);
  labelled(w, "Nội dung yêu cầu giải quyết: ", f.request);
  w.paragraph("Sau khi xem xét, đối chiếu với quy định, " + f.header.agency +
                  " từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
              kJustified);
  numbered_list(w, f.reasons);
  w.paragraph("Xin thông báo để ông/bà được biết và thực hiện.", kJustified);
  return std::optional(
      draw_signatures(w, std::nullopt, {"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", f.officer.name}));
}

FormBodyResult draw_apology(PdfDocumentWriter& w, const FormSpec& spec, app::FormSet set,
                            const app::ApologyForm& f) {
  draw_title(w, spec.title);
  w.paragraph({{"Kính gửi: ", {}}, {f.applicant.name, {.bold = true}}},
              {.size_pt = 13, .align = Align::kCenter, .space_after_pt = 8});
  labelled(w, "Địa chỉ: ", f.applicant.address);
  if (!f.applicant.phone.empty()) labelled(w, "Số điện thoại: ", f.applicant.phone);
  w.paragraph("Ngày " + short_date(f.received_at) + ", " + f.header.agency +
                  " tiếp nhận hồ sơ của ông/bà, mã hồ sơ " + f.dossier_code +
                  ", đề nghị giải quyết: " + f.request + ".",
              kJustified);
  labelled(w, "Thời gian hẹn trả kết quả: ", time_and_date(f.original_due_at));
  w.paragraph("Tuy nhiên, đến nay " + f.header.agency +
                  " chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng hạn. " + "Lý do: " + f.reason,
              kJustified);
  if (set == app::FormSet::k2018)
    w.paragraph("Sự chậm trễ này đã gây phiền hà cho ông/bà. " + f.header.agency +
                    " xin lỗi ông/bà và xin hẹn lại thời gian trả kết quả vào " +
                    time_and_date(f.new_due_at) + ".",
                kJustified);
  else
    w.paragraph("Sự chậm trễ này đã gây phiền hà cho ông/bà. " + f.header.agency +
                    " xin lỗi ông/bà và đề nghị gia hạn thời gian giải quyết hồ sơ đến " +
                    time_and_date(f.new_due_at) + ".",
                kJustified);
  w.paragraph("Rất mong nhận được sự thông cảm của ông/bà.", kJustified);
  return std::optional(
      draw_signatures(w, std::nullopt, {f.head.title, "(Ký, ghi rõ họ tên và đóng dấu)", f.head.name}));
}

FormBodyResult draw_stop_notice(PdfDocumentWriter& w, const FormSpec& spec, const app::StopNoticeForm& f) {
  draw_title(w, spec.title, "Mã hồ sơ: " + f.dossier_code);
  w.paragraph({{"Kính gửi: ", {}}, {f.applicant.name, {.bold = true}}},
              {.size_pt = 13, .align = Align::kCenter, .space_after_pt = 8});
  labelled(w, "Địa chỉ: ", f.applicant.address);
  w.paragraph("Ngày " + short_date(f.received_at) + ", " + f.header.agency +
                  " tiếp nhận hồ sơ của ông/bà, mã hồ sơ " + f.dossier_code +
                  ", đề nghị giải quyết: " + f.request + ".",
              kJustified);
  w.paragraph(f.header.agency + " thông báo dừng giải quyết hồ sơ nêu trên. Lý do: " + f.reason, kJustified);
  w.paragraph("Xin thông báo để ông/bà được biết.", kJustified);
  return std::optional(
      draw_signatures(w, std::nullopt, {f.head.title, "(Ký, ghi rõ họ tên và đóng dấu)", f.head.name}));
}

FormBodyResult draw_control_slip(PdfDocumentWriter& w, const FormSpec& spec, const app::ControlSlipForm& f) {
  draw_title(w, spec.title);
  labelled(w, "Kèm theo hồ sơ của: ", f.applicant.name);
  labelled(w, "Mã hồ sơ: ", f.dossier_code);
  labelled(w, "Ngày, giờ nhận hồ sơ: ", time_and_date(f.received_at));
  labelled(w, "Ngày hẹn trả kết quả: ", time_and_date(f.due_at));
  labelled(w, "Cơ quan (bộ phận) giải quyết hồ sơ: ", f.handling_unit);
  if (!f.coordinating_units.empty()) labelled(w, "Cơ quan phối hợp giải quyết hồ sơ: ", f.coordinating_units);
  Table t;
  t.columns = {column("TÊN CƠ QUAN", 2.2, Align::kLeft),
               column("THỜI GIAN GIAO, NHẬN HỒ SƠ", 3.2, Align::kLeft),
               column("KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)", 1.8, Align::kCenter),
               column("GHI CHÚ", 1.2, Align::kLeft)};
  for (const auto& s : f.steps) {
    t.rows.push_back(
        {"1. Giao: " + s.from_unit + "\n2. Nhận: " + s.to_unit,
         time_and_long_date(s.handed_at) + "\nNgười giao: " + s.giver + "\nNgười nhận: " + s.receiver,
         std::string(step_result_text(s.result)), s.note});
  }
  w.table(t);
  return std::optional<app::SignatureBox>();
}

FormBodyResult draw_tracking_book(PdfDocumentWriter& w, const FormSpec& spec,
                                  const app::TrackingBookForm& f) {
  draw_title(w, spec.title, f.period);
  Table t;
  t.size_pt = 9;
  t.padding_pt = 2;
  t.columns = {column("STT", 0.6, Align::kCenter),
               column("Mã hồ sơ", 3.5, Align::kLeft),
               column("Tên thủ tục hành chính", 1.7, Align::kLeft),
               column("Số lượng hồ sơ (bộ)", 0.8, Align::kCenter),
               column("Tên cá nhân, tổ chức", 1.7, Align::kLeft),
               column("Địa chỉ, số điện thoại", 1.5, Align::kLeft),
               column("Cơ quan chủ trì giải quyết", 1.4, Align::kLeft),
               column("Nhận hồ sơ", 1.4, Align::kCenter, "Ngày, tháng, năm"),
               column("Hẹn trả kết quả", 1.4, Align::kCenter, "Ngày, tháng, năm"),
               column("Chuyển hồ sơ đến cơ quan giải quyết", 1.4, Align::kCenter, "Ngày, tháng, năm"),
               column("Nhận kết quả từ cơ quan giải quyết", 1.4, Align::kCenter, "Ngày, tháng, năm"),
               column("Trả kết quả", 1.4, Align::kCenter, "Ngày, tháng, năm"),
               column("Ký nhận", 0.8, Align::kCenter),
               column("Ghi chú", 0.9, Align::kLeft)};
  auto opt_date = [](const std::optional<core::UnixSeconds>& v) {
    return v ? short_date(*v) : std::string();
  };
  std::size_t n = 0;
  for (const auto& r : f.rows)
    t.rows.push_back({std::to_string(++n), r.dossier_code, r.procedure, two_digit_count(r.dossier_sets),
                      r.applicant_name, r.address_phone, r.lead_agency, short_date(r.received_at),
                      short_date(r.due_at), opt_date(r.transferred_at), opt_date(r.result_received_at),
                      opt_date(r.returned_at), "", r.note});
  w.table(t);
  return std::optional<app::SignatureBox>();
}

}  // namespace motcua::adapters::pdf
