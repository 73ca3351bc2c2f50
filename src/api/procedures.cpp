#include "api/procedures.hpp"

#include "app/json_input.hpp"
#include "app/permissions.hpp"
#include "app/procedure_codec.hpp"
#include "core/text.hpp"

namespace motcua::api {

using core::Error;
using http::Request;
using http::Response;

namespace {

core::Result<app::ProcedureQuery> query_from(const Request& req) {
  app::ProcedureQuery q;
  MOTCUA_RETURN_IF_ERROR(check_utf8_query(req, {"q", "field", "level", "after"}));
  q.text = req.query_param("q").value_or("");
  q.field = core::to_nfc(req.query_param("field").value_or(""));
  q.after_code = req.query_param("after").value_or("");
  if (auto level = req.query_param("level"); level && !level->empty()) {
    q.level = domain::parse_procedure_level(*level);
    if (!q.level) {
      return Error::invalid("query.bad_level",
                            "Cấp thực hiện phải là ministry, province, district, commune hoặc other.",
                            "level must be ministry, province, district, commune or other.", "level");
    }
  }
  auto limit = int_query(req, "limit", 1, 100, 20);
  if (!limit) return limit.error();
  q.limit = *limit;
  return q;
}

Response list(ApiContext& ctx, Request& req) {
  auto q = query_from(req);
  if (!q) return error(q.error());
  auto items = ctx.catalogue.search(*q);
  if (!items) return error(items.error());
  nlohmann::json body = {{"items", nlohmann::json::array()}, {"next_after", nullptr}};
  for (const auto& s : *items) body["items"].push_back(app::procedure_summary_to_json(s));
  if (q->text.empty() && items->size() == static_cast<std::size_t>(q->limit))
    body["next_after"] = items->back().code;
  return json_response(200, body);
}

Response detail(ApiContext& ctx, Request& req) {
  auto json = ctx.catalogue.public_json(std::string(req.param("code")));
  if (!json) return error(json.error());
  return Response::json(200, std::move(*json));
}

core::Result<domain::Procedure> body_procedure(const Request& req) {
  auto doc = app::parse_json_object(req.body);
  if (!doc) return doc.error();
  return app::procedure_from_json(*doc);
}

Response create(ApiContext& ctx, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  auto p = body_procedure(req);
  if (!p) return error(p.error());
  if (auto st = ctx.catalogue.create(*actor, *p, req.remote); !st) return error(st.error());
  auto json = ctx.catalogue.public_json(p->code);
  if (!json) return error(json.error());
  Response r = Response::json(201, **json);
  r.headers.emplace_back("Location", "/api/v1/procedures/" + p->code);
  return r;
}

Response update(ApiContext& ctx, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  auto p = body_procedure(req);
  if (!p) return error(p.error());
  if (p->code != req.param("code")) {
    return error(Error::invalid("procedure.code_mismatch",
                                "Mã thủ tục trong nội dung phải trùng với mã trên địa chỉ.",
                                "The code in the body must equal the code in the URL.", "code"));
  }
  auto v = ctx.catalogue.update(*actor, *p, req.remote);
  if (!v) return error(v.error());
  auto json = ctx.catalogue.public_json(p->code);
  if (!json) return error(json.error());
  return Response::json(200, **json);
}

Response remove(ApiContext& ctx, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  if (auto st = ctx.catalogue.remove(*actor, std::string(req.param("code")), req.remote); !st)
    return error(st.error());
  return Response::json(200, R"({"deleted":true})");
}

Response import(ApiContext& ctx, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  if (auto p = app::permissions::can_manage_catalogue(*actor); !p) {
    ctx.auth.audit_denial(*actor, "procedure.import", "catalogue", p.error(), req.remote);
    return error(p.error());
  }
  auto doc = app::parse_json_object(req.body);
  if (!doc) return error(doc.error());
  app::JsonObjectReader top(*doc);
  std::vector<domain::Procedure> items;
  auto list = top.optional_object_array("procedures", 10000);
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto p = app::procedure_from_json(*list[i], "procedures[" + std::to_string(i) + "]");
    if (!p) return error(p.error());
    items.push_back(std::move(*p));
  }
  if (auto st = top.finish(); !st) return error(st.error());
  auto report = ctx.catalogue.import(*actor, items, req.remote);
  if (!report) return error(report.error());
  return json_response(200, {{"created", report->created}, {"updated", report->updated}});
}

Response export_all(ApiContext& ctx, Request&) {
  auto all = ctx.catalogue.export_all();
  if (!all) return error(all.error());
  nlohmann::json body = {{"procedures", nlohmann::json::array()}};
  for (const auto& p : *all) body["procedures"].push_back(app::procedure_to_json(p));
  return json_response(200, body);
}

Response fields(ApiContext& ctx, Request&) {
  auto f = ctx.catalogue.fields();
  if (!f) return error(f.error());
  return json_response(200, {{"fields", *f}});
}

}  // namespace

void add_procedure_routes(http::Router& router, ApiContext& ctx) {
  router.get("/api/v1/procedures", bind(ctx, list));
  router.post("/api/v1/procedures", bind(ctx, create));
  router.get("/api/v1/procedures/export", bind(ctx, export_all));
  router.post("/api/v1/procedures/import", bind(ctx, import));
  router.get("/api/v1/procedures/{code}", bind(ctx, detail));
  router.put("/api/v1/procedures/{code}", bind(ctx, update));
  router.del("/api/v1/procedures/{code}", bind(ctx, remove));
  router.get("/api/v1/fields", bind(ctx, fields));
}

}  // namespace motcua::api
