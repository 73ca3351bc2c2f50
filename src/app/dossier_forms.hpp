// DossierForms: the official forms of a dossier's one-stop process as PDFs (issue 4 item 5, issue 5 item 1),
// filled from the dossier itself, so that the desk officer prints and the applicant downloads the paper the
// law prescribes for each step (Circular 01/2018/TT-VPCP; Circular 03/2025/TT-VPCP for dossiers under Decree
// 118/2025, following the dossier's rule version):
//
//   receipt             Mẫu 01  Giấy tiếp nhận hồ sơ và hẹn trả kết quả      once the dossier is received
//   supplement_request  Mẫu 02  Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ      after a supplementation request
//   refusal             Mẫu 03  Phiếu từ chối tiếp nhận giải quyết hồ sơ     once refused
//   apology             Mẫu 04  Phiếu xin lỗi và hẹn lại ngày trả kết quả    once the appointment is extended
//                               (2025: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết)
//   stop_notice         Mẫu 05  Thông báo dừng giải quyết hồ sơ (2025 only)  once stopped
//   control_slip        Mẫu 05 (2018) / 06 (2025) Phiếu kiểm soát quá trình giải quyết hồ sơ, once received
//
// and, per one-stop desk and month, the tracking book (Mẫu 06 / 07 Sổ theo dõi hồ sơ) of every dossier the
// desk received that month, with its transfer, result and return dates.
//
// Forms are rendered on demand from the stored history (who acted, where, when, with which note), so they
// always agree with the process-control log; nothing is stored. Who may download a form: whoever may read
// the dossier (the applicant, officials of its units, administrators and supervisors).
//
//   DossierForms forms(store, dossiers, renderer);
//   auto pdf = forms.render(actor, "000.01.21.H38-261206-0001", DossierFormKind::kReceipt);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/documents_port.hpp"
#include "app/dossier_service.hpp"
#include "domain/dossier/dossier.hpp"
#include "domain/organisation.hpp"
#include "domain/procedure.hpp"

namespace motcua::app {

enum class DossierFormKind { kReceipt, kSupplementRequest, kRefusal, kApology, kStopNotice, kControlSlip };

const char* dossier_form_name(DossierFormKind k);  // "receipt", "supplement_request", ...
std::optional<DossierFormKind> parse_dossier_form(std::string_view name);
// The form's title in the set in force: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"...
std::string dossier_form_title(DossierFormKind k, FormSet set);
// The downloaded file's name: "tiep-nhan-<code>.pdf", "kiem-soat-<code>.pdf"...
std::string dossier_form_file_name(DossierFormKind k, const std::string& code);

// The form set in force for a dossier's rule version ("2018" -> 2018, anything later -> 2025).
FormSet form_set_of(const domain::Dossier& d);

// The forms the dossier's history has produced so far, in the order of the table above.
std::vector<DossierFormKind> available_forms(const domain::Dossier& d);

// What a form is filled from besides the dossier: reference data read in one transaction.
struct FormSources {
  const domain::Dossier* dossier = nullptr;
  std::string procedure_name;
  std::optional<domain::TimeLimit> time_limit;     // the procedure's, when it is still in the catalogue
  std::map<std::string, domain::Agency> agencies;  // by identifier code
  std::map<std::string, std::string> places;       // agency code -> place on the date line ("Lào Cai")
  std::map<std::string, std::string> full_names;   // username -> full name
  std::string book_volume;                         // the receiving desk's tracking book: its month, "06/2026"
  std::string book_sequence;                       // the dossier's line in it, "37"
};

// The applicant as the forms print them (the tax code of an organisation, else the personal ID).
Applicant form_applicant(const domain::Applicant& a);
// "1 ngày làm việc", "Trong ngày", "8 giờ làm việc", "15 ngày", "2 tháng".
std::string time_limit_text(const domain::TimeLimit& limit);

// Fills form `kind` (pure). NotFound "dossier.form_unavailable" when the history has not produced it.
core::Result<FormData> build_dossier_form(DossierFormKind kind, const FormSources& sources);

struct FormFile {
  std::string pdf;
  std::string file_name;
};

// One month of a desk's tracking book.
struct TrackingBookQuery {
  std::string agency_code;  // the desk (one-stop section) that received the dossiers
  int year = 0;             // 2000..2100
  int month = 0;            // 1..12
};

class DossierForms {
 public:
  DossierForms(Store& store, AuthService& auth, DossierService& dossiers, FormRenderer& renderer)
      : store_(store), auth_(auth), dossiers_(dossiers), renderer_(renderer) {}
  DossierForms(const DossierForms&) = delete;
  DossierForms& operator=(const DossierForms&) = delete;

  // The PDF of form `kind` of dossier `code`. Unauthenticated / PermissionDenied as reading the dossier
  // (denials audited), NotFound for an unknown dossier or a form its history has not produced.
  core::Result<FormFile> render(const Actor& actor, const std::string& code, DossierFormKind kind);

  // The tracking book of the dossiers `q.agency_code` received in the month (Vietnam time), oldest first, in
  // the 2025 form set (Mẫu 07). For officials of that agency, administrators and supervisors
  // (PermissionDenied otherwise, audited); InvalidArgument naming "month" for a month outside 2000-2100.
  core::Result<FormFile> tracking_book(const Actor& actor, const TrackingBookQuery& q);

 private:
  // What form `kind` prints beyond the dossier itself (the tracking-book line only for the receipt).
  core::Result<FormSources> sources_for(const DossierView& view, DossierFormKind kind);
  core::Result<TrackingBookForm> tracking_form(const TrackingBookQuery& q);

  Store& store_;
  AuthService& auth_;
  DossierService& dossiers_;
  FormRenderer& renderer_;
};

}  // namespace motcua::app
