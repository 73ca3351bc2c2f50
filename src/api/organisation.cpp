#include "api/organisation.hpp"

#include "app/json_input.hpp"

namespace motcua::api {

using core::Error;
using http::Request;
using http::Response;

nlohmann::json unit_to_json(const domain::AdministrativeUnit& u) {
  auto date = [](const std::optional<core::Date>& d) -> nlohmann::json {
    return d ? nlohmann::json(core::format_date(*d)) : nlohmann::json(nullptr);
  };
  return {{"code", u.code},
          {"name", u.name},
          {"type", u.type},
          {"level", domain::unit_level_name(u.level)},
          {"parent_code", u.parent_code},
          {"valid_from", date(u.valid_from)},
          {"valid_to", date(u.valid_to)},
          {"successor_codes", u.successor_codes}};
}

nlohmann::json agency_to_json(const domain::Agency& a) {
  return {{"code", a.code},
          {"name", a.name},
          {"kind", domain::agency_kind_name(a.kind)},
          {"unit_code", a.unit_code},
          {"parent_code", a.parent_code}};
}

namespace {

core::Result<std::optional<core::Date>> date_query(const Request& req) {
  auto v = req.query_param("date");
  if (!v || v->empty()) return std::optional<core::Date>{};
  auto d = core::parse_date(*v);
  if (!d) {
    return Error::invalid("query.bad_date", "Tham số \"date\" phải là ngày có thật dạng YYYY-MM-DD.",
                          "Query parameter \"date\" must be a real date YYYY-MM-DD.", "date");
  }
  return std::optional<core::Date>{*d};
}

Response list_units(ApiContext& ctx, Request& req) {
  app::UnitFilter f;
  if (auto st = check_utf8_query(req, {"level", "parent", "after"}); !st) return error(st.error());
  auto on = date_query(req);
  if (!on) return error(on.error());
  f.on = on->value_or(ctx.organisation.today());
  if (auto level = req.query_param("level"); level && !level->empty()) {
    f.level = domain::parse_unit_level(*level);
    if (!f.level) {
      return error(Error::invalid("query.bad_level", "Cấp đơn vị phải là province, district hoặc commune.",
                                  "level must be province, district or commune.", "level"));
    }
  }
  f.parent_code = req.query_param("parent").value_or("");
  f.after_code = req.query_param("after").value_or("");
  auto limit = int_query(req, "limit", 1, 1000, 100);
  if (!limit) return error(limit.error());
  f.limit = *limit;
  auto units = ctx.organisation.units(f);
  if (!units) return error(units.error());
  nlohmann::json body = {{"items", nlohmann::json::array()}, {"next_after", nullptr}};
  for (const auto& u : *units) body["items"].push_back(unit_to_json(u));
  if (units->size() == static_cast<std::size_t>(f.limit)) body["next_after"] = units->back().code;
  return json_response(200, body);
}

Response unit_detail(ApiContext& ctx, Request& req) {
  auto on = date_query(req);
  if (!on) return error(on.error());
  auto view = ctx.organisation.unit(std::string(req.param("code")), *on);
  if (!view) return error(view.error());
  nlohmann::json body = unit_to_json(view->unit);
  body["predecessors"] = nlohmann::json::array();
  for (const auto& p : view->predecessors) body["predecessors"].push_back(unit_to_json(p));
  body["history"] = nlohmann::json::array();
  for (const auto& h : view->history) body["history"].push_back(unit_to_json(h));
  return json_response(200, body);
}

Response list_agencies(ApiContext& ctx, Request&) {
  auto agencies = ctx.organisation.agencies();
  if (!agencies) return error(agencies.error());
  nlohmann::json body = {{"items", nlohmann::json::array()}};
  for (const auto& a : *agencies) body["items"].push_back(agency_to_json(a));
  return json_response(200, body);
}

Response agency_detail(ApiContext& ctx, Request& req) {
  auto a = ctx.organisation.agency(std::string(req.param("code")));
  if (!a) return error(a.error());
  return json_response(200, agency_to_json(*a));
}

Response create_agency(ApiContext& ctx, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  auto doc = app::parse_json_object(req.body);
  if (!doc) return error(doc.error());
  app::JsonObjectReader r(*doc);
  domain::Agency a;
  a.code = r.required_string("code", 13);
  a.name = r.required_string("name", 300);
  auto kind = domain::parse_agency_kind(r.required_string("kind", 30));
  if (!kind) {
    r.fail(Error::invalid(
        "json.bad_value", "\"kind\" phải là people_committee, department, one_stop_section hoặc other.",
        "\"kind\" must be people_committee, department, one_stop_section or other.", "kind"));
  }
  a.kind = kind.value_or(domain::AgencyKind::kOther);
  a.unit_code = r.required_string("unit_code", 5);
  a.parent_code = r.optional_string("parent_code", 13);
  if (auto st = r.finish(); !st) return error(st.error());
  if (auto st = ctx.organisation.create_agency(*actor, a, req.remote); !st) return error(st.error());
  return json_response(201, agency_to_json(a));
}

}  // namespace

void add_organisation_routes(http::Router& router, ApiContext& ctx) {
  router.get("/api/v1/units", bind(ctx, list_units));
  router.get("/api/v1/units/{code}", bind(ctx, unit_detail));
  router.get("/api/v1/agencies", bind(ctx, list_agencies));
  router.post("/api/v1/agencies", bind(ctx, create_agency));
  router.get("/api/v1/agencies/{code}", bind(ctx, agency_detail));
}

}  // namespace motcua::api
