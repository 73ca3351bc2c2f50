// Shared plumbing of the JSON API handlers: who is calling (session cookie or bearer token), CSRF for
// cookie-authenticated writes, and JSON responses. Handlers stay thin: parse, call a use case, map the
// result.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>

#include "app/actor.hpp"
#include "app/auth.hpp"
#include "app/catalogue.hpp"
#include "app/organisation.hpp"
#include "http/error_mapping.hpp"
#include "http/router.hpp"
#include "http/types.hpp"

namespace motcua::api {

inline constexpr const char* kSessionCookie = "motcua_session";

struct ApiContext {
  app::Store& store;
  app::AuthService& auth;
  app::CatalogueService& catalogue;
  app::OrganisationService& organisation;
  bool secure_cookies = false;  // add the Secure attribute (behind HTTPS)
};

using ApiHandler = http::Response (*)(ApiContext&, http::Request&);
// Adapts a handler function to the router: `router.get("/x", bind(ctx, handler))`.
inline http::Handler bind(ApiContext& ctx, ApiHandler fn) {
  return [&ctx, fn](http::Request& r) { return fn(ctx, r); };
}

// The caller: anonymous when no credentials are sent; an error when credentials are sent but invalid.
core::Result<app::Actor> identify(ApiContext& ctx, const http::Request& req);
// Like identify(), and for cookie sessions on unsafe methods also checks the X-CSRF-Token header.
core::Result<app::Actor> identify_for_write(ApiContext& ctx, const http::Request& req);

http::Response json_response(int status, const nlohmann::json& body);
inline http::Response error(const core::Error& e) {
  return http::error_response(e);
}

// "Set-Cookie" value for the session cookie (HttpOnly, SameSite=Lax, Path=/); empty token clears it.
std::string session_cookie(const std::string& token, std::int64_t max_age_seconds, bool secure);

// InvalidArgument ("query.bad_utf8") if a query parameter of `names` decodes to invalid UTF-8.
core::Status check_utf8_query(const http::Request& req, std::initializer_list<const char*> names);

// Parses an integer query parameter in [min, max]; `fallback` when absent.
core::Result<int> int_query(const http::Request& req, const char* name, int min, int max, int fallback);

}  // namespace motcua::api
