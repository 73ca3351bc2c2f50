#include "api/context.hpp"

#include <charconv>

#include "core/text.hpp"

namespace motcua::api {

using core::Error;
using core::ErrorCode;

core::Result<app::Actor> identify(ApiContext& ctx, const http::Request& req) {
  if (auto auth = req.header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (auth->substr(0, kBearer.size()) != kBearer) {
      return Error{ErrorCode::kUnauthenticated,
                   "auth.scheme_unsupported",
                   "Chỉ hỗ trợ xác thực kiểu \"Authorization: Bearer <mã truy cập>\".",
                   "Only \"Authorization: Bearer <token>\" is supported.",
                   {}};
    }
    return ctx.auth.authenticate_bearer(std::string(auth->substr(kBearer.size())));
  }
  if (auto cookie = req.cookie(kSessionCookie)) return ctx.auth.authenticate_session(*cookie);
  return app::Actor{};
}

core::Result<app::Actor> identify_for_write(ApiContext& ctx, const http::Request& req) {
  auto actor = identify(ctx, req);
  if (!actor || actor->anonymous() || actor->via_api_token) return actor;
  auto header = req.header("x-csrf-token");
  if (!header || *header != actor->csrf_token) {
    return Error{ErrorCode::kPermissionDenied,
                 "auth.csrf",
                 "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token); tải lại trang rồi thử lại.",
                 "Missing or wrong X-CSRF-Token; reload and try again.",
                 {}};
  }
  return actor;
}

http::Response json_response(int status, const nlohmann::json& body) {
  return http::Response::json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string session_cookie(const std::string& token, std::int64_t max_age_seconds, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(token.empty() ? 0 : max_age_seconds);
  if (secure) c += "; Secure";
  return c;
}

core::Status check_utf8_query(const http::Request& req, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto v = req.query_param(name);
    if (v && !core::is_valid_utf8(*v)) {
      return Error::invalid("query.bad_utf8",
                            "Tham số \"" + std::string(name) + "\" không phải UTF-8 hợp lệ.",
                            "Query parameter \"" + std::string(name) + "\" is not valid UTF-8.", name);
    }
  }
  return {};
}

core::Result<int> int_query(const http::Request& req, const char* name, int min, int max, int fallback) {
  auto v = req.query_param(name);
  if (!v) return fallback;
  int n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || ptr != v->data() + v->size() || n < min || n > max) {
    return Error::invalid("query.out_of_range",
                          "Tham số \"" + std::string(name) + "\" phải là số nguyên từ " +
                              std::to_string(min) + " đến " + std::to_string(max) + ".",
                          "Query parameter \"" + std::string(name) + "\" must be an integer from " +
                              std::to_string(min) + " to " + std::to_string(max) + ".",
                          name);
  }
  return n;
}

}  // namespace motcua::api
