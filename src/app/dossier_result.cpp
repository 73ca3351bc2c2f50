#include "app/dossier_result.hpp"

#include <cstdio>

#include "app/dossier_forms.hpp"
#include "core/time.hpp"

namespace motcua::app {

using core::Error;
using core::ErrorCode;

namespace {

// Decree 30/2020 Appendix I asks for the seal at its real size; the demo seals are drawn for 30 mm (the real
// size of an agency's scanned seal is not in the data model yet).
constexpr double kSealMm = 30;

// A declared value as an official document writes it: dates as dd/mm/yyyy (stored as YYYY-MM-DD).
std::string document_value(const domain::FormField& field, const std::string& value) {
  if (field.type != domain::FieldType::kDate) return value;
  const auto date = core::parse_date(value);
  return date ? core::format_date_vn(*date) : value;
}

// The declaration's values in the order and with the labels of the procedure's form; values of fields the
// form no longer has are left out.
std::vector<ResultParticular> particulars_of(const domain::Dossier& d, const domain::WorkflowDefinition& wf) {
  std::vector<ResultParticular> out;
  for (const auto& field : wf.form) {
    auto it = d.declaration.find(field.key);
    if (it == d.declaration.end() || it->second.empty()) continue;
    out.push_back({field.label, document_value(field, it->second)});
  }
  return out;
}

Error missing_certificate(const Error& cause, const std::string& id, const std::string& vi,
                          const std::string& en) {
  if (cause.code != ErrorCode::kNotFound) return cause;
  return Error{ErrorCode::kFailedPrecondition, id, vi, en, {}};
}

}  // namespace

FormSet ResultIssuer::form_set(const domain::Dossier& dossier) {
  return form_set_of(dossier);
}

std::string ResultIssuer::signatory_title(const domain::Agency& agency) {
  switch (agency.kind) {
    case domain::AgencyKind::kPeopleCommittee:
      return "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
    case domain::AgencyKind::kDepartment:
      return "GIÁM ĐỐC";
    case domain::AgencyKind::kOneStopSection:
    case domain::AgencyKind::kOther:
      break;
  }
  return "THỦ TRƯỞNG CƠ QUAN";
}

ResultDocumentForm ResultIssuer::form_for(const ResultRequest& request, const std::string& signer_name) {
  const domain::Dossier& d = *request.dossier;
  ResultDocumentForm f;
  f.header = {request.superior_agency, request.agency.name, "", request.place, request.now};
  f.dossier_code = d.code;
  f.applicant = form_applicant(d.applicant);
  f.procedure = request.procedure_name;
  f.procedure_code = d.procedure_code;
  f.received_at = d.received_at != 0 ? d.received_at : d.submitted_at;
  f.particulars = particulars_of(d, *request.workflow);
  f.decision = request.agency.name +
               " đã xem xét, giải quyết hồ sơ và chấp thuận đề nghị của ông/bà/tổ chức " +
               d.applicant.full_name + " theo đúng quy định.";
  f.opinion = request.opinion;
  f.recipients = {"Ông/bà/tổ chức " + d.applicant.full_name + ";", "Lưu: VT, hồ sơ " + d.code + "."};
  f.signatory = {signatory_title(request.agency), signer_name};
  return f;
}

core::Result<domain::ResultDocument> ResultIssuer::issue(const ResultRequest& request) {
  const domain::Dossier& d = *request.dossier;
  const Actor& leader = *request.leader;
  auto personal = keys_.personal(leader.username);
  if (!personal) {
    const std::string who = leader.full_name.empty() ? leader.username : leader.full_name;
    return missing_certificate(
        personal.error(), "result.no_leader_certificate",
        "Lãnh đạo " + who + " chưa có chứng thư số cá nhân để ký kết quả hồ sơ " + d.code +
            "; hồ sơ chưa được phê duyệt. Đề nghị quản trị hệ thống cấp hoặc nhập chứng thư số.",
        "The leader " + leader.username + " has no personal signing certificate to sign the result of " +
            d.code + "; the dossier was not approved. Ask the administrator to issue or import one.");
  }
  auto seal = keys_.seal(request.agency.code);
  if (!seal) {
    return missing_certificate(seal.error(), "result.no_seal_certificate",
                               request.agency.name +
                                   " chưa có chứng thư số tổ chức (con dấu) để đóng dấu kết quả hồ sơ " +
                                   d.code + "; hồ sơ chưa được phê duyệt.",
                               "The agency " + request.agency.code +
                                   " has no organisation (seal) certificate to seal the result of " + d.code +
                                   "; the dossier was not approved.");
  }
  const std::string signer_name = (*personal)->summary().common_name;
  const FormSet set = form_set(d);
  auto form = renderer_.render_result(set, form_for(request, signer_name));
  if (!form) return form.error();
  if (!form->signature_box) return Error::internal("the result form has no signing space");
  auto signed_once =
      (*personal)->sign_pdf(form->pdf, {.box = *form->signature_box,
                                        .reason = "Phê duyệt kết quả giải quyết hồ sơ " + d.code,
                                        .location = request.place});
  if (!signed_once) return signed_once.error();
  auto sealed = (*seal)->sign_pdf(*signed_once, {.box = seal_box_over(*form->signature_box, kSealMm),
                                                 .reason = "Đóng dấu " + request.agency.name,
                                                 .location = request.place});
  if (!sealed) return sealed.error();
  auto ref = blobs_.put(*sealed);
  if (!ref) return ref.error();
  domain::ResultDocument out;
  out.title = "Thông báo kết quả giải quyết thủ tục hành chính";
  out.sha256 = ref->sha256;
  out.size = ref->size;
  out.issued_at = request.now;
  out.agency_code = request.agency.code;
  out.signed_by = signer_name;
  out.sealed_by = (*seal)->summary().common_name;
  return out;
}

}  // namespace motcua::app
