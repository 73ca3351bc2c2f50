#include "app/demo.hpp"

#include "app/dossier_codec.hpp"
#include "app/json_input.hpp"
#include "app/procedure_codec.hpp"

namespace motcua::app {

using core::Error;
using nlohmann::json;

namespace {

std::optional<core::Date> read_date(JsonObjectReader& r, const char* key) {
  const auto text = r.optional_string(key, 10);
  if (text.empty()) return std::nullopt;
  auto d = core::parse_date(text);
  if (!d) {
    const auto f = r.field_path(key);
    r.fail(Error::invalid("json.bad_date", "\"" + f + "\" phải là ngày dạng YYYY-MM-DD.",
                          "\"" + f + "\" must be a date YYYY-MM-DD.", f));
  }
  return d;
}

core::Result<domain::AdministrativeUnit> unit_from_json(const json& j, const std::string& path) {
  JsonObjectReader r(j, path);
  domain::AdministrativeUnit u;
  u.code = r.required_string("code", 5);
  u.name = r.required_string("name", 200);
  u.type = r.optional_string("type", 100);
  const auto level = domain::parse_unit_level(r.required_string("level", 10));
  if (!level)
    r.fail(Error::invalid("json.bad_value", "Cấp đơn vị phải là province, district hoặc commune.",
                          "level must be province, district or commune.", r.field_path("level")));
  u.level = level.value_or(domain::UnitLevel::kCommune);
  u.parent_code = r.optional_string("parent_code", 5);
  u.valid_from = read_date(r, "valid_from");
  u.valid_to = read_date(r, "valid_to");
  MOTCUA_RETURN_IF_ERROR(r.finish());
  return u;
}

}  // namespace

core::Status import_units_json(OrganisationService& org, std::string_view text) {
  auto doc = parse_json_object(text);
  if (!doc) return doc.error();
  JsonObjectReader top(*doc);
  top.optional_string("source", 4000);
  std::vector<domain::AdministrativeUnit> units;
  auto items = top.optional_object_array("units", 200000);
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto u = unit_from_json(*items[i], "units[" + std::to_string(i) + "]");
    if (!u) return u.error();
    units.push_back(std::move(*u));
  }
  std::vector<SuccessorLink> links;
  auto succ = top.optional_object_array("successors", 200000);
  for (std::size_t i = 0; i < succ.size(); ++i) {
    JsonObjectReader r(*succ[i], "successors[" + std::to_string(i) + "]");
    SuccessorLink link{r.required_string("code", 5), {}, r.required_string("successor_code", 5)};
    auto on = read_date(r, "on");
    MOTCUA_RETURN_IF_ERROR(r.finish());
    if (!on)
      return Error::invalid("json.missing", "Thiếu ngày \"on\".", "Missing \"on\".", r.field_path("on"));
    link.on = *on;
    links.push_back(std::move(link));
  }
  MOTCUA_RETURN_IF_ERROR(top.finish());
  return org.load_units(units, links);
}

core::Status import_agencies_json(OrganisationService& org, std::string_view text) {
  auto doc = parse_json_object(text);
  if (!doc) return doc.error();
  JsonObjectReader top(*doc);
  top.optional_string("note", 4000);
  std::vector<domain::Agency> agencies;
  auto items = top.optional_object_array("agencies", 100000);
  for (std::size_t i = 0; i < items.size(); ++i) {
    JsonObjectReader r(*items[i], "agencies[" + std::to_string(i) + "]");
    domain::Agency a;
    a.code = r.required_string("code", 13);
    a.name = r.required_string("name", 300);
    const auto kind = domain::parse_agency_kind(r.required_string("kind", 30));
    if (!kind)
      r.fail(Error::invalid("json.bad_value", "Loại cơ quan không hợp lệ.", "Unknown agency kind.",
                            r.field_path("kind")));
    a.kind = kind.value_or(domain::AgencyKind::kOther);
    a.unit_code = r.required_string("unit_code", 5);
    a.parent_code = r.optional_string("parent_code", 13);
    MOTCUA_RETURN_IF_ERROR(r.finish());
    agencies.push_back(std::move(a));
  }
  MOTCUA_RETURN_IF_ERROR(top.finish());
  return org.load_agencies(agencies);
}

core::Result<ImportReport> import_procedures_json(CatalogueService& catalogue, std::string_view text) {
  auto doc = parse_json_object(text);
  if (!doc) return doc.error();
  JsonObjectReader top(*doc);
  std::vector<domain::Procedure> items;
  auto list = top.optional_object_array("procedures", 100000);
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto p = procedure_from_json(*list[i], "procedures[" + std::to_string(i) + "]");
    if (!p) return p.error();
    items.push_back(std::move(*p));
  }
  MOTCUA_RETURN_IF_ERROR(top.finish());
  return catalogue.import_trusted(items, "operator");
}

namespace {

core::Result<NewUser> user_from_json(const json& j, const std::string& path, const std::string& password) {
  JsonObjectReader r(j, path);
  NewUser nu;
  nu.password = password;
  nu.user.username = r.required_string("username", 64);
  nu.user.full_name = r.required_string("full_name", 200);
  const auto kind = domain::parse_user_kind(r.required_string("kind", 20));
  if (!kind)
    r.fail(Error::invalid("json.bad_value", "Loại tài khoản phải là official, citizen hoặc system.",
                          "kind must be official, citizen or system.", r.field_path("kind")));
  nu.user.kind = kind.value_or(domain::UserKind::kCitizen);
  nu.user.email = r.optional_string("email", 200);
  nu.user.phone = r.optional_string("phone", 30);
  nu.user.personal_id = r.optional_string("personal_id", 12);
  auto roles = r.optional_object_array("roles", 100);
  for (std::size_t i = 0; i < roles.size(); ++i) {
    JsonObjectReader rr(*roles[i], r.field_path("roles") + "[" + std::to_string(i) + "]");
    const auto role = domain::parse_role(rr.required_string("role", 30));
    if (!role)
      rr.fail(
          Error::invalid("json.bad_value", "Vai trò không hợp lệ.", "Unknown role.", rr.field_path("role")));
    nu.user.roles.push_back(
        {role.value_or(domain::Role::kSpecialist), rr.required_string("agency_code", 13)});
    MOTCUA_RETURN_IF_ERROR(rr.finish());
  }
  MOTCUA_RETURN_IF_ERROR(r.finish());
  return nu;
}

}  // namespace

core::Result<int> import_users_json(AuthService& auth, std::string_view text, const std::string& password) {
  auto doc = parse_json_object(text);
  if (!doc) return doc.error();
  JsonObjectReader top(*doc);
  top.optional_string("password_note", 4000);
  auto list = top.optional_object_array("users", 100000);
  std::vector<NewUser> users;
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto u = user_from_json(*list[i], "users[" + std::to_string(i) + "]", password);
    if (!u) return u.error();
    users.push_back(std::move(*u));
  }
  MOTCUA_RETURN_IF_ERROR(top.finish());
  // One argon2id hash for the shared initial password: hashing is deliberately slow (~50 ms each).
  auto hash = auth.hash_password("", password);
  if (!hash) return hash.error();
  for (auto& u : users) {
    u.password_hash = *hash;
    auto id = auth.create_user_trusted(u, "operator");
    if (!id) return id.error();
  }
  return static_cast<int>(users.size());
}

core::Result<int> import_workflows_json(DossierService& dossiers, std::string_view text) {
  auto doc = parse_json_object(text);
  if (!doc) return doc.error();
  JsonObjectReader top(*doc);
  top.optional_string("note", 4000);
  std::vector<domain::WorkflowDefinition> defs;
  auto list = top.optional_object_array("workflows", 100000);
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto def = workflow_from_json(*list[i], "workflows[" + std::to_string(i) + "]");
    if (!def) return def.error();
    defs.push_back(std::move(*def));
  }
  MOTCUA_RETURN_IF_ERROR(top.finish());
  MOTCUA_RETURN_IF_ERROR(dossiers.load_workflows(defs));
  return static_cast<int>(defs.size());
}

core::Result<DemoSummary> load_demo(Store& store, OrganisationService& org, CatalogueService& catalogue,
                                    AuthService& auth, DossierService& dossiers, const DemoFiles& files,
                                    const std::string& password) {
  DemoSummary summary;
  bool empty = false;
  MOTCUA_RETURN_IF_ERROR(store.read([&](Repositories& r) -> core::Status {
    auto units = r.units().count();
    auto procs = r.procedures().count();
    if (!units) return units.error();
    if (!procs) return procs.error();
    empty = *units == 0 && *procs == 0;
    return {};
  }));
  if (!empty) {
    return Error{core::ErrorCode::kFailedPrecondition,
                 "demo.not_empty",
                 "Cơ sở dữ liệu đã có dữ liệu; chỉ nạp tỉnh mẫu vào cơ sở dữ liệu trống.",
                 "The database is not empty; the demo province loads only into an empty database.",
                 {}};
  }
  MOTCUA_RETURN_IF_ERROR(import_units_json(org, files.units));
  MOTCUA_RETURN_IF_ERROR(import_agencies_json(org, files.agencies));
  auto report = import_procedures_json(catalogue, files.procedures);
  if (!report) return report.error();
  auto users = import_users_json(auth, files.users, password);
  if (!users) return users.error();
  auto workflows = import_workflows_json(dossiers, files.workflows);
  if (!workflows) return workflows.error();
  summary.workflows = *workflows;
  MOTCUA_RETURN_IF_ERROR(store.read([&](Repositories& r) -> core::Status {
    summary.units = static_cast<int>(r.units().count().value());
    return {};
  }));
  summary.agencies = static_cast<int>(org.agencies().value().size());
  summary.procedures = report->created;
  summary.users = *users;
  return summary;
}

}  // namespace motcua::app
