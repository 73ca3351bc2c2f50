// DossierService: the signed result of a dossier (issuing it on approval, downloading it). See
// dossier_result.hpp for how the document is made.
#include "app/dossier_service.hpp"
#include "app/permissions.hpp"
#include "core/time.hpp"

namespace motcua::app {

using core::Error;
using core::ErrorCode;
using domain::Dossier;

namespace {

// The agency whose step the actor completes: the task of the step whose `action` completes processing and
// where the actor holds the step's role; else the first task's agency.
std::string approving_agency(const Actor& actor, const Dossier& before, const domain::WorkflowDefinition& wf,
                             const std::string& action) {
  for (const auto& t : before.tasks) {
    const auto* step = wf.step(t.step_id);
    if (!step || t.branch >= 0) continue;
    auto it = step->actions.find(action);
    if (it != step->actions.end() && it->second == domain::kCompleteTarget &&
        actor.has_role_in(t.role, t.agency_code))
      return t.agency_code;
  }
  return before.tasks.empty() ? before.receiving_agency : before.tasks.front().agency_code;
}

std::string result_note(const domain::ResultDocument& r) {
  return "Văn bản kết quả đã ký số bởi " + r.signed_by + ", đóng dấu " + r.sealed_by + " (SHA-256 " +
         r.sha256 + ").";
}

}  // namespace

core::Result<DossierService::ResultPlan> DossierService::plan_result(Repositories& r, const Actor& actor,
                                                                     const Dossier& before,
                                                                     const domain::WorkflowDefinition& wf,
                                                                     const std::string& action) {
  const std::string code = approving_agency(actor, before, wf, action);
  auto list = agencies(r, false);
  if (!list) return list.error();
  auto find = [&](const std::string& c) -> const domain::Agency* {
    for (const auto& a : **list)
      if (a.code == c) return &a;
    return nullptr;
  };
  if (!find(code)) {
    list = agencies(r, true);
    if (!list) return list.error();
  }
  const auto* agency = find(code);
  if (!agency) {
    return Error::not_found("result.agency_unknown", "Không có cơ quan mã " + code + " để ban hành kết quả.",
                            "No agency " + code + " to issue the result.");
  }
  ResultPlan plan;
  plan.agency = *agency;
  if (const auto* parent = find(agency->parent_code)) plan.superior_agency = parent->name;
  auto unit = r.units().find(agency->unit_code, core::vietnam_date_of(clock_.now()));
  if (unit) plan.place = domain::place_name(*unit);
  return plan;
}

core::Status DossierService::attach_result(const Actor& actor, const ResultPlan& plan,
                                           const domain::WorkflowDefinition& wf,
                                           const std::string& procedure_name, const std::string& opinion,
                                           core::UnixSeconds now, domain::Transition& t) {
  ResultRequest request;
  request.dossier = &t.dossier;
  request.workflow = &wf;
  request.procedure_name = procedure_name;
  request.agency = plan.agency;
  request.superior_agency = plan.superior_agency;
  request.place = plan.place;
  request.leader = &actor;
  request.opinion = opinion;
  request.now = now;
  auto document = results_->issue(request);
  if (!document) return document.error();
  domain::DossierEvent e;
  e.at = now;
  e.actor_user_id = actor.user_id;
  e.actor = actor.username;
  e.action = "issue_result";
  e.from_state = e.to_state = t.dossier.state;
  e.from_agency = e.to_agency = plan.agency.code;
  e.note = result_note(*document);
  t.dossier.result = std::move(*document);
  t.dossier.history.push_back(e);
  t.events.push_back(std::move(e));
  return {};
}

core::Result<ResultFile> DossierService::result(const Actor& actor, const std::string& code) {
  MOTCUA_RETURN_IF_ERROR(permissions::require_signed_in(actor));
  Dossier d;
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    auto found = r.dossiers().find(code);
    if (!found) return found.error();
    d = std::move(*found);
    return {};
  }));
  if (auto st = check_can_view(actor, d); !st) {
    auth_.audit_denial(actor, "dossier.result", "dossier:" + code, st.error(), "");
    return st.error();
  }
  if (!d.result) {
    return Error::not_found(
        "dossier.no_result",
        "Hồ sơ " + code + " chưa có kết quả được ký số: kết quả chỉ có sau khi lãnh đạo phê duyệt.",
        "Dossier " + code + " has no signed result yet: it exists once a leader approves the dossier.");
  }
  auto pdf = blobs_.get(d.result->sha256);
  if (!pdf) {
    if (pdf.error().code == ErrorCode::kNotFound)
      return Error::internal("the signed result " + d.result->sha256 + " of " + code + " is missing");
    return pdf.error();
  }
  return ResultFile{*d.result, std::move(*pdf), "ket-qua-" + code + ".pdf"};
}

}  // namespace motcua::app
