#include "app/procedure_codec.hpp"

#include <cstdio>

#include "app/json_input.hpp"

namespace motcua::app {

using core::Error;
using domain::Procedure;

std::optional<std::int32_t> parse_time_of_day(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -100; };
  const int h = digit(0) * 10 + digit(1);
  const int m = digit(3) * 10 + digit(4);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string format_time_of_day(std::int32_t minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 24, minutes % 60);
  return buf;
}

namespace {

template <typename T>
T parse_enum(JsonObjectReader& r, const char* key, const std::string& value,
             std::optional<T> (*parse)(std::string_view), const char* allowed) {
  auto parsed = parse(value);
  if (!parsed) {
    const auto f = r.field_path(key);
    r.fail(Error::invalid("json.bad_value",
                          "Giá trị của \"" + f + "\" không hợp lệ; chọn một trong: " + allowed + ".",
                          "Invalid value for \"" + f + "\"; allowed: " + allowed + ".", f));
    return T{};
  }
  return *parsed;
}

void read_time_limit(JsonObjectReader& r, Procedure& p) {
  const auto* tl = r.optional_object("time_limit");
  if (!tl) {
    if (!r.failed())
      r.fail(Error::invalid("json.missing", "Thiếu trường bắt buộc \"time_limit\".",
                            "Missing required field \"time_limit\".", r.field_path("time_limit")));
    return;
  }
  JsonObjectReader t(*tl, r.field_path("time_limit"));
  p.time_limit.value = static_cast<std::int32_t>(t.required_int("value", 0, 3650));
  p.time_limit.unit = parse_enum(t, "unit", t.required_string("unit", 20), domain::parse_time_limit_unit,
                                 "working_days, working_hours, days, months");
  p.time_limit.note = t.optional_string("note", 2000);
  const auto cutoff = t.optional_string("cutoff", 5);
  if (!cutoff.empty()) {
    p.time_limit.cutoff_minutes = parse_time_of_day(cutoff);
    if (!p.time_limit.cutoff_minutes) {
      const auto f = t.field_path("cutoff");
      t.fail(Error::invalid("json.bad_value", "Giờ chốt \"" + f + "\" phải có dạng HH:MM, ví dụ 15:00.",
                            "\"" + f + "\" must be a time HH:MM such as 15:00.", f));
    }
  }
  if (auto st = t.finish(); !st) r.fail(st.error());
}

void read_fees(JsonObjectReader& r, Procedure& p) {
  auto items = r.optional_object_array("fees", 50);
  for (std::size_t i = 0; i < items.size(); ++i) {
    JsonObjectReader f(*items[i], r.field_path("fees") + "[" + std::to_string(i) + "]");
    domain::Fee fee;
    fee.name = f.required_string("name", 500);
    fee.amount_vnd = f.required_int("amount_vnd", 0, 1'000'000'000'000);
    fee.note = f.optional_string("note", 2000);
    if (auto st = f.finish(); !st) r.fail(st.error());
    p.fees.push_back(std::move(fee));
  }
}

void read_components(JsonObjectReader& r, Procedure& p) {
  auto items = r.optional_object_array("components", 100);
  for (std::size_t i = 0; i < items.size(); ++i) {
    JsonObjectReader c(*items[i], r.field_path("components") + "[" + std::to_string(i) + "]");
    domain::DossierComponent comp;
    comp.name = c.required_string("name", 2000);
    comp.required = c.optional_bool("required", true);
    comp.quantity = c.optional_string("quantity", 200);
    comp.template_name = c.optional_string("template", 500);
    if (auto st = c.finish(); !st) r.fail(st.error());
    p.components.push_back(std::move(comp));
  }
}

void read_levels(JsonObjectReader& r, Procedure& p) {
  for (const auto& level : r.optional_string_array("levels", 5, 20)) {
    p.levels.push_back(parse_enum(r, "levels", level, domain::parse_procedure_level,
                                  "ministry, province, district, commune, other"));
  }
}

}  // namespace

core::Result<Procedure> procedure_from_json(const nlohmann::json& object, const std::string& path) {
  JsonObjectReader r(object, path);
  Procedure p;
  p.code = r.required_string("code", 8);
  p.name = r.required_string("name", 1000);
  p.field = r.required_string("field", 200);
  read_levels(r, p);
  p.online_level = parse_enum(r, "online_level", r.optional_string("online_level", 10, "none"),
                              domain::parse_online_level, "full, partial, none");
  read_time_limit(r, p);
  read_fees(r, p);
  read_components(r, p);
  p.result = r.optional_string("result", 4000);
  p.legal_basis = r.optional_string_array("legal_basis", 100, 1000);
  p.steps = r.optional_string("steps", 50000);
  p.requirements = r.optional_string("requirements", 50000);
  p.applicants = r.optional_string("applicants", 2000);
  p.decision = r.optional_string("decision", 200);
  p.agency_codes = r.optional_string_array("agency_codes", 500, 13);
  p.source_url = r.optional_string("source_url", 2000);
  p.version = r.optional_int("version", 0, INT64_MAX).value_or(0);
  r.optional_int("updated_at", 0, INT64_MAX);  // accepted (as exported) and ignored
  MOTCUA_RETURN_IF_ERROR(r.finish());
  auto st = domain::validate_procedure(p);
  if (!st) {
    Error e = st.error();
    if (!path.empty() && !e.field.empty()) e.field = path + "." + e.field;
    return e;
  }
  for (const auto& code : p.agency_codes)
    MOTCUA_RETURN_IF_ERROR(domain::validate_agency_code(code, "agency_codes"));
  return p;
}

namespace {

nlohmann::json time_limit_to_json(const domain::TimeLimit& t) {
  nlohmann::json j = {{"value", t.value}, {"unit", domain::time_limit_unit_name(t.unit)}, {"note", t.note}};
  if (t.cutoff_minutes) j["cutoff"] = format_time_of_day(*t.cutoff_minutes);
  return j;
}

nlohmann::json levels_to_json(const std::vector<domain::ProcedureLevel>& levels) {
  auto j = nlohmann::json::array();
  for (auto l : levels) j.push_back(domain::procedure_level_name(l));
  return j;
}

}  // namespace

nlohmann::json procedure_to_json(const Procedure& p) {
  auto fees = nlohmann::json::array();
  for (const auto& f : p.fees)
    fees.push_back({{"name", f.name}, {"amount_vnd", f.amount_vnd}, {"note", f.note}});
  auto comps = nlohmann::json::array();
  for (const auto& c : p.components) {
    comps.push_back({{"name", c.name},
                     {"required", c.required},
                     {"quantity", c.quantity},
                     {"template", c.template_name}});
  }
  return {{"code", p.code},
          {"name", p.name},
          {"field", p.field},
          {"levels", levels_to_json(p.levels)},
          {"online_level", domain::online_level_name(p.online_level)},
          {"time_limit", time_limit_to_json(p.time_limit)},
          {"fees", fees},
          {"components", comps},
          {"result", p.result},
          {"legal_basis", p.legal_basis},
          {"steps", p.steps},
          {"requirements", p.requirements},
          {"applicants", p.applicants},
          {"decision", p.decision},
          {"agency_codes", p.agency_codes},
          {"source_url", p.source_url},
          {"version", p.version},
          {"updated_at", p.updated_at}};
}

nlohmann::json procedure_summary_to_json(const ProcedureSummary& s) {
  return {{"code", s.code},
          {"name", s.name},
          {"field", s.field},
          {"levels", levels_to_json(s.levels)},
          {"online_level", domain::online_level_name(s.online_level)},
          {"time_limit", time_limit_to_json(s.time_limit)}};
}

}  // namespace motcua::app
