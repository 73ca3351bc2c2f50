#include "app/dossier_service.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "app/dossier_codec.hpp"
#include "app/json_writer.hpp"
#include "app/permissions.hpp"
#include "core/await.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "domain/dossier/personal_id.hpp"

namespace motcua::app {

using core::Error;
using core::ErrorCode;
using domain::Dossier;
using domain::DossierState;
using domain::Role;

domain::Party party_of(const Actor& actor) {
  return {actor.user_id, actor.username, actor.roles};
}

// Working calendars for one action: keeps every calendar it hands out alive until the action is done. Used
// inside a transaction, it is given that transaction's repositories (see CalendarService::calendar).
class DossierService::Calendars final : public domain::CalendarLookup {
 public:
  explicit Calendars(CalendarService& svc) : svc_(svc) {}
  // Reads what is not cached through `r` until the next call (nullptr: in a transaction of its own).
  void read_through(Repositories* r) { within_ = r; }
  core::Result<const domain::calendar::WorkingCalendar*> calendar_for(const std::string& agency) override {
    auto cal = svc_.calendar(agency, within_);
    if (!cal) return cal.error();
    held_.push_back(*cal);
    return held_.back().get();
  }

 private:
  CalendarService& svc_;
  Repositories* within_ = nullptr;
  std::vector<std::shared_ptr<const domain::calendar::WorkingCalendar>> held_;
};

DossierService::DossierService(Store& store, AuthService& auth, CatalogueService& catalogue,
                               CalendarService& calendars, BlobStore& blobs, FileSniffer& sniffer,
                               const core::Clock& clock, FileLimits limits, ResultIssuer* results)
    : store_(store),
      auth_(auth),
      catalogue_(catalogue),
      calendars_(calendars),
      blobs_(blobs),
      sniffer_(sniffer),
      clock_(clock),
      limits_(std::move(limits)),
      results_(results) {}

// ---- files
// -------------------------------------------------------------------------------------------------

core::Result<UploadedFile> DossierService::upload(const Actor& actor, std::string_view bytes) {
  MOTCUA_RETURN_IF_ERROR(permissions::require_signed_in(actor));
  if (bytes.empty()) {
    return Error::invalid("file.empty", "Tệp tải lên rỗng.", "The uploaded file is empty.", "file");
  }
  if (static_cast<std::int64_t>(bytes.size()) > limits_.max_bytes) {
    return Error{ErrorCode::kPayloadTooLarge, "file.too_large",
                 "Tệp vượt quá dung lượng cho phép " + std::to_string(limits_.max_bytes / (1 << 20)) + " MB.",
                 "The file is larger than " + std::to_string(limits_.max_bytes) + " bytes.", "file"};
  }
  const std::string type = sniffer_.sniff(bytes);
  if (std::find(limits_.allowed_types.begin(), limits_.allowed_types.end(), type) ==
      limits_.allowed_types.end()) {
    return Error::invalid("file.type_not_allowed",
                          "Loại tệp \"" + type + "\" không được chấp nhận; chỉ nhận PDF, JPEG hoặc PNG.",
                          "File type \"" + type + "\" is not accepted; only PDF, JPEG or PNG.", "file");
  }
  auto ref = blobs_.put(bytes);
  if (!ref) return ref.error();
  {
    std::lock_guard lock(cache_mutex_);
    if (file_meta_.size() > 100000) file_meta_.clear();
    file_meta_[ref->sha256] = {type, ref->size};
  }
  return UploadedFile{ref->sha256, ref->size, type};
}

// ---- submission
// --------------------------------------------------------------------------------------------

core::Result<domain::ProcedureTerms> DossierService::terms_for(const domain::Procedure& p) {
  using domain::TimeLimitUnit;
  using domain::calendar::LimitUnit;
  domain::ProcedureTerms t;
  t.limit.amount = p.time_limit.value;
  t.limit.cutoff_minute = p.time_limit.cutoff_minutes;
  switch (p.time_limit.unit) {
    case TimeLimitUnit::kWorkingDays:
      t.limit.unit = LimitUnit::kWorkingDays;
      break;
    case TimeLimitUnit::kWorkingHours:
      t.limit.unit = LimitUnit::kWorkingHours;
      break;
    case TimeLimitUnit::kDays:
      t.limit.unit = LimitUnit::kCalendarDays;
      break;
    case TimeLimitUnit::kMonths:
      t.limit.unit = LimitUnit::kMonths;
      break;
  }
  return t;
}

namespace {

core::Status validate_applicant(const domain::Applicant& a, int current_year) {
  if (a.full_name.empty() || core::utf8_length(a.full_name) > 200) {
    return Error::invalid(
        "dossier.applicant_name", "Họ tên người nộp / tên tổ chức không được để trống (tối đa 200 ký tự).",
        "The applicant's name is required (at most 200 characters).", "applicant.full_name");
  }
  if (a.kind == domain::ApplicantKind::kPerson || !a.personal_id.empty()) {
    auto id = domain::parse_personal_id(a.personal_id, current_year, "applicant.personal_id");
    if (!id) return id.error();
  }
  if (!a.commune_code.empty() &&
      (a.commune_code.size() != 5 || a.commune_code.find_first_not_of("0123456789") != std::string::npos)) {
    return Error::invalid("dossier.commune_code", "Mã xã/phường nơi cư trú phải gồm 5 chữ số.",
                          "The commune code must have 5 digits.", "applicant.commune_code");
  }
  return {};
}

std::int64_t total_fee(const domain::Procedure& p) {
  std::int64_t sum = 0;
  for (const auto& f : p.fees) sum += f.amount_vnd;
  return sum;
}

}  // namespace

core::Result<Dossier> DossierService::build_new(const Actor& actor, const SubmitInput& in,
                                                const domain::Procedure& p,
                                                const domain::WorkflowDefinition& wf) {
  const auto now = clock_.now();
  const auto today = core::vietnam_date_of(now);
  MOTCUA_RETURN_IF_ERROR(validate_applicant(in.applicant, static_cast<int>(today.year())));
  MOTCUA_RETURN_IF_ERROR(domain::validate_declaration(wf.form, in.declaration, today));
  Dossier d;
  d.procedure_code = p.code;
  d.workflow_version = wf.version;
  d.rule_version = today >= *core::parse_date("2025-07-01") ? "2025" : "2018";
  d.receiving_agency = in.receiving_agency;
  d.channel = in.channel;
  d.applicant = in.applicant;
  d.applicant.user_id = in.channel == domain::Channel::kOnline ? actor.user_id : in.applicant.user_id;
  d.declaration = in.declaration;
  d.fee_vnd = total_fee(p);
  d.submitted_at = now;
  for (std::size_t i = 0; i < in.components.size(); ++i) {
    const auto& c = in.components[i];
    auto component = component_of(c.name, c.sha256);
    if (!component) {
      if (component.error().code != ErrorCode::kNotFound) return component.error();
      return Error::invalid("dossier.file_unknown", "Chưa tải lên tệp của thành phần \"" + c.name + "\".",
                            "No uploaded file " + c.sha256 + ".",
                            "components[" + std::to_string(i) + "].sha256");
    }
    d.components.push_back(std::move(*component));
  }
  return d;
}

core::Result<domain::ComponentFile> DossierService::component_of(const std::string& name,
                                                                 const std::string& sha256) {
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = file_meta_.find(sha256); it != file_meta_.end())
      return domain::ComponentFile{name, it->second.type, it->second.size, sha256};
  }
  auto bytes = blobs_.get(sha256);
  if (!bytes) return bytes.error();
  FileMeta meta{sniffer_.sniff(*bytes), static_cast<std::int64_t>(bytes->size())};
  std::lock_guard lock(cache_mutex_);
  if (file_meta_.size() > 100000) file_meta_.clear();
  file_meta_[sha256] = meta;
  return domain::ComponentFile{name, meta.type, meta.size, sha256};
}

// Resolves "receiving_agency" (the agency that owns the desk) and "applicant_commune" (the People's Committee
// of the applicant's commune) to agency codes.
core::Status DossierService::bind_units(Repositories& r, Dossier& d) {
  auto all = agencies(r, false);
  if (!all) return all.error();
  auto find = [&](const std::string& code) -> const domain::Agency* {
    for (const auto& a : **all)
      if (a.code == code) return &a;
    return nullptr;
  };
  const domain::Agency* desk = find(d.receiving_agency);
  if (!desk) {  // perhaps created since the list was cached
    all = agencies(r, true);
    if (!all) return all.error();
    desk = find(d.receiving_agency);
  }
  if (!desk) {
    return Error::invalid("dossier.agency_unknown",
                          "Không có cơ quan tiếp nhận mã " + d.receiving_agency + ".",
                          "No receiving agency " + d.receiving_agency + ".", "receiving_agency");
  }
  const bool is_section = desk->kind == domain::AgencyKind::kOneStopSection && !desk->parent_code.empty();
  d.unit_bindings["receiving_agency"] = is_section ? desk->parent_code : desk->code;
  if (d.applicant.commune_code.empty()) return {};
  for (const auto& a : **all) {
    if (a.kind == domain::AgencyKind::kPeopleCommittee && a.unit_code == d.applicant.commune_code) {
      d.unit_bindings["applicant_commune"] = a.code;
    }
  }
  return {};
}

core::Result<std::shared_ptr<const std::vector<domain::Agency>>> DossierService::agencies(Repositories& r,
                                                                                          bool refresh) {
  const auto now = clock_.now();
  {
    std::lock_guard lock(cache_mutex_);
    if (!refresh && agencies_ && now - agencies_loaded_at_ < cache_ttl_seconds_) return agencies_;
  }
  auto list = r.agencies().list();
  if (!list) return list.error();
  auto shared = std::make_shared<const std::vector<domain::Agency>>(std::move(*list));
  std::lock_guard lock(cache_mutex_);
  agencies_ = shared;
  agencies_loaded_at_ = now;
  return shared;
}

core::Status DossierService::record(Repositories& r, const Actor& actor, const Dossier& d,
                                    const std::string& action, const std::string& remote,
                                    const std::string& request_id) {
  const auto now = clock_.now();
  // The outbox event's payload, members in key order (runs in the write transaction: no JSON tree).
  JsonWriter payload;
  payload.begin_object()
      .member("action", action)
      .member("code", d.code)
      .member("due_at", static_cast<std::int64_t>(d.due_at))
      .member("procedure_code", d.procedure_code)
      .member("state", domain::dossier_state_name(d.state))
      .end_object();
  MOTCUA_RETURN_IF_ERROR(
      r.dossiers().add_outbox({0, now, "dossier." + action, "dossier:" + d.code, payload.str(), request_id}));
  return r.audit().append({now, actor.user_id, actor.username, "dossier." + action, "dossier:" + d.code, "ok",
                           domain::dossier_state_name(d.state), remote});
}

// What a submission carries from its preparation (outside the write transaction) through the transaction to
// its answer. Shared by the write and its completion, which may run on the store's threads.
struct DossierService::Submission {
  Actor actor;
  SubmitInput in;
  std::string remote;
  std::string request_id;
  bool at_desk = false;
  WorkflowPtr wf;
  domain::ProcedureTerms terms;
  std::string procedure_name;
  Dossier built;    // the new dossier without its code
  StoredForm form;  // its stored form (stored_form), the same with any code
  Dossier stored;   // as committed
};

core::Result<std::shared_ptr<DossierService::Submission>> DossierService::prepare_submission(
    const Actor& actor, SubmitInput in, const std::string& remote) {
  MOTCUA_RETURN_IF_ERROR(permissions::require_signed_in(actor));
  const bool at_desk = in.channel != domain::Channel::kOnline;
  if (at_desk && !actor.has_role_in(Role::kDeskOfficer, in.receiving_agency)) {
    Error e{ErrorCode::kPermissionDenied, "dossier.desk_only",
            "Chỉ cán bộ một cửa của cơ quan tiếp nhận mới được nhập hồ sơ nộp trực tiếp hoặc qua bưu chính.",
            "Only the receiving desk's officers may enter desk or postal dossiers.", "channel"};
    auth_.audit_denial(actor, "dossier.submit", "agency:" + in.receiving_agency, e, remote);
    return e;
  }
  if (in.idempotency_key.size() > 200) {
    return Error::invalid("dossier.idempotency_key", "Khóa chống gửi trùng dài quá 200 ký tự.",
                          "The idempotency key is longer than 200 characters.", "idempotency_key");
  }
  auto procedure = catalogue_.find_cached(in.procedure_code);
  if (!procedure) return procedure.error();
  const domain::Procedure& proc = **procedure;
  auto terms = terms_for(proc);
  if (!terms) return terms.error();
  // Everything that does not need the write transaction is done before it, on a read connection: the
  // writer serialises transactions, so only the code, the rows and their audit are made inside.
  WorkflowPtr wf;
  core::Result<Dossier> built = Error::internal("unset");
  auto prepared = store_.read([&](Repositories& r) -> core::Status {
    Dossier probe;
    probe.receiving_agency = in.receiving_agency;
    probe.applicant.commune_code = in.applicant.commune_code;
    MOTCUA_RETURN_IF_ERROR(bind_units(r, probe));
    auto w = latest_workflow(r, in.procedure_code, probe.unit_bindings["receiving_agency"]);
    if (!w) {
      return w.error().code == ErrorCode::kNotFound
                 ? Error{ErrorCode::kFailedPrecondition, "dossier.no_workflow",
                         "Thủ tục " + in.procedure_code + " chưa được cấu hình quy trình xử lý điện tử.",
                         "Procedure " + in.procedure_code + " has no workflow yet.", "procedure_code"}
                 : w.error();
    }
    wf = std::move(*w);
    built = build_new(actor, in, proc, *wf);
    if (built) built->unit_bindings = std::move(probe.unit_bindings);
    return {};
  });
  if (!prepared) return prepared.error();
  if (!built) return built.error();
  if (!at_desk) {
    // Waiting for reception: in the desk's queue from now on (domain::desk_due).
    Calendars desk_calendars(calendars_);
    auto desk = domain::desk_due(*built, desk_calendars);
    if (!desk) return desk.error();
    built->desk_due_at = *desk;
  }
  // The stored document leaves out the code, the one thing the transaction adds: encoded here (with the
  // folded applicant name), in parallel with other requests, it costs the writer nothing.
  StoredForm form = stored_form(*built);
  auto s = std::make_shared<Submission>();
  s->actor = actor;
  s->remote = remote;
  s->at_desk = at_desk;
  s->wf = std::move(wf);
  s->terms = std::move(*terms);
  s->procedure_name = proc.name;
  s->built = std::move(*built);
  s->form = std::move(form);
  s->in = std::move(in);
  return s;
}

// The submission's transaction: allocates the gap-free code and writes the rows (or finds the dossier an
// earlier attempt with the same idempotency key made). Leaves s.built as it was, for a retried batch.
core::Status DossierService::commit_submission(Repositories& r, Submission& s) {
  const Actor& actor = s.actor;
  const SubmitInput& in = s.in;
  Calendars cals(calendars_);
  if (!in.idempotency_key.empty()) {
    auto existing = r.dossiers().find_idempotency_key(actor.user_id, in.idempotency_key);
    if (!existing) return existing.error();
    if (*existing) {
      auto d = r.dossiers().find(**existing);
      if (!d) return d.error();
      s.stored = std::move(*d);
      auto w = workflow_of(r, s.stored);
      if (!w) return w.error();
      s.wf = std::move(*w);
      return {};
    }
  }
  Dossier d = s.built;  // a copy: a failed attempt of this batch must leave `built` as it was
  const auto day = core::vietnam_date_of(d.submitted_at);
  auto seq = r.dossiers().next_sequence(in.receiving_agency, day);
  if (!seq) return seq.error();
  d.code = domain::format_dossier_code(in.receiving_agency, day, *seq);
  MOTCUA_RETURN_IF_ERROR(r.dossiers().insert(d, s.form));
  d.version = 1;
  // The event and the audit row are named after the action, as an action's are (record): a dossier entered
  // at the desk is received there and then, so its event is the one a later "receive" would leave.
  std::string action = "submit";
  if (s.at_desk) {
    cals.read_through(&r);
    auto t = domain::apply_action(d, *s.wf, s.terms, {"receive", {}, {}, -1}, party_of(actor), d.submitted_at,
                                  cals);
    cals.read_through(nullptr);
    if (!t) return t.error();
    auto v = r.dossiers().update(t->dossier, t->events);
    if (!v) return v.error();
    d = std::move(t->dossier);
    d.version = *v;
    action = "receive";
  }
  if (!in.idempotency_key.empty()) {
    MOTCUA_RETURN_IF_ERROR(
        r.dossiers().save_idempotency_key(actor.user_id, in.idempotency_key, d.code, d.submitted_at));
  }
  s.stored = std::move(d);
  return record(r, actor, s.stored, action, s.remote, s.request_id);
}

void DossierService::submit_async(const Actor& actor, SubmitInput input, const std::string& remote,
                                  const std::string& request_id, ViewDone done) {
  auto prepared = prepare_submission(actor, std::move(input), remote);
  if (!prepared) return done(std::move(prepared).error());
  std::shared_ptr<Submission> s = std::move(*prepared);
  s->request_id = request_id;
  store_.write_async(
      [this, s](Repositories& r) { return commit_submission(r, *s); },
      [this, s, done = std::move(done)](core::Status st) {
        if (!st) return done(std::move(st).error());
        try {
          done(view(s->actor, std::move(s->stored), *s->wf, s->procedure_name));
        } catch (...) {
          done(Error::from_exception("answering a submission failed", std::current_exception()));
        }
      });
}

core::Result<DossierView> DossierService::submit(const Actor& actor, SubmitInput input,
                                                 const std::string& remote, const std::string& request_id) {
  return core::await_callback<core::Result<DossierView>>(
      [&](ViewDone done) { submit_async(actor, std::move(input), remote, request_id, std::move(done)); });
}

// ---- actions
// -----------------------------------------------------------------------------------------------

core::Result<DossierService::WorkflowPtr> DossierService::workflow_of(Repositories& r, const Dossier& d) {
  auto agency = d.unit_bindings.count("receiving_agency") ? d.unit_bindings.at("receiving_agency") : "";
  const std::string key = d.procedure_code + "|" + agency + "|" + std::to_string(d.workflow_version);
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = workflow_versions_.find(key); it != workflow_versions_.end()) return it->second;
  }
  auto wf = r.dossiers().find_workflow(d.procedure_code, agency, d.workflow_version);
  if (!wf && wf.error().code == ErrorCode::kNotFound)
    wf = r.dossiers().find_workflow(d.procedure_code, "", d.workflow_version);
  if (!wf) return wf.error();
  auto shared = std::make_shared<const domain::WorkflowDefinition>(std::move(*wf));
  std::lock_guard lock(cache_mutex_);
  if (workflow_versions_.size() > 10000) workflow_versions_.clear();
  workflow_versions_[key] = shared;
  return shared;
}

core::Result<DossierService::WorkflowPtr> DossierService::latest_workflow(Repositories& r,
                                                                          const std::string& procedure,
                                                                          const std::string& agency) {
  const auto now = clock_.now();
  const std::string key = procedure + "|" + agency;
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(cache_mutex_);
    auto it = latest_workflows_.find(key);
    if (it != latest_workflows_.end() && now - it->second.loaded_at < cache_ttl_seconds_)
      return it->second.workflow;
    generation = workflow_generation_;
  }
  auto wf = r.dossiers().latest_workflow(procedure, agency);
  if (!wf) return wf.error();
  auto shared = std::make_shared<const domain::WorkflowDefinition>(std::move(*wf));
  std::lock_guard lock(cache_mutex_);
  if (generation == workflow_generation_) {
    if (latest_workflows_.size() > 10000) latest_workflows_.clear();
    latest_workflows_[key] = {shared, now};
  }
  return shared;
}

void DossierService::invalidate_workflows() {
  std::lock_guard lock(cache_mutex_);
  ++workflow_generation_;
  latest_workflows_.clear();
}

// What an action carries from its decision (outside the write transaction) to its answer.
struct DossierService::Action {
  Actor actor;
  std::string code;
  domain::ActionRequest request;
  std::int64_t expected_version = 0;
  std::string remote;
  std::string request_id;
  ViewDone done;
  int attempt = 1;
};

struct DossierService::Decision {
  WorkflowPtr wf;
  std::string procedure_name;
  domain::Transition transition;
  StoredForm form;  // the decided dossier's stored form
  Dossier result;   // as committed
};

core::Result<DossierView> DossierService::act(const Actor& actor, const std::string& code,
                                              const domain::ActionRequest& request,
                                              std::int64_t expected_version, const std::string& remote,
                                              const std::string& request_id) {
  return core::await_callback<core::Result<DossierView>>([&](ViewDone done) {
    act_async(actor, code, request, expected_version, remote, request_id, std::move(done));
  });
}

void DossierService::act_async(const Actor& actor, const std::string& code,
                               const domain::ActionRequest& request, std::int64_t expected_version,
                               const std::string& remote, const std::string& request_id, ViewDone done) {
  if (auto st = permissions::require_signed_in(actor); !st) return done(st.error());
  auto a = std::make_shared<Action>();
  a->actor = actor;
  a->code = code;
  a->request = request;
  a->expected_version = expected_version;
  a->remote = remote;
  a->request_id = request_id;
  a->done = std::move(done);
  start_action(std::move(a));
}

// Decides the action on the dossier as it is now and commits the decision if the dossier is still at that
// version. Without an expected version the caller wants the action done on the current state: an attempt
// that lost a race is decided again on the new state (the action may now be refused, which is then the
// answer), on retries_' thread.
void DossierService::start_action(std::shared_ptr<Action> a) {
  constexpr int kAttempts = 8;
  auto decided = decide_action(*a);
  if (!decided) return a->done(std::move(decided).error());
  std::shared_ptr<Decision> d = std::move(*decided);
  store_.write_async(
      [this, a, d](Repositories& r) -> core::Status {
        // Commits only if the dossier is still at the version the decision was made on.
        auto v = r.dossiers().update(d->transition.dossier, d->transition.events, d->form);
        if (!v) return v.error();
        d->result = d->transition.dossier;
        d->result.version = *v;
        return record(r, a->actor, d->result, a->request.action, a->remote, a->request_id);
      },
      [this, a, d](core::Status st) {
        invalidate_status(a->code);
        try {
          if (st) return a->done(view(a->actor, std::move(d->result), *d->wf, d->procedure_name));
          if (st.error().code == ErrorCode::kConflict && a->expected_version <= 0 && a->attempt < kAttempts) {
            ++a->attempt;
            return retries_.post([this, a] {
              try {
                start_action(a);
              } catch (...) {
                a->done(Error::from_exception("retrying an action failed", std::current_exception()));
              }
            });
          }
          a->done(std::move(st).error());
        } catch (...) {
          a->done(Error::from_exception("answering an action failed", std::current_exception()));
        }
      });
}

core::Result<std::shared_ptr<DossierService::Decision>> DossierService::decide_action(const Action& a) {
  const Actor& actor = a.actor;
  const std::string& code = a.code;
  const domain::ActionRequest& request = a.request;
  const std::int64_t expected_version = a.expected_version;
  const std::string& remote = a.remote;
  Calendars cals(calendars_);
  WorkflowPtr wf;
  std::shared_ptr<const domain::Procedure> procedure;
  core::Result<domain::Transition> decided = Error::internal("unset");
  std::optional<ResultPlan> result_plan;
  const auto now = clock_.now();
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    auto d = r.dossiers().find(code);
    if (!d) return d.error();
    if (expected_version > 0 && d->version != expected_version) {
      return Error{ErrorCode::kConflict, "dossier.stale_version",
                   "Hồ sơ vừa được người khác cập nhật; tải lại rồi thực hiện lại.",
                   "The dossier changed since you read it; reload and retry.", "version"};
    }
    auto w = workflow_of(r, *d);
    if (!w) return w.error();
    wf = std::move(*w);
    auto p = catalogue_.find_cached(d->procedure_code, r);
    if (!p) return p.error();
    procedure = std::move(*p);
    auto terms = terms_for(*procedure);
    if (!terms) return terms.error();
    cals.read_through(&r);
    decided = domain::apply_action(*d, *wf, *terms, request, party_of(actor), now, cals);
    cals.read_through(nullptr);
    // The leader's approval completes processing: its signed result is part of the same decision.
    if (decided && results_ && d->state != DossierState::kCompleted &&
        decided->dossier.state == DossierState::kCompleted) {
      auto plan = plan_result(r, actor, *d, *wf, request.action);
      if (!plan) return plan.error();
      result_plan = std::move(*plan);
    }
    return {};
  }));
  if (!decided) {
    if (decided.error().code == ErrorCode::kPermissionDenied)
      auth_.audit_denial(actor, "dossier." + request.action, "dossier:" + code, decided.error(), remote);
    return decided.error();
  }
  if (result_plan) {
    MOTCUA_RETURN_IF_ERROR(
        attach_result(actor, *result_plan, *wf, procedure->name, request.note, now, *decided));
  }
  auto out = std::make_shared<Decision>();
  out->form = stored_form(decided->dossier);  // outside the writer
  out->wf = std::move(wf);
  out->procedure_name = procedure->name;
  out->transition = std::move(*decided);
  return out;
}

// ---- reads
// -------------------------------------------------------------------------------------------------

core::Status DossierService::check_can_view(const Actor& actor, const Dossier& d) {
  MOTCUA_RETURN_IF_ERROR(permissions::require_signed_in(actor));
  if (actor.user_id == d.applicant.user_id) return {};
  if (actor.has_role(Role::kAdministrator) || actor.has_role(Role::kSupervisor)) return {};
  std::vector<std::string> involved = {d.receiving_agency};
  for (const auto& [k, v] : d.unit_bindings) involved.push_back(v);
  for (const auto& t : d.tasks) involved.push_back(t.agency_code);
  for (const auto& e : d.history) {
    involved.push_back(e.from_agency);
    involved.push_back(e.to_agency);
  }
  for (const auto& role : actor.roles) {
    if (std::find(involved.begin(), involved.end(), role.agency_code) != involved.end()) return {};
  }
  return Error{ErrorCode::kPermissionDenied,
               "dossier.not_visible",
               "Bạn không có quyền xem hồ sơ này (không thuộc đơn vị bạn phục vụ).",
               "You may not see this dossier: it is not handled by a unit you serve.",
               {}};
}

core::Result<DossierView> DossierService::get(const Actor& actor, const std::string& code) {
  Dossier d;
  WorkflowPtr wf;
  std::string name;
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    auto found = r.dossiers().find(code);
    if (!found) return found.error();
    d = std::move(*found);
    auto w = workflow_of(r, d);
    if (!w) return w.error();
    wf = std::move(*w);
    auto p = r.procedures().find(d.procedure_code);
    name = p ? p->name : d.procedure_code;
    return {};
  }));
  if (auto st = check_can_view(actor, d); !st) {
    auth_.audit_denial(actor, "dossier.read", "dossier:" + code, st.error(), "");
    return st.error();
  }
  return view(actor, std::move(d), *wf, name);
}

DossierView DossierService::view(const Actor& actor, Dossier d, const domain::WorkflowDefinition& wf,
                                 const std::string& procedure_name) {
  DossierView v;
  v.actions = domain::available_actions(d, wf, party_of(actor));
  v.dossier = std::move(d);
  v.procedure_name = procedure_name;
  return v;
}

core::Result<std::shared_ptr<const PublicStatus>> DossierService::status(const std::string& code) {
  const auto now = clock_.now();
  {
    std::shared_lock lock(status_mutex_);
    auto it = status_cache_.find(code);
    if (it != status_cache_.end() && now - it->second.loaded_at < cache_ttl_seconds_)
      return it->second.status;
  }
  const auto generation = status_generation_.load();
  auto loaded = load_status(code);
  if (!loaded) return loaded.error();
  auto shared = std::make_shared<const PublicStatus>(std::move(*loaded));
  std::unique_lock lock(status_mutex_);
  if (generation == status_generation_.load()) {
    if (status_cache_.size() > 100000) status_cache_.clear();  // bound the memory of a public endpoint
    status_cache_[code] = {shared, now};
  }
  return shared;
}

void DossierService::invalidate_status(const std::string& code) {
  std::unique_lock lock(status_mutex_);
  ++status_generation_;
  status_cache_.erase(code);
}

core::Result<PublicStatus> DossierService::load_status(const std::string& code) {
  if (auto parsed = domain::parse_dossier_code(code); !parsed) return parsed.error();
  PublicStatus s;
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    auto d = r.dossiers().find(code);
    if (!d) return d.error();
    auto wf = workflow_of(r, *d);
    auto p = r.procedures().find(d->procedure_code);
    s = {d->code,
         d->procedure_code,
         p ? p->name : d->procedure_code,
         d->state,
         d->submitted_at,
         d->received_at,
         d->due_at,
         d->finished_at,
         "",
         0,
         wf ? static_cast<int>((*wf)->steps.size()) : 0,
         d->extended,
         d->result.has_value()};
    for (const auto& e : d->history)
      if (!e.from_step.empty() && e.to_step != e.from_step) ++s.steps_done;
    if (wf && !d->tasks.empty()) {
      if (const auto* step = (*wf)->step(d->tasks.front().step_id)) s.current_step = step->name;
    }
    if (d->state == DossierState::kCompleted || d->state == DossierState::kResultReturned)
      s.steps_done = s.steps_total;
    return {};
  }));
  return s;
}

core::Result<std::vector<InboxItem>> DossierService::inbox(const Actor& actor, InboxQuery query) {
  MOTCUA_RETURN_IF_ERROR(permissions::require_signed_in(actor));
  if (query.limit < 1 || query.limit > 200) {
    return Error::invalid("inbox.limit", "Số hồ sơ mỗi trang phải từ 1 đến 200.", "limit must be 1..200.",
                          "limit");
  }
  query.roles = actor.roles;
  if (!query.agency_code.empty()) {
    const bool serves =
        std::any_of(actor.roles.begin(), actor.roles.end(),
                    [&](const domain::RoleAssignment& r) { return r.agency_code == query.agency_code; });
    if (!serves) {
      return Error{ErrorCode::kPermissionDenied, "inbox.not_your_unit", "Bạn không phục vụ đơn vị này.",
                   "You do not serve this unit.", "agency"};
    }
  }
  core::Result<std::vector<InboxItem>> out = std::vector<InboxItem>{};
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = r.dossiers().inbox(query);
    return {};
  }));
  return out;
}

core::Result<std::vector<InboxItem>> DossierService::unit_inbox(const Actor& actor,
                                                                const std::string& agency_code,
                                                                InboxQuery page) {
  MOTCUA_RETURN_IF_ERROR(permissions::require_signed_in(actor));
  MOTCUA_RETURN_IF_ERROR(domain::validate_agency_code(agency_code, "agency"));
  if (page.limit < 1 || page.limit > 200) {
    return Error::invalid("inbox.limit", "Số hồ sơ mỗi trang phải từ 1 đến 200.", "limit must be 1..200.",
                          "limit");
  }
  core::Result<std::vector<InboxItem>> out = std::vector<InboxItem>{};
  core::Status denied;
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    // The cached agency list, reloaded once if it lacks the agency (perhaps created since it was cached).
    std::map<std::string, std::string> parent;
    for (const bool refresh : {false, true}) {
      auto all = agencies(r, refresh);
      if (!all) return all.error();
      parent.clear();
      for (const auto& a : **all) parent[a.code] = a.parent_code;
      if (parent.count(agency_code)) break;
    }
    if (!parent.count(agency_code)) {
      return Error::not_found("agency.not_found", "Không có cơ quan mã " + agency_code + ".",
                              "No agency " + agency_code + ".");
    }
    // The agency and those above it: a leader of any of them oversees this unit.
    std::set<std::string> above;
    for (std::string at = agency_code; !at.empty() && above.insert(at).second; at = parent[at]) {
    }
    const bool allowed =
        actor.has_role(Role::kAdministrator) || actor.has_role(Role::kSupervisor) ||
        std::any_of(actor.roles.begin(), actor.roles.end(), [&](const domain::RoleAssignment& a) {
          return a.role == Role::kLeader && above.count(a.agency_code);
        });
    if (!allowed) {
      denied = Error{
          ErrorCode::kPermissionDenied, "inbox.not_your_unit",
          "Chỉ lãnh đạo của cơ quan " + agency_code +
              " (hoặc cơ quan cấp trên), quản trị viên và giám sát viên được xem toàn bộ hồ sơ của đơn vị.",
          "Only leaders of " + agency_code +
              " (or of an agency above it), administrators and supervisors may see the unit's queue.",
          "agency"};
      return {};
    }
    // The agency and everything below it, every role.
    std::set<std::string> unit = {agency_code};
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& [code, up] : parent) {
        if (unit.count(up) && unit.insert(code).second) grew = true;
      }
    }
    page.agency_code.clear();
    page.roles.clear();
    for (const auto& code : unit) {
      for (const Role role : domain::kAllRoles) page.roles.push_back({role, code});
    }
    out = r.dossiers().inbox(page);
    return {};
  }));
  if (!denied.ok()) {
    auth_.audit_denial(actor, "dossier.unit_inbox", "agency:" + agency_code, denied.error(), "");
    return denied.error();
  }
  return out;
}

core::Result<std::vector<DossierSummary>> DossierService::search(const Actor& actor, DossierQuery query) {
  MOTCUA_RETURN_IF_ERROR(permissions::require_signed_in(actor));
  if (query.limit < 1 || query.limit > 200) {
    return Error::invalid("search.limit", "Số hồ sơ mỗi trang phải từ 1 đến 200.", "limit must be 1..200.",
                          "limit");
  }
  query.applicant_folded = core::fold_for_search(core::to_nfc(query.applicant_folded));
  if (actor.kind == domain::UserKind::kCitizen || actor.roles.empty()) {
    query.owner_user_id = actor.user_id;
  } else if (!actor.has_role(Role::kAdministrator) && !actor.has_role(Role::kSupervisor)) {
    query.agency_codes.clear();
    for (const auto& r : actor.roles) query.agency_codes.push_back(r.agency_code);
  }
  core::Result<std::vector<DossierSummary>> out = std::vector<DossierSummary>{};
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = r.dossiers().search(query);
    return {};
  }));
  return out;
}

// ---- workflow definitions
// ----------------------------------------------------------------------------------

core::Result<domain::WorkflowDefinition> DossierService::save_workflow(const Actor& actor,
                                                                       domain::WorkflowDefinition def,
                                                                       const std::string& remote) {
  if (auto p = permissions::can_manage_catalogue(actor); !p) {
    auth_.audit_denial(actor, "workflow.save", "procedure:" + def.procedure_code, p.error(), remote);
    return p.error();
  }
  MOTCUA_RETURN_IF_ERROR(domain::validate_workflow(def));
  auto st = store_.write([&](Repositories& r) -> core::Status {
    if (!r.procedures().find(def.procedure_code)) {
      return Error::invalid("workflow.procedure_unknown", "Không có thủ tục mã " + def.procedure_code + ".",
                            "No procedure " + def.procedure_code + ".", "procedure_code");
    }
    auto latest = r.dossiers().latest_workflow(def.procedure_code, def.agency_code);
    const bool own = latest && latest->agency_code == def.agency_code;
    def.version = own ? latest->version + 1 : 1;
    MOTCUA_RETURN_IF_ERROR(r.dossiers().save_workflow(def));
    return r.audit().append({clock_.now(), actor.user_id, actor.username, "workflow.save",
                             "procedure:" + def.procedure_code, "ok",
                             "version " + std::to_string(def.version), remote});
  });
  invalidate_workflows();
  if (!st) return st.error();
  return def;
}

core::Status DossierService::load_workflows(const std::vector<domain::WorkflowDefinition>& defs) {
  for (const auto& d : defs) MOTCUA_RETURN_IF_ERROR(domain::validate_workflow(d));
  auto st = store_.write([&](Repositories& r) -> core::Status {
    for (const auto& d : defs) MOTCUA_RETURN_IF_ERROR(r.dossiers().save_workflow(d));
    return {};
  });
  invalidate_workflows();
  return st;
}

}  // namespace motcua::app
