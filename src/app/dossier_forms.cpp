#include "app/dossier_forms.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "app/dossier_result.hpp"
#include "app/permissions.hpp"
#include "core/time.hpp"

namespace motcua::app {

using core::Error;
using domain::Dossier;
using domain::DossierEvent;
using domain::DossierState;

namespace {

struct FormInfo {
  DossierFormKind kind;
  const char* name;
  const char* file_prefix;
};

constexpr FormInfo kForms[] = {
    {DossierFormKind::kReceipt, "receipt", "tiep-nhan"},
    {DossierFormKind::kSupplementRequest, "supplement_request", "bo-sung"},
    {DossierFormKind::kRefusal, "refusal", "tu-choi"},
    {DossierFormKind::kApology, "apology", "xin-loi"},
    {DossierFormKind::kStopNotice, "stop_notice", "dung-giai-quyet"},
    {DossierFormKind::kControlSlip, "control_slip", "kiem-soat"},
};

const FormInfo& info(DossierFormKind k) {
  for (const auto& f : kForms)
    if (f.kind == k) return f;
  return kForms[0];
}

// The last event of `action`, or null.
const DossierEvent* last_event(const Dossier& d, std::string_view action) {
  for (auto it = d.history.rbegin(); it != d.history.rend(); ++it)
    if (it->action == action) return &*it;
  return nullptr;
}

const DossierEvent* first_received(const Dossier& d) {
  for (const auto& e : d.history)
    if (e.to_state == DossierState::kReceived) return &e;
  return nullptr;
}

// Where the dossier was when event `e` happened: the agency whose task it closed, else the agency the
// latest earlier hand-over sent it to, else the receiving desk.
std::string acting_agency(const Dossier& d, const DossierEvent& e) {
  if (!e.from_agency.empty()) return e.from_agency;
  std::string where = d.receiving_agency;
  for (const auto& h : d.history) {
    if (&h == &e) break;
    if (!h.to_agency.empty()) where = h.to_agency;
  }
  return where;
}

// A note's non-empty lines, trimmed: each is one item of a list on the form.
std::vector<std::string> note_lines(const std::string& note) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= note.size()) {
    const auto end = std::min(note.find('\n', start), note.size());
    std::string line = note.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos)
      out.push_back(line.substr(first, line.find_last_not_of(" \t\r") - first + 1));
    start = end + 1;
  }
  return out;
}

StepResult step_result(const std::optional<domain::calendar::Timeliness>& t) {
  if (!t) return StepResult::kNone;
  switch (*t) {
    case domain::calendar::Timeliness::kEarly:
      return StepResult::kEarly;
    case domain::calendar::Timeliness::kOnTime:
      return StepResult::kOnTime;
    case domain::calendar::Timeliness::kLate:
      return StepResult::kLate;
  }
  return StepResult::kNone;
}

ResultDelivery delivery_of(domain::Channel c) {
  switch (c) {
    case domain::Channel::kOnline:
      return ResultDelivery::kOnline;
    case domain::Channel::kPost:
      return ResultDelivery::kByPost;
    case domain::Channel::kDesk:
      break;
  }
  return ResultDelivery::kAtCounter;
}

// Reference lookups over FormSources, falling back to the raw code when an agency is gone.
class Lookup {
 public:
  explicit Lookup(const FormSources& s) : s_(s), d_(*s.dossier) {}

  std::string agency_name(const std::string& code) const {
    auto it = s_.agencies.find(code);
    return it == s_.agencies.end() ? code : it->second.name;
  }
  AgencyHeader header(const std::string& code, core::UnixSeconds at) const {
    AgencyHeader h;
    h.agency = agency_name(code);
    if (auto it = s_.agencies.find(code); it != s_.agencies.end() && !it->second.parent_code.empty())
      h.superior_agency = agency_name(it->second.parent_code);
    if (auto it = s_.places.find(code); it != s_.places.end()) h.place = it->second;
    h.issued_at = at;
    return h;
  }
  // The full name of whoever acted in `e` (the applicant's name when the applicant acted).
  std::string actor_name(const DossierEvent& e) const {
    if (e.actor == "applicant" || (e.actor_user_id != 0 && e.actor_user_id == d_.applicant.user_id))
      return d_.applicant.full_name;
    auto it = s_.full_names.find(e.actor);
    return it == s_.full_names.end() || it->second.empty() ? e.actor : it->second;
  }
  FormSignatory head_of(const std::string& code, const DossierEvent& e) const {
    auto it = s_.agencies.find(code);
    return {it == s_.agencies.end() ? "THỦ TRƯỞNG CƠ QUAN" : ResultIssuer::signatory_title(it->second),
            actor_name(e)};
  }

 private:
  const FormSources& s_;
  const Dossier& d_;
};

Error unavailable(DossierFormKind kind, const Dossier& d) {
  const std::string title = dossier_form_title(kind, form_set_of(d));
  return Error::not_found("dossier.form_unavailable",
                          "Hồ sơ " + d.code + " chưa có \"" + title +
                              "\" (trạng thái hiện tại: " + domain::dossier_state_label_vi(d.state) + ").",
                          "Dossier " + d.code + " has no \"" + dossier_form_name(kind) +
                              "\" form (state: " + domain::dossier_state_name(d.state) + ").");
}

// ---- the forms
// ---------------------------------------------------------------------------------------------

ReceiptForm receipt(const FormSources& s, const Lookup& l, const DossierEvent& received) {
  const Dossier& d = *s.dossier;
  ReceiptForm f;
  f.header = l.header(d.receiving_agency, d.received_at);
  f.dossier_code = d.code;
  f.applicant = form_applicant(d.applicant);
  f.request = s.procedure_name;
  std::map<std::string, int> files;  // component name -> number of files, in the dossier's order
  for (const auto& c : d.components) {
    if (files[c.name]++ == 0) f.documents.push_back({c.name, "Bản điện tử", 0});
  }
  for (auto& doc : f.documents) doc.quantity = files[doc.name];
  f.processing_time = s.time_limit ? time_limit_text(*s.time_limit) : "";
  f.received_at = d.received_at;
  f.due_at = d.original_due_at != 0 ? d.original_due_at : d.due_at;
  f.delivery = delivery_of(d.channel);
  if (d.fee_vnd > 0) f.fee_vnd = static_cast<std::uint64_t>(d.fee_vnd);
  f.book_volume = s.book_volume;
  f.book_sequence = s.book_sequence;
  f.receiver = {"", l.actor_name(received)};
  return f;
}

SupplementRequestForm supplement_request(const FormSources& s, const Lookup& l, const DossierEvent& e) {
  const Dossier& d = *s.dossier;
  SupplementRequestForm f;
  f.header = l.header(acting_agency(d, e), e.at);
  f.dossier_code = d.code;
  f.applicant = form_applicant(d.applicant);
  f.request = s.procedure_name;
  f.received_at = d.received_at != 0 ? d.received_at : d.submitted_at;
  f.items = note_lines(e.note);
  f.contact_name = l.actor_name(e);
  f.officer = {"", l.actor_name(e)};
  return f;
}

RefusalForm refusal(const FormSources& s, const Lookup& l, const DossierEvent& e) {
  const Dossier& d = *s.dossier;
  RefusalForm f;
  f.header = l.header(acting_agency(d, e), e.at);
  f.dossier_code = d.code;
  f.applicant = form_applicant(d.applicant);
  f.request = s.procedure_name;
  f.reasons = note_lines(e.note);
  f.officer = {"", l.actor_name(e)};
  return f;
}

ApologyForm apology(const FormSources& s, const Lookup& l, const DossierEvent& e) {
  const Dossier& d = *s.dossier;
  const std::string agency = acting_agency(d, e);
  ApologyForm f;
  f.header = l.header(agency, e.at);
  f.dossier_code = d.code;
  f.applicant = form_applicant(d.applicant);
  f.request = s.procedure_name;
  f.received_at = d.received_at;
  f.original_due_at = d.original_due_at;
  f.reason = e.note;
  f.new_due_at = d.due_at;
  f.head = l.head_of(agency, e);
  return f;
}

StopNoticeForm stop_notice(const FormSources& s, const Lookup& l, const DossierEvent& e) {
  const Dossier& d = *s.dossier;
  const std::string agency = acting_agency(d, e);
  StopNoticeForm f;
  f.header = l.header(agency, e.at);
  f.dossier_code = d.code;
  f.applicant = form_applicant(d.applicant);
  f.request = s.procedure_name;
  f.received_at = d.received_at != 0 ? d.received_at : d.submitted_at;
  f.reason = e.note;
  f.head = l.head_of(agency, e);
  return f;
}

// The unit a hand-over went to: the event's target, else (a consultation answer) the lead agency of the
// step it answered, else the desk (a finished dossier goes back to the one-stop section).
std::string handed_to(const Dossier& d, std::size_t i) {
  const DossierEvent& e = d.history[i];
  if (!e.to_agency.empty()) return e.to_agency;
  if (!domain::is_terminal(e.to_state) && e.to_state != DossierState::kCompleted) {
    for (std::size_t j = i; j-- > 0;)
      if (d.history[j].to_step == e.from_step && !d.history[j].to_agency.empty())
        return d.history[j].to_agency;
  }
  return d.receiving_agency;
}

// Who took the dossier over at `to`: the actor of the first later event there.
const DossierEvent* taken_over_by(const Dossier& d, std::size_t i, const std::string& to) {
  for (std::size_t j = i + 1; j < d.history.size(); ++j) {
    const DossierEvent& e = d.history[j];
    if (e.action == "issue_result") continue;
    if (e.from_agency == to || (e.from_agency.empty() && to == d.receiving_agency)) return &e;
  }
  return nullptr;
}

ControlSlipForm control_slip(const FormSources& s, const Lookup& l) {
  const Dossier& d = *s.dossier;
  ControlSlipForm f;
  f.header = l.header(d.receiving_agency, d.received_at);
  f.dossier_code = d.code;
  f.applicant = form_applicant(d.applicant);
  f.received_at = d.received_at;
  f.due_at = d.due_at;
  const DossierEvent* transfer = last_event(d, "transfer");
  f.handling_unit = l.agency_name(transfer ? transfer->to_agency : d.receiving_agency);
  std::set<std::string> consulted;
  for (std::size_t i = 0; i < d.history.size(); ++i) {
    const DossierEvent& e = d.history[i];
    if (e.action == "give_opinion" && consulted.insert(e.from_agency).second)
      f.coordinating_units += (f.coordinating_units.empty() ? "" : ", ") + l.agency_name(e.from_agency);
    if (e.from_agency.empty() || e.action == "receive" || e.action == "issue_result") continue;
    const std::string to = handed_to(d, i);
    const DossierEvent* next = taken_over_by(d, i, to);
    f.steps.push_back({l.agency_name(e.from_agency), l.actor_name(e), l.agency_name(to),
                       next ? l.actor_name(*next) : "", e.at, step_result(e.timeliness), e.note});
  }
  return f;
}

// A tracking-book row: the dates of the dossier's one-stop milestones from its history.
TrackingRow tracking_row(const Dossier& d, const std::string& procedure_name, const Lookup& l) {
  TrackingRow row;
  row.dossier_code = d.code;
  row.procedure = procedure_name;
  row.applicant_name = d.applicant.full_name;
  row.address_phone = d.applicant.address;
  if (!d.applicant.phone.empty())
    row.address_phone += (row.address_phone.empty() ? "" : ", ") + d.applicant.phone;
  const DossierEvent* transfer = last_event(d, "transfer");
  row.lead_agency = l.agency_name(transfer ? transfer->to_agency : d.receiving_agency);
  row.received_at = d.received_at;
  row.due_at = d.original_due_at != 0 ? d.original_due_at : d.due_at;
  if (transfer) row.transferred_at = transfer->at;
  for (const auto& e : d.history)
    if (e.to_state == DossierState::kCompleted && e.from_state != DossierState::kCompleted)
      row.result_received_at = e.at;
  if (const auto* returned = last_event(d, "return_result")) row.returned_at = returned->at;
  if (domain::is_terminal(d.state) && d.state != DossierState::kResultReturned)
    row.note = domain::dossier_state_label_vi(d.state);
  if (d.extended) row.note += std::string(row.note.empty() ? "" : "; ") + "Đã hẹn lại ngày trả";
  return row;
}

// 00:00 of the first day of `month` in Vietnam's time.
core::UnixSeconds month_start(int year, int month) {
  const core::Date first{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                         std::chrono::day{1}};
  return std::chrono::sys_days{first}.time_since_epoch().count() * 86400 - core::kVietnamUtcOffsetSeconds;
}

}  // namespace

const char* dossier_form_name(DossierFormKind k) {
  return info(k).name;
}

std::optional<DossierFormKind> parse_dossier_form(std::string_view name) {
  for (const auto& f : kForms)
    if (name == f.name) return f.kind;
  return std::nullopt;
}

std::string dossier_form_title(DossierFormKind k, FormSet set) {
  switch (k) {
    case DossierFormKind::kReceipt:
      return "Giấy tiếp nhận hồ sơ và hẹn trả kết quả";
    case DossierFormKind::kSupplementRequest:
      return "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ";
    case DossierFormKind::kRefusal:
      return "Phiếu từ chối tiếp nhận giải quyết hồ sơ";
    case DossierFormKind::kApology:
      return set == FormSet::k2018 ? "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
                                   : "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết";
    case DossierFormKind::kStopNotice:
      return "Thông báo dừng giải quyết hồ sơ";
    case DossierFormKind::kControlSlip:
      return "Phiếu kiểm soát quá trình giải quyết hồ sơ";
  }
  return "";
}

std::string dossier_form_file_name(DossierFormKind k, const std::string& code) {
  return std::string(info(k).file_prefix) + "-" + code + ".pdf";
}

FormSet form_set_of(const Dossier& d) {
  return d.rule_version == "2018" ? FormSet::k2018 : FormSet::k2025;
}

std::vector<DossierFormKind> available_forms(const Dossier& d) {
  std::vector<DossierFormKind> out;
  const bool received = d.received_at != 0 && first_received(d) != nullptr;
  if (received) out.push_back(DossierFormKind::kReceipt);
  if (last_event(d, "request_supplement")) out.push_back(DossierFormKind::kSupplementRequest);
  if (d.state == DossierState::kRefused && last_event(d, "refuse")) out.push_back(DossierFormKind::kRefusal);
  if (d.extended && last_event(d, "extend")) out.push_back(DossierFormKind::kApology);
  if (d.state == DossierState::kStopped && form_set_of(d) == FormSet::k2025 && last_event(d, "stop"))
    out.push_back(DossierFormKind::kStopNotice);
  if (received) out.push_back(DossierFormKind::kControlSlip);
  return out;
}

Applicant form_applicant(const domain::Applicant& a) {
  const bool organisation = a.kind == domain::ApplicantKind::kOrganisation && !a.tax_code.empty();
  return {a.full_name, organisation ? a.tax_code : a.personal_id, a.address, a.phone, a.email};
}

std::string time_limit_text(const domain::TimeLimit& limit) {
  if (limit.value == 0 && limit.unit == domain::TimeLimitUnit::kWorkingDays) return "Trong ngày";
  return std::to_string(limit.value) + " " + domain::time_limit_unit_label_vi(limit.unit);
}

core::Result<FormData> build_dossier_form(DossierFormKind kind, const FormSources& s) {
  const Dossier& d = *s.dossier;
  const auto forms = available_forms(d);
  if (std::find(forms.begin(), forms.end(), kind) == forms.end()) return unavailable(kind, d);
  const Lookup l(s);
  switch (kind) {
    case DossierFormKind::kReceipt:
      return FormData{receipt(s, l, *first_received(d))};
    case DossierFormKind::kSupplementRequest:
      return FormData{supplement_request(s, l, *last_event(d, "request_supplement"))};
    case DossierFormKind::kRefusal:
      return FormData{refusal(s, l, *last_event(d, "refuse"))};
    case DossierFormKind::kApology:
      return FormData{apology(s, l, *last_event(d, "extend"))};
    case DossierFormKind::kStopNotice:
      return FormData{stop_notice(s, l, *last_event(d, "stop"))};
    case DossierFormKind::kControlSlip:
      return FormData{control_slip(s, l)};
  }
  return unavailable(kind, d);
}

core::Result<FormSources> DossierForms::sources_for(const DossierView& view, DossierFormKind kind) {
  const Dossier& d = view.dossier;
  FormSources s;
  s.dossier = &d;
  s.procedure_name = view.procedure_name;
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    if (auto p = r.procedures().find(d.procedure_code)) s.time_limit = p->time_limit;
    std::set<std::string> involved = {d.receiving_agency};
    for (const auto& e : d.history) {
      involved.insert(e.from_agency);
      involved.insert(e.to_agency);
    }
    involved.erase("");
    const core::Date on = core::vietnam_date_of(d.received_at != 0 ? d.received_at : d.submitted_at);
    for (const auto& code : involved) {
      auto agency = r.agencies().find(code);
      if (!agency) continue;  // an agency deleted since: the forms print its code
      if (auto unit = r.units().find(agency->unit_code, on)) s.places[code] = domain::place_name(*unit);
      if (!agency->parent_code.empty() && !s.agencies.count(agency->parent_code)) {
        if (auto parent = r.agencies().find(agency->parent_code)) s.agencies.emplace(parent->code, *parent);
      }
      s.agencies.emplace(code, std::move(*agency));
    }
    if (kind == DossierFormKind::kReceipt && d.received_at != 0) {
      // The receipt's "Vào Sổ theo dõi hồ sơ": the desk's monthly book (tracking_book) and the line there.
      const core::Date day = core::vietnam_date_of(d.received_at);
      const int year = static_cast<int>(day.year());
      const int month = static_cast<int>(static_cast<unsigned>(day.month()));
      auto line =
          r.dossiers().received_position(d.receiving_agency, month_start(year, month), d.received_at, d.code);
      if (!line) return line.error();
      char volume[16];
      std::snprintf(volume, sizeof volume, "%02d/%04d", month, year);
      s.book_volume = volume;
      s.book_sequence = std::to_string(*line);
    }
    for (const auto& e : d.history) {
      if (e.actor == "applicant" || s.full_names.count(e.actor)) continue;
      auto user = r.users().find_by_username(e.actor);
      s.full_names[e.actor] = user ? user->user.full_name : e.actor;
    }
    return {};
  }));
  return s;
}

core::Result<TrackingBookForm> DossierForms::tracking_form(const TrackingBookQuery& q) {
  const core::UnixSeconds from = month_start(q.year, q.month);
  const core::UnixSeconds to = q.month == 12 ? month_start(q.year + 1, 1) : month_start(q.year, q.month + 1);
  TrackingBookForm book;
  book.period = "Tháng " + std::to_string(q.month) + " năm " + std::to_string(q.year);
  std::vector<Dossier> received;
  FormSources s;
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    auto rows = r.dossiers().received_by(q.agency_code, from, to);
    if (!rows) return rows.error();
    received = std::move(*rows);
    auto agencies = r.agencies().list();
    if (!agencies) return agencies.error();
    for (auto& a : *agencies) s.agencies.emplace(a.code, std::move(a));
    if (!s.agencies.count(q.agency_code)) {
      return Error::not_found("agency.not_found", "Không có cơ quan mã " + q.agency_code + ".",
                              "No agency " + q.agency_code + ".");
    }
    std::map<std::string, std::string> names;
    for (const auto& d : received) {
      if (!names.count(d.procedure_code)) {
        auto p = r.procedures().find(d.procedure_code);
        names[d.procedure_code] = p ? p->name : d.procedure_code;
      }
    }
    Dossier none;
    s.dossier = &none;
    const Lookup l(s);
    for (const auto& d : received) book.rows.push_back(tracking_row(d, names[d.procedure_code], l));
    book.header = l.header(q.agency_code, dossiers_.now());
    if (auto a = s.agencies.find(q.agency_code); a != s.agencies.end()) {
      if (auto unit = r.units().find(a->second.unit_code, core::vietnam_date_of(dossiers_.now())))
        book.header.place = domain::place_name(*unit);
    }
    return {};
  }));
  return book;
}

core::Result<FormFile> DossierForms::tracking_book(const Actor& actor, const TrackingBookQuery& q) {
  MOTCUA_RETURN_IF_ERROR(permissions::require_signed_in(actor));
  MOTCUA_RETURN_IF_ERROR(domain::validate_agency_code(q.agency_code, "agency"));
  if (q.year < 2000 || q.year > 2100 || q.month < 1 || q.month > 12) {
    return Error::invalid("tracking_book.month", "Tháng phải có dạng YYYY-MM, từ 2000-01 đến 2100-12.",
                          "The month must look like YYYY-MM, from 2000-01 to 2100-12.", "month");
  }
  const bool allowed = actor.has_role(domain::Role::kAdministrator) ||
                       actor.has_role(domain::Role::kSupervisor) ||
                       std::any_of(actor.roles.begin(), actor.roles.end(),
                                   [&](const auto& r) { return r.agency_code == q.agency_code; });
  if (!allowed) {
    const Error denied{
        core::ErrorCode::kPermissionDenied,
        "tracking_book.not_allowed",
        "Chỉ cán bộ của cơ quan " + q.agency_code + " được xem sổ theo dõi hồ sơ của cơ quan này.",
        "Only officials of " + q.agency_code + " may read its tracking book.",
        {}};
    auth_.audit_denial(actor, "dossier.tracking_book", "agency:" + q.agency_code, denied, "");
    return denied;
  }
  auto book = tracking_form(q);
  if (!book) return book.error();
  auto rendered = renderer_.render_pdf(FormSet::k2025, FormData{std::move(*book)});
  if (!rendered) return rendered.error();
  char name[64];
  std::snprintf(name, sizeof name, "so-theo-doi-%s-%04d-%02d.pdf", q.agency_code.c_str(), q.year, q.month);
  return FormFile{std::move(rendered->pdf), name};
}

core::Result<FormFile> DossierForms::render(const Actor& actor, const std::string& code,
                                            DossierFormKind kind) {
  auto view = dossiers_.get(actor, code);
  if (!view) return view.error();
  auto sources = sources_for(*view, kind);
  if (!sources) return sources.error();
  auto form = build_dossier_form(kind, *sources);
  if (!form) return form.error();
  auto rendered = renderer_.render_pdf(form_set_of(view->dossier), *form);
  if (!rendered) return rendered.error();
  return FormFile{std::move(rendered->pdf), dossier_form_file_name(kind, code)};
}

}  // namespace motcua::app
