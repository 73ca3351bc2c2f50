// Realistic sample data for every official form, used by the tests and benchmarks of the PDF and signature
// adapters. Test-only.
#pragma once

#include "app/documents_port.hpp"
#include "core/time.hpp"

namespace motcua::adapters::testing {

inline core::UnixSeconds at(const char* rfc3339) {
  return core::parse_instant(rfc3339).value_or(0);
}

inline app::AgencyHeader sample_header() {
  return {"UBND TỈNH LÀO CAI", "SỞ TƯ PHÁP", "", "Lào Cai", at("2026-03-10T10:15:00+07:00")};
}

inline app::Applicant sample_applicant() {
  return {"Nguyễn Thị Hương", "001095012345", "Số 12, đường Hoàng Liên, phường Cốc Lếu, tỉnh Lào Cai",
          "0912345678", "huong.nt@example.vn"};
}

inline app::ReceiptForm sample_receipt() {
  app::ReceiptForm f;
  f.header = sample_header();
  f.dossier_code = "000.00.01.H29-260310-0420";
  f.applicant = sample_applicant();
  f.request = "Chứng thực bản sao từ bản chính giấy tờ, văn bản";
  f.documents = {{"Bản chính giấy tờ, văn bản cần chứng thực", "Bản chính", 1},
                 {"Bản sao cần chứng thực (05 trang)", "Bản sao", 2}};
  f.dossier_sets = 1;
  f.processing_time = "1 ngày làm việc";
  f.received_at = at("2026-03-10T10:15:00+07:00");
  f.due_at = at("2026-03-11T15:00:00+07:00");
  f.delivery = app::ResultDelivery::kAtCounter;
  f.fee_vnd = 7000;
  f.book_volume = "01";
  f.book_sequence = "420";
  f.receiver = {"", "Lê Văn Minh"};
  return f;
}

inline app::SupplementRequestForm sample_supplement() {
  app::SupplementRequestForm f;
  f.header = sample_header();
  f.dossier_code = "000.00.01.H29-260310-0421";
  f.applicant = sample_applicant();
  f.request = "Đăng ký khai sinh";
  f.received_at = at("2026-03-10T09:00:00+07:00");
  f.items = {"Bản sao Giấy chứng nhận kết hôn của cha, mẹ", "Giấy chứng sinh bản chính"};
  f.reason = "Hồ sơ thiếu giấy tờ chứng minh quan hệ cha, mẹ, con theo quy định.";
  f.contact_name = "bà Phạm Thu Trang";
  f.contact_phone = "0214 3840 123";
  f.officer = {"", "Lê Văn Minh"};
  return f;
}

inline app::RefusalForm sample_refusal() {
  app::RefusalForm f;
  f.header = sample_header();
  f.applicant = sample_applicant();
  f.request = "Cấp Phiếu lý lịch tư pháp số 1";
  f.reasons = {"Người yêu cầu không thuộc đối tượng được cấp Phiếu lý lịch tư pháp tại cơ quan này.",
               "Yêu cầu đã được giải quyết tại Trung tâm Lý lịch tư pháp quốc gia."};
  f.officer = {"", "Lê Văn Minh"};
  return f;
}

inline app::ApologyForm sample_apology() {
  app::ApologyForm f;
  f.header = sample_header();
  f.header.document_number = "Số: 15/PXL-STP";
  f.dossier_code = "000.00.01.H29-260310-0420";
  f.applicant = sample_applicant();
  f.request = "Cấp Phiếu lý lịch tư pháp số 2";
  f.received_at = at("2026-03-02T08:30:00+07:00");
  f.original_due_at = at("2026-03-09T16:00:00+07:00");
  f.reason = "cơ quan phối hợp chưa có văn bản trả lời xác minh.";
  f.new_due_at = at("2026-03-16T16:00:00+07:00");
  f.head = {"KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Trần Quốc Bảo"};
  return f;
}

inline app::StopNoticeForm sample_stop_notice() {
  app::StopNoticeForm f;
  f.header = sample_header();
  f.header.document_number = "Số: 07/TB-STP";
  f.dossier_code = "000.00.01.H29-260302-0105";
  f.applicant = sample_applicant();
  f.request = "Đăng ký kết hôn có yếu tố nước ngoài";
  f.received_at = at("2026-03-02T08:30:00+07:00");
  f.reason = "người yêu cầu đã có văn bản đề nghị rút hồ sơ.";
  f.head = {"GIÁM ĐỐC", "Đỗ Thị Lan"};
  return f;
}

inline app::ControlSlipForm sample_control_slip() {
  app::ControlSlipForm f;
  f.header = sample_header();
  f.dossier_code = "000.00.01.H29-260310-0420";
  f.applicant = sample_applicant();
  f.received_at = at("2026-03-10T10:15:00+07:00");
  f.due_at = at("2026-03-17T16:00:00+07:00");
  f.handling_unit = "Phòng Hành chính tư pháp";
  f.coordinating_units = "Công an tỉnh Lào Cai";
  f.steps = {{"Bộ phận Một cửa", "Lê Văn Minh", "Phòng Hành chính tư pháp", "Vũ Thị Mai",
              at("2026-03-10T14:00:00+07:00"), app::StepResult::kEarly, ""},
             {"Phòng Hành chính tư pháp", "Vũ Thị Mai", "Lãnh đạo Sở", "Trần Quốc Bảo",
              at("2026-03-13T09:30:00+07:00"), app::StepResult::kOnTime, ""},
             {"Lãnh đạo Sở", "Trần Quốc Bảo", "Bộ phận Một cửa", "Lê Văn Minh",
              at("2026-03-18T08:00:00+07:00"), app::StepResult::kLate, "Chờ xác minh"}};
  return f;
}

inline app::TrackingBookForm sample_tracking_book(int rows) {
  app::TrackingBookForm f;
  f.header = sample_header();
  f.period = "Tháng 3 năm 2026";
  for (int i = 0; i < rows; ++i) {
    app::TrackingRow r;
    r.dossier_code = "000.00.01.H29-260310-" + std::string(i < 9 ? "000" : "00") + std::to_string(i + 1);
    r.procedure = i % 2 == 0 ? "Chứng thực bản sao từ bản chính" : "Đăng ký khai sinh";
    r.applicant_name = i % 3 == 0 ? "Nguyễn Thị Hương" : "Hoàng Văn Đức";
    r.address_phone = "Phường Cốc Lếu, 0912345678";
    r.lead_agency = "Sở Tư pháp";
    r.received_at = at("2026-03-10T10:15:00+07:00");
    r.due_at = at("2026-03-11T15:00:00+07:00");
    if (i % 2 == 0) r.returned_at = at("2026-03-11T10:00:00+07:00");
    f.rows.push_back(r);
  }
  return f;
}

}  // namespace motcua::adapters::testing
