#include "api/auth_routes.hpp"

#include "app/json_input.hpp"
#include "app/permissions.hpp"
#include "core/time.hpp"

namespace motcua::api {

using core::Error;
using http::Request;
using http::Response;

nlohmann::json actor_to_json(const app::Actor& a) {
  auto roles = nlohmann::json::array();
  for (const auto& r : a.roles) {
    roles.push_back({{"role", domain::role_name(r.role)},
                     {"label", domain::role_label_vi(r.role)},
                     {"agency_code", r.agency_code}});
  }
  return {{"id", a.user_id},
          {"username", a.username},
          {"full_name", a.full_name},
          {"kind", domain::user_kind_name(a.kind)},
          {"roles", roles}};
}

namespace {

// Answered from the sign-in's own thread once the password is checked (AuthService::sign_in_async).
void sign_in(ApiContext& ctx, Request& req, http::Respond respond) {
  auto doc = app::parse_json_object(req.body);
  if (!doc) return respond(error(doc.error()));
  app::JsonObjectReader r(*doc);
  auto username = r.required_string("username", 64);
  auto password = r.required_string("password", 256);
  if (auto st = r.finish(); !st) return respond(error(st.error()));
  ctx.auth.sign_in_async(
      std::move(username), std::move(password), req.remote,
      [&ctx, respond = std::move(respond)](core::Result<app::SignInResult> result) {
        if (!result) return respond(error(result.error()));
        nlohmann::json body = {{"user", actor_to_json(result->actor)},
                               {"csrf_token", result->actor.csrf_token},
                               {"expires_at", core::format_instant_vn(result->expires_at)}};
        Response resp = json_response(200, body);
        resp.headers.emplace_back("Set-Cookie",
                                  session_cookie(result->session_token, 8 * 3600, ctx.secure_cookies));
        resp.headers.emplace_back("Cache-Control", "no-store");
        respond(std::move(resp));
      });
}

Response sign_out(ApiContext& ctx, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  if (auto cookie = req.cookie(kSessionCookie); cookie && !actor->anonymous()) {
    if (auto st = ctx.auth.sign_out(*cookie, *actor, req.remote); !st) return error(st.error());
  }
  Response resp = Response::json(200, R"({"signed_out":true})");
  resp.headers.emplace_back("Set-Cookie", session_cookie("", 0, ctx.secure_cookies));
  return resp;
}

Response me(ApiContext& ctx, Request& req) {
  auto actor = identify(ctx, req);
  if (!actor) return error(actor.error());
  if (auto st = app::permissions::require_signed_in(*actor); !st) return error(st.error());
  nlohmann::json body = actor_to_json(*actor);
  if (!actor->csrf_token.empty()) body["csrf_token"] = actor->csrf_token;
  return json_response(200, body);
}

core::Result<app::NewUser> new_user_from(const nlohmann::json& doc) {
  app::JsonObjectReader r(doc);
  app::NewUser nu;
  nu.user.username = r.required_string("username", 64);
  nu.user.full_name = r.required_string("full_name", 200);
  auto kind = domain::parse_user_kind(r.required_string("kind", 20));
  if (!kind)
    r.fail(Error::invalid("json.bad_value", "\"kind\" phải là official, citizen hoặc system.",
                          "\"kind\" must be official, citizen or system.", "kind"));
  nu.user.kind = kind.value_or(domain::UserKind::kCitizen);
  nu.user.email = r.optional_string("email", 200);
  nu.user.phone = r.optional_string("phone", 30);
  nu.user.personal_id = r.optional_string("personal_id", 12);
  nu.password = r.optional_string("password", 256);
  auto roles = r.optional_object_array("roles", 100);
  for (std::size_t i = 0; i < roles.size(); ++i) {
    app::JsonObjectReader rr(*roles[i], "roles[" + std::to_string(i) + "]");
    auto role = domain::parse_role(rr.required_string("role", 30));
    if (!role) {
      rr.fail(Error::invalid(
          "json.bad_value",
          "Vai trò phải là desk_officer, specialist, leader, clerk, administrator hoặc supervisor.",
          "role must be desk_officer, specialist, leader, clerk, administrator or supervisor.",
          rr.field_path("role")));
    }
    nu.user.roles.push_back(
        {role.value_or(domain::Role::kSpecialist), rr.required_string("agency_code", 13)});
    if (auto st = rr.finish(); !st) return st.error();
  }
  MOTCUA_RETURN_IF_ERROR(r.finish());
  return nu;
}

Response create_user(ApiContext& ctx, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  auto doc = app::parse_json_object(req.body);
  if (!doc) return error(doc.error());
  auto nu = new_user_from(*doc);
  if (!nu) return error(nu.error());
  auto id = ctx.auth.create_user(*actor, *nu, req.remote);
  if (!id) return error(id.error());
  return json_response(201, {{"id", *id}, {"username", nu->user.username}});
}

Response issue_token(ApiContext& ctx, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  auto doc = app::parse_json_object(req.body);
  if (!doc) return error(doc.error());
  app::JsonObjectReader r(*doc);
  const auto user_id = r.required_int("user_id", 1, INT64_MAX);
  const auto name = r.required_string("name", 200);
  const auto ttl_days = r.optional_int("ttl_days", 1, 3650).value_or(365);
  if (auto st = r.finish(); !st) return error(st.error());
  auto token = ctx.auth.issue_api_token(*actor, user_id, name, ttl_days * 86400, req.remote);
  if (!token) return error(token.error());
  return json_response(201, {{"token", *token}, {"name", name}});
}

Response audit(ApiContext& ctx, Request& req) {
  auto actor = identify(ctx, req);
  if (!actor) return error(actor.error());
  auto limit = int_query(req, "limit", 1, 500, 50);
  if (!limit) return error(limit.error());
  if (auto st = check_utf8_query(req, {"action"}); !st) return error(st.error());
  auto rows = ctx.auth.recent_audit(*actor, req.query_param("action").value_or(""), *limit, req.remote);
  if (!rows) return error(rows.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : *rows) {
    items.push_back({{"at", core::format_instant_vn(e.at)},
                     {"actor", e.actor},
                     {"action", e.action},
                     {"target", e.target},
                     {"outcome", e.outcome},
                     {"detail", e.detail},
                     {"remote", e.remote}});
  }
  return json_response(200, {{"items", items}});
}

}  // namespace

void add_auth_routes(http::Router& router, ApiContext& ctx) {
  router.post_async("/api/v1/auth/sign-in",
                    [&ctx](Request& r, http::Respond respond) { sign_in(ctx, r, std::move(respond)); });
  router.post("/api/v1/auth/sign-out", bind(ctx, sign_out));
  router.get("/api/v1/auth/me", bind(ctx, me));
  router.post("/api/v1/users", bind(ctx, create_user));
  router.post("/api/v1/api-tokens", bind(ctx, issue_token));
  router.get("/api/v1/audit", bind(ctx, audit));
}

}  // namespace motcua::api
