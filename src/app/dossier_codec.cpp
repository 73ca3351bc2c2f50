#include "app/dossier_codec.hpp"

#include <limits>
#include <map>
#include <optional>

#include "app/dossier_ports.hpp"
#include "app/json_input.hpp"
#include "app/json_writer.hpp"
#include "core/text.hpp"

namespace motcua::app {

namespace {

using core::Error;
using domain::Dossier;
using domain::DossierEvent;
using domain::WorkflowDefinition;
using nlohmann::json;

// ---- reading stored forms
// ----------------------------------------------------------------------------------

constexpr auto kMaxInt64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

// Reads the members of one stored object: absent members (or null) take their default, members of the wrong
// type or with an unknown enum name record an error naming the field. The first error wins.
class StoredReader {
 public:
  StoredReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object())
      fail_type(path_.empty() ? "document" : path_, "đối tượng {...}", "an object {...}");
  }

  std::string field(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  std::string str(const char* key) {
    const json* v = get(key);
    if (!v) return {};
    if (v->is_string()) return v->get<std::string>();
    fail_type(field(key), "chuỗi ký tự", "a string");
    return {};
  }

  std::int64_t i64(const char* key) {
    const json* v = get(key);
    if (!v) return 0;
    const bool fits =
        v->is_number_integer() && !(v->is_number_unsigned() && v->get<std::uint64_t>() > kMaxInt64);
    if (fits) return v->get<std::int64_t>();
    fail_type(field(key), "số nguyên", "an integer");
    return 0;
  }

  std::int32_t i32(const char* key) {
    const std::int64_t n = i64(key);
    if (n >= std::numeric_limits<std::int32_t>::min() && n <= std::numeric_limits<std::int32_t>::max()) {
      return static_cast<std::int32_t>(n);
    }
    fail_type(field(key), "số nguyên 32 bit", "a 32-bit integer");
    return 0;
  }

  bool boolean(const char* key) {
    const json* v = get(key);
    if (!v) return false;
    if (v->is_boolean()) return v->get<bool>();
    fail_type(field(key), "true hoặc false", "true or false");
    return false;
  }

  // The array at `key`; an empty array when absent.
  const json& array(const char* key) {
    const json* v = get(key);
    if (v && v->is_array()) return *v;
    if (v) fail_type(field(key), "danh sách", "an array");
    return empty_array();
  }

  // The object at `key`; an empty object when absent.
  const json& object(const char* key) {
    const json* v = get(key);
    if (v && v->is_object()) return *v;
    if (v) fail_type(field(key), "đối tượng {...}", "an object {...}");
    return empty_object();
  }

  template <typename Enum>
  Enum enumeration(const char* key, std::optional<Enum> (*parse)(std::string_view), Enum fallback) {
    const json* v = get(key);
    if (!v) return fallback;
    const std::optional<Enum> parsed =
        v->is_string() ? parse(v->get_ref<const std::string&>()) : std::nullopt;
    if (parsed) return *parsed;
    fail_value(field(key));
    return fallback;
  }

  // A map of strings to strings at `key`.
  std::map<std::string, std::string> string_map(const char* key) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : object(key).items()) {
      if (!v.is_string()) {
        fail_type(field(key) + "." + k, "chuỗi ký tự", "a string");
        return out;
      }
      out.emplace(k, v.get<std::string>());
    }
    return out;
  }

  // Records an error found by the caller or by a nested reader; the first one wins.
  void absorb(const core::Status& st) {
    if (!st.ok() && !error_) error_ = st.error();
  }
  core::Status status() const {
    if (error_) return *error_;
    return {};
  }

 private:
  const json* get(const char* key) const {
    if (!object_.is_object()) return nullptr;
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  void fail_type(const std::string& f, const char* want_vi, const char* want_en) {
    absorb(Error::invalid("json.wrong_type", "Trường \"" + f + "\" phải là " + want_vi + ".",
                          "Field \"" + f + "\" must be " + want_en + ".", f));
  }
  void fail_value(const std::string& f) {
    absorb(Error::invalid("json.unknown_value", "Trường \"" + f + "\" có giá trị không hợp lệ.",
                          "Field \"" + f + "\" has an unknown value.", f));
  }

  static const json& empty_array() {
    static const json a = json::array();
    return a;
  }
  static const json& empty_object() {
    static const json o = json::object();
    return o;
  }

  const json& object_;
  std::string path_;
  std::optional<Error> error_;
};

std::string item_path(const std::string& path, std::string_view key, std::size_t i) {
  return (path.empty() ? std::string(key) : path + "." + std::string(key)) + "[" + std::to_string(i) + "]";
}

// ---- enums without a domain name function
// ------------------------------------------------------------------

const char* applicant_kind_name(domain::ApplicantKind k) {
  return k == domain::ApplicantKind::kOrganisation ? "organisation" : "person";
}

std::optional<domain::ApplicantKind> parse_applicant_kind(std::string_view s) {
  if (s == "person") return domain::ApplicantKind::kPerson;
  if (s == "organisation") return domain::ApplicantKind::kOrganisation;
  return std::nullopt;
}

std::optional<domain::calendar::Timeliness> parse_timeliness(std::string_view s) {
  using domain::calendar::Timeliness;
  for (Timeliness t : {Timeliness::kEarly, Timeliness::kOnTime, Timeliness::kLate})
    if (s == domain::calendar::timeliness_name(t)) return t;
  return std::nullopt;
}

// ---- dossier
// -----------------------------------------------------------------------------------------------

// Members in key order, as nlohmann::json (a std::map) would write them.
void write_applicant(JsonWriter& w, const domain::Applicant& a) {
  w.begin_object()
      .member("address", a.address)
      .member("commune_code", a.commune_code)
      .member("email", a.email)
      .member("full_name", a.full_name)
      .member("kind", applicant_kind_name(a.kind))
      .member("personal_id", a.personal_id)
      .member("phone", a.phone)
      .member("tax_code", a.tax_code)
      .member("user_id", a.user_id)
      .end_object();
}

domain::Applicant applicant_from(StoredReader& parent) {
  StoredReader r(parent.object("applicant"), parent.field("applicant"));
  domain::Applicant a;
  a.kind = r.enumeration("kind", parse_applicant_kind, domain::ApplicantKind::kPerson);
  a.full_name = r.str("full_name");
  a.personal_id = r.str("personal_id");
  a.tax_code = r.str("tax_code");
  a.address = r.str("address");
  a.commune_code = r.str("commune_code");
  a.phone = r.str("phone");
  a.email = r.str("email");
  a.user_id = r.i64("user_id");
  parent.absorb(r.status());
  return a;
}

void write_components(JsonWriter& w, const std::vector<domain::ComponentFile>& files) {
  w.begin_array();
  for (const auto& f : files) {
    w.begin_object()
        .member("content_type", f.content_type)
        .member("name", f.name)
        .member("sha256", f.sha256)
        .member("size", f.size)
        .end_object();
  }
  w.end_array();
}

std::vector<domain::ComponentFile> components_from(StoredReader& parent, const std::string& path) {
  std::vector<domain::ComponentFile> out;
  const json& items = parent.array("components");
  for (std::size_t i = 0; i < items.size(); ++i) {
    StoredReader r(items[i], item_path(path, "components", i));
    out.push_back({r.str("name"), r.str("content_type"), r.i64("size"), r.str("sha256")});
    parent.absorb(r.status());
  }
  return out;
}

void write_tasks(JsonWriter& w, const std::vector<domain::Task>& tasks) {
  w.begin_array();
  for (const auto& t : tasks) {
    w.begin_object()
        .member("agency_code", t.agency_code)
        .member("allowed_seconds", t.allowed_seconds)
        .member("branch", t.branch)
        .member("due_at", t.due_at)
        .member("role", domain::role_name(t.role))
        .member("started_at", t.started_at)
        .member("step_id", t.step_id)
        .end_object();
  }
  w.end_array();
}

std::vector<domain::Task> tasks_from(StoredReader& parent, const std::string& path) {
  std::vector<domain::Task> out;
  const json& items = parent.array("tasks");
  for (std::size_t i = 0; i < items.size(); ++i) {
    StoredReader r(items[i], item_path(path, "tasks", i));
    domain::Task t;
    t.step_id = r.str("step_id");
    t.branch = r.i32("branch");
    t.agency_code = r.str("agency_code");
    t.role = r.enumeration("role", domain::parse_role, domain::Role::kSpecialist);
    t.started_at = r.i64("started_at");
    t.due_at = r.i64("due_at");
    t.allowed_seconds = r.i64("allowed_seconds");
    out.push_back(std::move(t));
    parent.absorb(r.status());
  }
  return out;
}

void write_pauses(JsonWriter& w, const std::vector<domain::calendar::PausedInterval>& pauses) {
  w.begin_array();
  for (const auto& p : pauses) w.begin_object().member("from", p.from).member("to", p.to).end_object();
  w.end_array();
}

std::vector<domain::calendar::PausedInterval> pauses_from(StoredReader& parent, const std::string& path) {
  std::vector<domain::calendar::PausedInterval> out;
  const json& items = parent.array("pauses");
  for (std::size_t i = 0; i < items.size(); ++i) {
    StoredReader r(items[i], item_path(path, "pauses", i));
    out.push_back({r.i64("from"), r.i64("to")});
    parent.absorb(r.status());
  }
  return out;
}

void write_result(JsonWriter& w, const domain::ResultDocument& r, std::string_view download) {
  w.begin_object().member("agency_code", r.agency_code).member("content_type", r.content_type);
  if (!download.empty()) w.member("download", download);
  w.member("issued_at", r.issued_at)
      .member("sealed_by", r.sealed_by)
      .member("sha256", r.sha256)
      .member("signed_by", r.signed_by)
      .member("size", r.size)
      .member("title", r.title)
      .end_object();
}

std::optional<domain::ResultDocument> result_from(StoredReader& parent) {
  const json& obj = parent.object("result");
  if (obj.empty()) return std::nullopt;
  StoredReader r(obj, parent.field("result"));
  domain::ResultDocument out;
  out.title = r.str("title");
  out.sha256 = r.str("sha256");
  out.size = r.i64("size");
  out.content_type = r.str("content_type");
  out.issued_at = r.i64("issued_at");
  out.agency_code = r.str("agency_code");
  out.signed_by = r.str("signed_by");
  out.sealed_by = r.str("sealed_by");
  parent.absorb(r.status());
  return out;
}

// The scalar members of the dossier (everything but applicant and the lists).
void dossier_scalars_from(StoredReader& r, Dossier& d) {
  using domain::DossierState;
  d.code = r.str("code");
  d.procedure_code = r.str("procedure_code");
  d.workflow_version = r.i32("workflow_version");
  d.rule_version = r.str("rule_version");
  d.receiving_agency = r.str("receiving_agency");
  d.channel = r.enumeration("channel", domain::parse_channel, domain::Channel::kOnline);
  d.fee_vnd = r.i64("fee_vnd");
  d.fee_paid = r.boolean("fee_paid");
  d.state = r.enumeration("state", domain::parse_dossier_state, DossierState::kSubmittedOnline);
  d.state_before_pause =
      r.enumeration("state_before_pause", domain::parse_dossier_state, DossierState::kSubmittedOnline);
  d.submitted_at = r.i64("submitted_at");
  d.received_at = r.i64("received_at");
  d.due_at = r.i64("due_at");
  d.original_due_at = r.i64("original_due_at");
  d.desk_due_at = r.i64("desk_due_at");
  d.finished_at = r.i64("finished_at");
  d.total_allowed_seconds = r.i64("total_allowed_seconds");
  d.supplement_requests = r.i32("supplement_requests");
  d.extended = r.boolean("extended");
  d.version = r.i64("version");
}

// ---- workflow
// ----------------------------------------------------------------------------------------------

constexpr std::size_t kMaxCode = 64;
constexpr std::size_t kMaxName = 300;
constexpr std::size_t kMaxSteps = 100;
constexpr std::size_t kMaxBranches = 20;
constexpr std::size_t kMaxFormFields = 200;
constexpr std::size_t kMaxOptions = 200;
constexpr std::int64_t kMaxFieldLength = 100'000;
constexpr std::int64_t kMaxShare = 1000;
constexpr std::int64_t kMaxVersion = 1'000'000;

Error unknown_name(const std::string& field, const std::string& value) {
  return Error::invalid("json.unknown_value",
                        "Trường \"" + field + "\" có giá trị không hợp lệ \"" + value + "\".",
                        "Field \"" + field + "\" has an unknown value \"" + value + "\".", field);
}

domain::Role read_role(JsonObjectReader& r) {
  const std::string name = r.required_string("role", kMaxCode);
  if (r.failed()) return domain::Role::kSpecialist;
  const std::optional<domain::Role> role = domain::parse_role(name);
  if (!role) r.fail(unknown_name(r.field_path("role"), name));
  return role.value_or(domain::Role::kSpecialist);
}

domain::UnitSource read_unit(JsonObjectReader& r) {
  const std::string name = r.optional_string("unit", kMaxCode, "receiving_agency");
  const std::optional<domain::UnitSource> unit = domain::parse_unit_source(name);
  if (!unit) r.fail(unknown_name(r.field_path("unit"), name));
  return unit.value_or(domain::UnitSource::kReceivingAgency);
}

std::map<std::string, std::string> read_actions(JsonObjectReader& r) {
  std::map<std::string, std::string> out;
  const json* actions = r.optional_object("actions");
  if (!actions) return out;
  for (const auto& [name, target] : actions->items()) {
    const std::string f = r.field_path("actions") + "." + name;
    if (!target.is_string()) {
      r.fail(Error::invalid("json.wrong_type", "Trường \"" + f + "\" phải là mã bước kế tiếp (chuỗi ký tự).",
                            "Field \"" + f + "\" must be the next step's id (a string).", f));
      return out;
    }
    out.emplace(name, target.get<std::string>());
  }
  return out;
}

std::vector<domain::ConsultationBranch> read_branches(JsonObjectReader& r) {
  std::vector<domain::ConsultationBranch> out;
  const auto items = r.optional_object_array("consult", kMaxBranches);
  for (std::size_t i = 0; i < items.size(); ++i) {
    JsonObjectReader b(*items[i], r.field_path("consult") + "[" + std::to_string(i) + "]");
    domain::ConsultationBranch branch;
    branch.agency_code = b.required_string("agency_code", kMaxCode);
    branch.role = read_role(b);
    auto st = b.finish();
    if (!st.ok()) r.fail(std::move(st).error());
    out.push_back(std::move(branch));
  }
  return out;
}

core::Result<domain::WorkflowStep> read_step(const json& object, const std::string& path) {
  JsonObjectReader r(object, path);
  domain::WorkflowStep s;
  s.id = r.required_string("id", kMaxCode);
  s.name = r.required_string("name", kMaxName);
  s.role = read_role(r);
  s.unit = read_unit(r);
  s.agency_code = r.optional_string("agency_code", kMaxCode);
  s.share = static_cast<std::int32_t>(r.optional_int("share", 0, kMaxShare).value_or(1));
  s.actions = read_actions(r);
  s.consult = read_branches(r);
  MOTCUA_RETURN_IF_ERROR(r.finish());
  return s;
}

core::Result<domain::FormField> read_form_field(const json& object, const std::string& path) {
  JsonObjectReader r(object, path);
  domain::FormField f;
  f.key = r.required_string("key", kMaxCode);
  f.label = r.required_string("label", kMaxName);
  const std::string type = r.optional_string("type", kMaxCode, "text");
  const std::optional<domain::FieldType> parsed = domain::parse_field_type(type);
  if (!parsed) r.fail(unknown_name(r.field_path("type"), type));
  f.type = parsed.value_or(domain::FieldType::kText);
  f.required = r.optional_bool("required", false);
  f.max_length = static_cast<int>(r.optional_int("max_length", 1, kMaxFieldLength).value_or(500));
  f.options = r.optional_string_array("options", kMaxOptions, kMaxName);
  MOTCUA_RETURN_IF_ERROR(r.finish());
  return f;
}

core::Result<WorkflowDefinition> read_workflow(const json& doc, const std::string& path) {
  if (!doc.is_object()) {
    const std::string f = path.empty() ? "workflow" : path;
    return Error::invalid("json.wrong_type", "Trường \"" + f + "\" phải là đối tượng {...}.",
                          "Field \"" + f + "\" must be an object {...}.", f);
  }
  JsonObjectReader r(doc, path);
  WorkflowDefinition def;
  def.procedure_code = r.required_string("procedure_code", kMaxCode);
  def.agency_code = r.optional_string("agency_code", kMaxCode);
  def.version = static_cast<std::int32_t>(r.optional_int("version", 1, kMaxVersion).value_or(1));
  const auto steps = r.optional_object_array("steps", kMaxSteps);
  const auto form = r.optional_object_array("form", kMaxFormFields);
  MOTCUA_RETURN_IF_ERROR(r.finish());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    auto step = read_step(*steps[i], r.field_path("steps") + "[" + std::to_string(i) + "]");
    if (!step) return std::move(step).error();
    def.steps.push_back(std::move(*step));
  }
  for (std::size_t i = 0; i < form.size(); ++i) {
    auto field = read_form_field(*form[i], r.field_path("form") + "[" + std::to_string(i) + "]");
    if (!field) return std::move(field).error();
    def.form.push_back(std::move(*field));
  }
  return def;
}

json branches_to_json(const std::vector<domain::ConsultationBranch>& branches) {
  json out = json::array();
  for (const auto& b : branches) {
    out.push_back({{"agency_code", b.agency_code}, {"role", domain::role_name(b.role)}});
  }
  return out;
}

json form_field_to_json(const domain::FormField& f) {
  return {{"key", f.key},           {"label", f.label},           {"type", domain::field_type_name(f.type)},
          {"required", f.required}, {"max_length", f.max_length}, {"options", f.options}};
}

json step_to_json(const domain::WorkflowStep& s) {
  json out = {{"id", s.id},
              {"name", s.name},
              {"role", domain::role_name(s.role)},
              {"unit", domain::unit_source_name(s.unit)},
              {"agency_code", s.agency_code},
              {"share", s.share},
              {"actions", s.actions}};
  if (!s.consult.empty()) out["consult"] = branches_to_json(s.consult);
  return out;
}

}  // namespace

void write_dossier_members(JsonWriter& w, const Dossier& d, bool with_identity,
                           std::string_view result_download) {
  w.key("applicant");
  write_applicant(w, d.applicant);
  w.member("channel", domain::channel_name(d.channel));
  if (with_identity) w.member("code", d.code);
  w.key("components");
  write_components(w, d.components);
  w.member("declaration", d.declaration)
      .member("desk_due_at", d.desk_due_at)
      .member("due_at", d.due_at)
      .member("extended", d.extended)
      .member("fee_paid", d.fee_paid)
      .member("fee_vnd", d.fee_vnd)
      .member("finished_at", d.finished_at)
      .member("original_due_at", d.original_due_at)
      .key("pauses");
  write_pauses(w, d.pauses);
  w.member("procedure_code", d.procedure_code)
      .member("received_at", d.received_at)
      .member("receiving_agency", d.receiving_agency);
  if (d.result) {
    w.key("result");
    write_result(w, *d.result, result_download);
  }
  w.member("rule_version", d.rule_version)
      .member("state", domain::dossier_state_name(d.state))
      .member("state_before_pause", domain::dossier_state_name(d.state_before_pause))
      .member("submitted_at", d.submitted_at)
      .member("supplement_requests", d.supplement_requests)
      .key("tasks");
  write_tasks(w, d.tasks);
  w.member("total_allowed_seconds", d.total_allowed_seconds).member("unit_bindings", d.unit_bindings);
  if (with_identity) w.member("version", d.version);
  w.member("workflow_version", d.workflow_version);
}

void write_dossier_event_members(JsonWriter& w, const DossierEvent& e) {
  w.member("action", e.action)
      .member("actor", e.actor)
      .member("actor_user_id", e.actor_user_id)
      .member("allowed_seconds", e.allowed_seconds)
      .member("at", e.at)
      .member("from_agency", e.from_agency)
      .member("from_state", domain::dossier_state_name(e.from_state))
      .member("from_step", e.from_step)
      .member("note", e.note);
  if (e.timeliness) w.member("timeliness", domain::calendar::timeliness_name(*e.timeliness));
  w.member("to_agency", e.to_agency)
      .member("to_state", domain::dossier_state_name(e.to_state))
      .member("to_step", e.to_step)
      .member("used_seconds", e.used_seconds);
}

json dossier_to_json(const Dossier& d) {
  JsonWriter w;
  w.begin_object();
  write_dossier_members(w, d, true);
  w.end_object();
  return json::parse(w.str());
}

std::string encode_dossier_document(const Dossier& d) {
  JsonWriter w;
  w.begin_object();
  write_dossier_members(w, d, false);
  w.end_object();
  return w.str();
}

StoredForm stored_form(const Dossier& d) {
  return {encode_dossier_document(d), core::fold_for_search(d.applicant.full_name)};
}

core::Status DossierRepository::insert(const Dossier& d) {
  return insert(d, stored_form(d));
}

core::Result<std::int64_t> DossierRepository::update(const Dossier& d,
                                                     const std::vector<DossierEvent>& new_events) {
  return update(d, new_events, stored_form(d));
}

core::Result<Dossier> dossier_from_json(const json& doc) {
  StoredReader r(doc, "");
  Dossier d;
  dossier_scalars_from(r, d);
  d.unit_bindings = r.string_map("unit_bindings");
  d.applicant = applicant_from(r);
  d.declaration = r.string_map("declaration");
  d.components = components_from(r, "");
  d.tasks = tasks_from(r, "");
  d.pauses = pauses_from(r, "");
  d.result = result_from(r);
  MOTCUA_RETURN_IF_ERROR(r.status());
  return d;
}

json dossier_event_to_json(const DossierEvent& e) {
  JsonWriter w;
  w.begin_object();
  write_dossier_event_members(w, e);
  w.end_object();
  return json::parse(w.str());
}

core::Result<DossierEvent> dossier_event_from_json(const json& doc, const std::string& path) {
  using domain::DossierState;
  StoredReader r(doc, path);
  DossierEvent e;
  e.at = r.i64("at");
  e.actor_user_id = r.i64("actor_user_id");
  e.actor = r.str("actor");
  e.action = r.str("action");
  e.from_state = r.enumeration("from_state", domain::parse_dossier_state, DossierState::kSubmittedOnline);
  e.to_state = r.enumeration("to_state", domain::parse_dossier_state, DossierState::kSubmittedOnline);
  e.from_step = r.str("from_step");
  e.to_step = r.str("to_step");
  e.from_agency = r.str("from_agency");
  e.to_agency = r.str("to_agency");
  e.note = r.str("note");
  if (!r.str("timeliness").empty()) {
    e.timeliness = r.enumeration("timeliness", parse_timeliness, domain::calendar::Timeliness::kOnTime);
  }
  e.used_seconds = r.i64("used_seconds");
  e.allowed_seconds = r.i64("allowed_seconds");
  MOTCUA_RETURN_IF_ERROR(r.status());
  return e;
}

json workflow_to_json(const WorkflowDefinition& def) {
  json steps = json::array();
  for (const auto& s : def.steps) steps.push_back(step_to_json(s));
  json form = json::array();
  for (const auto& f : def.form) form.push_back(form_field_to_json(f));
  return {{"procedure_code", def.procedure_code},
          {"agency_code", def.agency_code},
          {"version", def.version},
          {"steps", std::move(steps)},
          {"form", std::move(form)}};
}

core::Result<WorkflowDefinition> workflow_from_stored_json(const json& doc) {
  return read_workflow(doc, "");
}

core::Result<WorkflowDefinition> workflow_from_json(const json& doc, const std::string& path) {
  auto def = read_workflow(doc, path);
  if (!def) return def;
  MOTCUA_RETURN_IF_ERROR(domain::validate_workflow(*def));
  return def;
}

}  // namespace motcua::app
