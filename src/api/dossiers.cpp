#include "api/dossiers.hpp"

#include <charconv>
#include <memory>
#include <shared_mutex>
#include <string>
#include <tuple>
#include <unordered_map>

#include "app/dossier_codec.hpp"
#include "app/json_input.hpp"
#include "app/json_writer.hpp"
#include "core/time.hpp"

namespace motcua::api {

using core::Error;
using http::Request;
using http::Response;

namespace {

// The public status JSON, rendered once per PublicStatus object: the service hands out the same object until
// the dossier changes (then a new one), so an entry is reused only while its source object is alive and
// current, and the text is never staler than the service's own cache. Thread-safe; bounded like the service's
// cache.
class StatusJsonCache {
 public:
  template <typename Render>
  std::shared_ptr<const std::string> get(const std::shared_ptr<const app::PublicStatus>& status,
                                         Render render) {
    {
      std::shared_lock lock(mutex_);
      auto it = entries_.find(status->code);
      if (it != entries_.end() && it->second.source.lock() == status) return it->second.json;
    }
    auto json = std::make_shared<const std::string>(render(*status));
    std::unique_lock lock(mutex_);
    if (entries_.size() > 100000) entries_.clear();
    entries_[status->code] = {status, json};
    return json;
  }

 private:
  struct Entry {
    std::weak_ptr<const app::PublicStatus> source;
    std::shared_ptr<const std::string> json;
  };
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

struct DossierCtx {
  DossierCtx(ApiContext& a, app::DossierService& d, app::DossierForms& f) : api(a), dossiers(d), forms(f) {}
  ApiContext& api;
  app::DossierService& dossiers;
  app::DossierForms& forms;
  StatusJsonCache status_json;
};

using DossierHandler = Response (*)(DossierCtx&, Request&);

// The dossier as the API shows it: its stored members, then what the viewer needs (labels, the actions they
// may take, forms, history). Written straight to text (app/json_writer.hpp): it answers every submission,
// action and read of a dossier.
std::string view_json(const app::DossierView& v) {
  const domain::Dossier& d = v.dossier;
  const std::string download = d.result ? "/api/v1/dossiers/" + d.code + "/result" : std::string();
  app::JsonWriter w;
  w.begin_object();
  app::write_dossier_members(w, d, true, download);
  w.member("state_label", domain::dossier_state_label_vi(d.state))
      .member("procedure_name", v.procedure_name)
      .member("due", d.due_at ? core::format_instant_vn(d.due_at) : std::string())
      .member("available_actions", v.actions)
      .key("forms")
      .begin_array();
  for (const auto kind : app::available_forms(d)) {
    w.begin_object()
        .member("form", app::dossier_form_name(kind))
        .member("title", app::dossier_form_title(kind, app::form_set_of(d)))
        .member("download", "/api/v1/dossiers/" + d.code + "/forms/" + app::dossier_form_name(kind))
        .end_object();
  }
  w.end_array().key("history").begin_array();
  for (const auto& e : d.history) {
    w.begin_object();
    app::write_dossier_event_members(w, e);
    w.member("at_text", core::format_instant_vn(e.at));
    if (e.timeliness) w.member("timeliness_label", domain::calendar::timeliness_label_vi(*e.timeliness));
    w.end_object();
  }
  w.end_array().end_object();
  return w.str();
}

Response upload(DossierCtx& c, Request& req) {
  auto actor = identify_for_write(c.api, req);
  if (!actor) return error(actor.error());
  auto file = c.dossiers.upload(*actor, req.body);
  if (!file) return error(file.error());
  return json_response(
      201, {{"sha256", file->sha256}, {"size", file->size}, {"content_type", file->content_type}});
}

domain::Applicant applicant_from(app::JsonObjectReader& r) {
  domain::Applicant a;
  const auto* obj = r.optional_object("applicant");
  if (!obj) {
    if (!r.failed())
      r.fail(Error::invalid("json.missing", "Thiếu thông tin người nộp \"applicant\".",
                            "Missing \"applicant\".", "applicant"));
    return a;
  }
  app::JsonObjectReader ar(*obj, "applicant");
  const auto kind = ar.optional_string("kind", 20, "person");
  if (kind != "person" && kind != "organisation") {
    ar.fail(Error::invalid("json.bad_value", "\"applicant.kind\" phải là person hoặc organisation.",
                           "\"applicant.kind\" must be person or organisation.", "applicant.kind"));
  }
  a.kind = kind == "organisation" ? domain::ApplicantKind::kOrganisation : domain::ApplicantKind::kPerson;
  a.full_name = ar.required_string("full_name", 200);
  a.personal_id = ar.optional_string("personal_id", 12);
  a.tax_code = ar.optional_string("tax_code", 14);
  a.address = ar.optional_string("address", 500);
  a.commune_code = ar.optional_string("commune_code", 5);
  a.phone = ar.optional_string("phone", 20);
  a.email = ar.optional_string("email", 200);
  if (auto st = ar.finish(); !st) r.fail(st.error());
  return a;
}

std::map<std::string, std::string> declaration_from(app::JsonObjectReader& r) {
  std::map<std::string, std::string> out;
  const auto* obj = r.optional_object("declaration");
  if (!obj) return out;
  app::JsonObjectReader dr(*obj, "declaration");
  for (auto it = obj->begin(); it != obj->end() && out.size() < 200; ++it) {
    out[it.key()] = dr.optional_string(it.key().c_str(), 4000);
  }
  if (obj->size() > 200)
    dr.fail(Error::invalid("json.too_many", "Tờ khai có quá nhiều mục.", "Too many fields.", "declaration"));
  if (auto st = dr.finish(); !st) r.fail(st.error());
  return out;
}

core::Result<app::SubmitInput> submit_input(const Request& req) {
  auto doc = app::parse_json_object(req.body);
  if (!doc) return doc.error();
  app::JsonObjectReader r(*doc);
  app::SubmitInput in;
  in.procedure_code = r.required_string("procedure_code", 8);
  in.receiving_agency = r.required_string("receiving_agency", 13);
  auto channel = domain::parse_channel(r.optional_string("channel", 10, "online"));
  if (!channel)
    r.fail(Error::invalid("json.bad_value", "\"channel\" phải là online, desk hoặc post.",
                          "\"channel\" must be online, desk or post.", "channel"));
  in.channel = channel.value_or(domain::Channel::kOnline);
  in.applicant = applicant_from(r);
  in.declaration = declaration_from(r);
  auto comps = r.optional_object_array("components", 100);
  for (std::size_t i = 0; i < comps.size(); ++i) {
    app::JsonObjectReader cr(*comps[i], "components[" + std::to_string(i) + "]");
    in.components.push_back({cr.required_string("name", 2000), cr.required_string("sha256", 64)});
    if (auto st = cr.finish(); !st) r.fail(st.error());
  }
  in.idempotency_key =
      r.optional_string("idempotency_key", 200, std::string(req.header("idempotency-key").value_or("")));
  MOTCUA_RETURN_IF_ERROR(r.finish());
  return in;
}

// Answers once the dossier is on disk, without holding the server's thread meanwhile (Router::post_async).
void submit(DossierCtx& c, Request& req, http::Respond respond) {
  auto actor = identify_for_write(c.api, req);
  if (!actor) return respond(error(actor.error()));
  auto in = submit_input(req);
  if (!in) return respond(error(in.error()));
  c.dossiers.submit_async(*actor, std::move(*in), req.remote, req.request_id,
                          [respond = std::move(respond)](core::Result<app::DossierView> v) {
                            if (!v) return respond(error(v.error()));
                            Response r = Response::json(201, view_json(*v));
                            r.headers.emplace_back("Location", "/api/v1/dossiers/" + v->dossier.code);
                            respond(std::move(r));
                          });
}

Response get(DossierCtx& c, Request& req) {
  auto actor = identify(c.api, req);
  if (!actor) return error(actor.error());
  auto v = c.dossiers.get(*actor, std::string(req.param("code")));
  if (!v) return error(v.error());
  return Response::json(200, view_json(*v));
}

// A PDF of one dossier: never cached by shared caches. `disposition` is "attachment" or "inline".
Response private_pdf(std::string pdf, const char* disposition, const std::string& file_name) {
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(pdf);
  r.headers.emplace_back("Content-Disposition",
                         std::string(disposition) + "; filename=\"" + file_name + "\"");
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

// The signed result PDF (leader's signature and the agency seal), for the applicant and the officials who
// may see the dossier.
Response result(DossierCtx& c, Request& req) {
  auto actor = identify(c.api, req);
  if (!actor) return error(actor.error());
  auto file = c.dossiers.result(*actor, std::string(req.param("code")));
  if (!file) return error(file.error());
  return private_pdf(std::move(file->pdf), "attachment", file->file_name);
}

// An official form of the dossier's process (receipt, supplementation request, refusal, apology, stop
// notice, control slip) as a PDF, rendered from its history, for whoever may read the dossier.
Response form(DossierCtx& c, Request& req) {
  auto actor = identify(c.api, req);
  if (!actor) return error(actor.error());
  const auto name = req.param("form");
  const auto kind = app::parse_dossier_form(name);
  if (!kind) {
    return error(Error::not_found(
        "dossier.form_unknown",
        "Không có biểu mẫu \"" + std::string(name) +
            "\"; các biểu mẫu: receipt, supplement_request, refusal, apology, stop_notice, control_slip.",
        "No form \"" + std::string(name) +
            "\"; forms: receipt, supplement_request, refusal, apology, stop_notice, control_slip."));
  }
  auto file = c.forms.render(*actor, std::string(req.param("code")), *kind);
  if (!file) return error(file.error());
  return private_pdf(std::move(file->pdf), "inline", file->file_name);
}

// The tracking book (Sổ theo dõi hồ sơ) of a desk for one month: GET ...?month=YYYY-MM.
Response tracking_book(DossierCtx& c, Request& req) {
  auto actor = identify(c.api, req);
  if (!actor) return error(actor.error());
  const std::string month = std::string(req.query_param("month").value_or(""));
  const auto first = core::parse_date(month + "-01");
  if (month.size() != 7 || !first) {
    return error(Error::invalid("tracking_book.month",
                                "Tham số \"month\" phải có dạng YYYY-MM, ví dụ 2026-06.",
                                "Parameter \"month\" must look like YYYY-MM, e.g. 2026-06.", "month"));
  }
  auto file = c.forms.tracking_book(*actor, {std::string(req.param("code")), static_cast<int>(first->year()),
                                             static_cast<int>(static_cast<unsigned>(first->month()))});
  if (!file) return error(file.error());
  return private_pdf(std::move(file->pdf), "inline", file->file_name);
}

// Answers once the decision is on disk, without holding the server's thread meanwhile (Router::post_async).
void act(DossierCtx& c, Request& req, http::Respond respond) {
  auto actor = identify_for_write(c.api, req);
  if (!actor) return respond(error(actor.error()));
  auto doc = req.body.empty() ? core::Result<nlohmann::json>(nlohmann::json::object())
                              : app::parse_json_object(req.body);
  if (!doc) return respond(error(doc.error()));
  app::JsonObjectReader r(*doc);
  domain::ActionRequest ar;
  ar.action = std::string(req.param("action"));
  ar.note = r.optional_string("note", 4000);
  const auto new_due = r.optional_string("new_due", 40);
  if (!new_due.empty()) {
    ar.new_due = core::parse_instant(new_due);
    if (!ar.new_due)
      r.fail(Error::invalid("json.bad_value", "\"new_due\" phải là thời điểm dạng 2025-05-09T17:00:00+07:00.",
                            "\"new_due\" must be an RFC 3339 instant.", "new_due"));
  }
  ar.branch = static_cast<int>(r.optional_int("branch", 0, 100).value_or(-1));
  const auto version = r.optional_int("version", 1, INT64_MAX).value_or(0);
  if (auto st = r.finish(); !st) return respond(error(st.error()));
  c.dossiers.act_async(*actor, std::string(req.param("code")), ar, version, req.remote, req.request_id,
                       [respond = std::move(respond)](core::Result<app::DossierView> v) {
                         if (!v) return respond(error(v.error()));
                         respond(Response::json(200, view_json(*v)));
                       });
}

std::string public_status_json(const app::PublicStatus& s) {
  auto when = [](core::UnixSeconds t) {
    return t ? nlohmann::json(core::format_instant_vn(t)) : nlohmann::json(nullptr);
  };
  const nlohmann::json j = {{"code", s.code},
                            {"procedure_code", s.procedure_code},
                            {"procedure_name", s.procedure_name},
                            {"state", domain::dossier_state_name(s.state)},
                            {"state_label", domain::dossier_state_label_vi(s.state)},
                            {"submitted_at", when(s.submitted_at)},
                            {"received_at", when(s.received_at)},
                            {"due_at", when(s.due_at)},
                            {"finished_at", when(s.finished_at)},
                            {"current_step", s.current_step},
                            {"steps_done", s.steps_done},
                            {"steps_total", s.steps_total},
                            {"extended", s.extended}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response public_status(DossierCtx& c, Request& req) {
  auto status = c.dossiers.status(std::string(req.param("code")));
  if (!status) return error(status.error());
  return Response::json(200, c.status_json.get(*status, public_status_json));
}

core::Result<std::int64_t> int64_query(const Request& req, const char* name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::int64_t{0};
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || p != v->data() + v->size() || n < 0) {
    return Error::invalid(
        "query.bad_integer", "Tham số \"" + std::string(name) + "\" phải là số nguyên không âm.",
        "Query parameter \"" + std::string(name) + "\" must be a non-negative integer.", name);
  }
  return n;
}

Response inbox(DossierCtx& c, Request& req) {
  auto actor = identify(c.api, req);
  if (!actor) return error(actor.error());
  app::InboxQuery q;
  q.agency_code = req.query_param("agency").value_or("");
  auto limit = int_query(req, "limit", 1, 200, 50);
  auto after_due = int64_query(req, "after_due");
  if (!limit) return error(limit.error());
  if (!after_due) return error(after_due.error());
  q.limit = *limit;
  q.after_due_at = *after_due;
  q.after_code = req.query_param("after_code").value_or("");
  // scope=mine (default): the caller's own tasks; scope=unit: the whole queue of `agency` and below it.
  const std::string scope = req.query_param("scope").value_or("mine");
  if (scope != "mine" && scope != "unit") {
    return error(Error::invalid("query.bad_scope", "Phạm vi (scope) phải là \"mine\" hoặc \"unit\".",
                                "scope must be \"mine\" or \"unit\".", "scope"));
  }
  auto items =
      scope == "unit" ? c.dossiers.unit_inbox(*actor, q.agency_code, q) : c.dossiers.inbox(*actor, q);
  if (!items) return error(items.error());
  const auto now = c.dossiers.now();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& i : *items) {
    // An item of the desk's own queue has no workflow step: say what the desk is to do.
    out.push_back({{"code", i.code},
                   {"desk_action", i.step_id.empty() ? domain::desk_action(i.state) : ""},
                   {"procedure_code", i.procedure_code},
                   {"applicant_name", i.applicant_name},
                   {"state", domain::dossier_state_name(i.state)},
                   {"step_id", i.step_id},
                   {"branch", i.branch},
                   {"agency_code", i.agency_code},
                   {"role", domain::role_name(i.role)},
                   {"task_due", core::format_instant_vn(i.task_due_at)},
                   {"task_due_at", i.task_due_at},
                   {"dossier_due", i.dossier_due_at ? core::format_instant_vn(i.dossier_due_at) : ""},
                   {"overdue", i.task_due_at < now},
                   {"near_due", i.task_due_at >= now && i.task_due_at - now < 86400}});
  }
  return json_response(200, {{"items", out}});
}

Response search(DossierCtx& c, Request& req) {
  auto actor = identify(c.api, req);
  if (!actor) return error(actor.error());
  app::DossierQuery q;
  q.code_prefix = req.query_param("code").value_or("");
  q.applicant_folded = req.query_param("applicant").value_or("");
  q.personal_id = req.query_param("personal_id").value_or("");
  q.procedure_code = req.query_param("procedure").value_or("");
  q.after_code = req.query_param("after").value_or("");
  if (auto s = req.query_param("state"); s && !s->empty()) {
    q.state = domain::parse_dossier_state(*s);
    if (!q.state)
      return error(
          Error::invalid("query.bad_state", "Trạng thái hồ sơ không hợp lệ.", "Unknown state.", "state"));
  }
  // from/to are Vietnam dates; the repository range is [start of `from`, end of `to`).
  for (auto [name, bound, days] :
       {std::tuple{"from", &q.submitted_from, 0}, std::tuple{"to", &q.submitted_to, 1}}) {
    auto v = req.query_param(name);
    if (!v || v->empty()) continue;
    auto d = core::parse_date(*v);
    if (!d)
      return error(
          Error::invalid("query.bad_date", "Ngày phải có dạng YYYY-MM-DD.", "Dates are YYYY-MM-DD.", name));
    *bound = *core::parse_instant(core::format_date(*d) + "T00:00:00+07:00") + days * 86400;
  }
  auto limit = int_query(req, "limit", 1, 200, 50);
  if (!limit) return error(limit.error());
  q.limit = *limit;
  auto rows = c.dossiers.search(*actor, q);
  if (!rows) return error(rows.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : *rows) {
    out.push_back({{"code", s.code},
                   {"procedure_code", s.procedure_code},
                   {"applicant_name", s.applicant_name},
                   {"state", domain::dossier_state_name(s.state)},
                   {"state_label", domain::dossier_state_label_vi(s.state)},
                   {"receiving_agency", s.receiving_agency},
                   {"submitted_at", core::format_instant_vn(s.submitted_at)},
                   {"due", s.due_at ? core::format_instant_vn(s.due_at) : ""}});
  }
  nlohmann::json body = {{"items", out}, {"next_after", nullptr}};
  if (rows->size() == static_cast<std::size_t>(q.limit)) body["next_after"] = rows->back().code;
  return json_response(200, body);
}

Response save_workflow(DossierCtx& c, Request& req) {
  auto actor = identify_for_write(c.api, req);
  if (!actor) return error(actor.error());
  auto doc = app::parse_json_object(req.body);
  if (!doc) return error(doc.error());
  auto def = app::workflow_from_json(*doc);
  if (!def) return error(def.error());
  auto saved = c.dossiers.save_workflow(*actor, std::move(*def), req.remote);
  if (!saved) return error(saved.error());
  return json_response(201, app::workflow_to_json(*saved));
}

// Every handler shares one DossierCtx; the last handler destroyed frees it.
http::Handler bind_d(const std::shared_ptr<DossierCtx>& c, DossierHandler fn) {
  return [c, fn](Request& r) { return fn(*c, r); };
}

using AsyncDossierHandler = void (*)(DossierCtx&, Request&, http::Respond);
http::AsyncHandler bind_async(const std::shared_ptr<DossierCtx>& c, AsyncDossierHandler fn) {
  return [c, fn](Request& r, http::Respond respond) { fn(*c, r, std::move(respond)); };
}

}  // namespace

void add_dossier_routes(http::Router& router, ApiContext& ctx, app::DossierService& dossiers,
                        app::DossierForms& forms) {
  const auto c = std::make_shared<DossierCtx>(ctx, dossiers, forms);
  router.post_upload("/api/v1/files", bind_d(c, upload));
  router.post_async("/api/v1/dossiers", bind_async(c, submit));
  router.get("/api/v1/dossiers", bind_d(c, search));
  router.get("/api/v1/dossiers/{code}", bind_d(c, get));
  router.post_async("/api/v1/dossiers/{code}/actions/{action}", bind_async(c, act));
  router.get("/api/v1/dossiers/{code}/result", bind_d(c, result));
  router.get("/api/v1/dossiers/{code}/forms/{form}", bind_d(c, form));
  router.get("/api/v1/agencies/{code}/tracking-book", bind_d(c, tracking_book));
  router.get("/api/v1/inbox", bind_d(c, inbox));
  router.get("/api/v1/status/{code}", bind_d(c, public_status));
  router.post("/api/v1/workflows", bind_d(c, save_workflow));
}

}  // namespace motcua::api
