#include "web/pages.hpp"

#include <kainjow/mustache.hpp>

#include "core/embedded.hpp"
#include "core/text.hpp"
#include "web/page_support.hpp"

namespace motcua_web_assets {
const std::vector<motcua::core::EmbeddedFile>& files();
}

namespace motcua::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;
using kainjow::mustache::mustache;
using kainjow::mustache::object;

namespace {

constexpr const char* kSessionCookie = "motcua_session";
constexpr const char* kFormCsrfCookie = "motcua_csrf";

std::string_view asset(std::string_view name) {
  for (const auto& f : motcua_web_assets::files())
    if (f.name == name) return f.data;
  return {};
}

std::string render(const std::string& template_name, const data& view) {
  mustache tmpl{std::string(asset(template_name + ".mustache"))};
  return tmpl.render(view);
}

// The signed-in user, if any (pages never fail because of a stale cookie: they show the anonymous view).
std::optional<app::Actor> current_user(WebContext& ctx, const Request& req) {
  auto cookie = req.cookie(kSessionCookie);
  if (!cookie) return std::nullopt;
  auto actor = ctx.auth.authenticate_session(*cookie);
  if (!actor) return std::nullopt;
  return *actor;
}

Response page(WebContext& ctx, const Request& req, int status, const std::string& title,
              const std::string& content) {
  data view{object{{"title", title}, {"portal_name", ctx.portal_name}, {"content", content}}};
  if (auto user = current_user(ctx, req)) {
    view.set("user", object{{"full_name", user->full_name}, {"csrf", user->csrf_token}});
  }
  Response r = Response::html(status, render("layout", view));
  r.headers.emplace_back("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

Response message_page(WebContext& ctx, const Request& req, int status, const std::string& heading,
                      const std::string& text) {
  return page(ctx, req, status, heading, render("message", object{{"heading", heading}, {"text", text}}));
}

std::string levels_label(const std::vector<domain::ProcedureLevel>& levels) {
  std::string out;
  for (auto l : levels) out += (out.empty() ? "" : ", ") + std::string(domain::procedure_level_label_vi(l));
  return out;
}

std::string time_limit_label(const domain::TimeLimit& t) {
  if (t.value == 0 && t.unit == domain::TimeLimitUnit::kWorkingDays) return "Trong ngày";
  return std::to_string(t.value) + " " + domain::time_limit_unit_label_vi(t.unit);
}

data fields_view(WebContext& ctx, const std::string& selected) {
  data list{data::type::list};
  if (auto fields = ctx.catalogue.fields()) {
    for (const auto& f : *fields) list.push_back(object{{"name", f}, {"selected", f == selected}});
  }
  return list;
}

data levels_view(const std::string& selected) {
  data list{data::type::list};
  for (auto l : {domain::ProcedureLevel::kProvince, domain::ProcedureLevel::kCommune,
                 domain::ProcedureLevel::kMinistry, domain::ProcedureLevel::kOther}) {
    list.push_back(object{{"value", domain::procedure_level_name(l)},
                          {"label", domain::procedure_level_label_vi(l)},
                          {"selected", selected == domain::procedure_level_name(l)}});
  }
  return list;
}

Response catalogue_page(WebContext& ctx, Request& req) {
  app::ProcedureQuery q;
  q.text = req.query_param("q").value_or("");
  q.field = req.query_param("field").value_or("");
  q.after_code = req.query_param("after").value_or("");
  const auto level = req.query_param("level").value_or("");
  q.level = domain::parse_procedure_level(level);
  q.limit = 20;
  data view{object{{"q", q.text}, {"fields", fields_view(ctx, q.field)}, {"levels", levels_view(level)}}};
  if (!core::is_valid_utf8(q.text) || !core::is_valid_utf8(q.field)) {
    view.set("error", "Từ khóa có ký tự không hợp lệ; vui lòng gõ lại.");
    return page(ctx, req, 400, "Thủ tục hành chính", render("catalogue", view));
  }
  auto items = ctx.catalogue.search(q);
  if (!items) {
    view.set("error", items.error().message_vi);
    return page(ctx, req, 400, "Thủ tục hành chính", render("catalogue", view));
  }
  data list{data::type::list};
  for (const auto& s : *items) {
    list.push_back(object{{"code", s.code},
                          {"name", s.name},
                          {"field", s.field},
                          {"levels", levels_label(s.levels)},
                          {"time_limit", time_limit_label(s.time_limit)},
                          {"online", s.online_level == domain::OnlineLevel::kNone
                                         ? std::string()
                                         : std::string(domain::online_level_label_vi(s.online_level))}});
  }
  view.set("items", list);
  const auto total = ctx.catalogue.count().value_or(0);
  view.set("summary", q.text.empty() ? "Danh mục có " + std::to_string(total) + " thủ tục."
                                     : "Tìm thấy " + std::to_string(items->size()) +
                                           " thủ tục phù hợp với \"" + core::trim(q.text) + "\".");
  if (q.text.empty() && items->size() == static_cast<std::size_t>(q.limit)) {
    view.set("next_url", "/thu-tuc?field=" + http::url_encode(q.field) + "&level=" + http::url_encode(level) +
                             "&after=" + http::url_encode(items->back().code));
  }
  return page(ctx, req, 200, "Thủ tục hành chính", render("catalogue", view));
}

data fees_view(const domain::Procedure& p) {
  data list{data::type::list};
  for (const auto& f : p.fees) {
    list.push_back(object{{"amount", f.amount_vnd == 0 ? std::string("Miễn phí") : format_vnd(f.amount_vnd)},
                          {"name", f.name},
                          {"note", f.note}});
  }
  return list;
}

data components_view(const domain::Procedure& p) {
  data list{data::type::list};
  for (const auto& c : p.components) {
    list.push_back(object{{"name", c.name},
                          {"quantity", c.quantity},
                          {"template", c.template_name},
                          {"required", c.required ? std::string("Có") : std::string("Không")}});
  }
  return list;
}

data agencies_view(WebContext& ctx, const domain::Procedure& p) {
  data list{data::type::list};
  for (const auto& code : p.agency_codes) {
    auto a = ctx.organisation.agency(code);
    list.push_back(object{{"code", code}, {"name", a ? a->name : code}});
  }
  return list;
}

Response procedure_page(WebContext& ctx, Request& req) {
  auto p = ctx.catalogue.find(std::string(req.param("code")));
  if (!p) {
    return message_page(ctx, req, 404, "Không tìm thấy thủ tục",
                        "Không có thủ tục mã \"" + std::string(req.param("code")) + "\" trong danh mục.");
  }
  data legal{data::type::list};
  for (const auto& b : p->legal_basis) legal.push_back(b);
  data view{object{{"code", p->code},
                   {"name", p->name},
                   {"field", p->field},
                   {"levels", levels_label(p->levels)},
                   {"online", domain::online_level_label_vi(p->online_level)},
                   {"time_limit", time_limit_label(p->time_limit)},
                   {"time_note", p->time_limit.note},
                   {"applicants", p->applicants},
                   {"result", p->result},
                   {"decision", p->decision},
                   {"fees", fees_view(*p)},
                   {"has_fees", !p->fees.empty()},
                   {"components", components_view(*p)},
                   {"steps", p->steps},
                   {"requirements", p->requirements},
                   {"legal_basis", legal},
                   {"has_legal", !p->legal_basis.empty()},
                   {"source_url", p->source_url}}};
  if (!p->agency_codes.empty()) view.set("agencies", object{{"list", agencies_view(ctx, *p)}});
  return page(ctx, req, 200, p->name, render("procedure", view));
}

Response sign_in_form(WebContext& ctx, Request& req, int status, const std::string& error,
                      const std::string& user) {
  const auto csrf = ctx.crypto.random_token(24);
  Response r = page(ctx, req, status, "Đăng nhập",
                    render("sign_in", object{{"csrf", csrf}, {"error", error}, {"username", user}}));
  r.headers.emplace_back("Set-Cookie", std::string(kFormCsrfCookie) + "=" + csrf +
                                           "; Path=/dang-nhap; HttpOnly; SameSite=Strict" +
                                           (ctx.secure_cookies ? "; Secure" : ""));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response sign_in_get(WebContext& ctx, Request& req) {
  return sign_in_form(ctx, req, 200, "", "");
}

// Answered from the sign-in's own thread once the password is checked (AuthService::sign_in_async); `req`
// stays valid until then.
void sign_in_post(WebContext& ctx, Request& req, http::Respond respond) {
  const auto form_csrf = req.form_field("csrf");
  const auto cookie_csrf = req.cookie(kFormCsrfCookie);
  auto username = req.form_field("username").value_or("");
  if (!form_csrf || !cookie_csrf || form_csrf->empty() || *form_csrf != *cookie_csrf) {
    return respond(sign_in_form(ctx, req, 403, "Phiên biểu mẫu đã hết hạn; vui lòng đăng nhập lại.", ""));
  }
  ctx.auth.sign_in_async(
      username, req.form_field("password").value_or(""), req.remote,
      [&ctx, &req, username, respond = std::move(respond)](core::Result<app::SignInResult> result) {
        if (!result) {
          return respond(
              sign_in_form(ctx, req, result.error().code == core::ErrorCode::kFailedPrecondition ? 423 : 401,
                           result.error().message_vi, core::is_valid_utf8(username) ? username : ""));
        }
        Response r = Response::redirect("/thu-tuc");
        r.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=" + result->session_token +
                                                 "; Path=/; HttpOnly; SameSite=Lax; Max-Age=28800" +
                                                 (ctx.secure_cookies ? "; Secure" : ""));
        respond(std::move(r));
      });
}

Response sign_out_post(WebContext& ctx, Request& req) {
  auto cookie = req.cookie(kSessionCookie);
  auto user = current_user(ctx, req);
  if (cookie && user) {
    if (req.form_field("csrf").value_or("") != user->csrf_token) {
      return message_page(ctx, req, 403, "Không thể đăng xuất",
                          "Mã chống giả mạo không đúng; tải lại trang rồi thử lại.");
    }
    (void)ctx.auth.sign_out(*cookie, *user, req.remote);
  }
  Response r = Response::redirect("/thu-tuc");
  r.headers.emplace_back("Set-Cookie",
                         std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  return r;
}

Response stylesheet(Request&) {
  Response r;
  r.content_type = "text/css; charset=utf-8";
  r.body = std::string(asset("motcua.css"));
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace

std::string format_vnd(std::int64_t amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return (amount < 0 ? "-" : "") + out + " đồng";
}

std::string render_template(const std::string& name, const data& view) {
  return render(name, view);
}

std::optional<app::Actor> signed_in_user(WebContext& ctx, const Request& req) {
  return current_user(ctx, req);
}

Response render_page(WebContext& ctx, const Request& req, int status, const std::string& title,
                     const std::string& content) {
  return page(ctx, req, status, title, content);
}

void add_page_routes(http::Router& router, WebContext& ctx) {
  auto bind = [&ctx](Response (*fn)(WebContext&, Request&)) {
    return [&ctx, fn](Request& r) { return fn(ctx, r); };
  };
  router.get("/", [](Request&) { return Response::redirect("/thu-tuc"); });
  router.get("/thu-tuc", bind(catalogue_page));
  router.get("/thu-tuc/{code}", bind(procedure_page));
  router.get("/dang-nhap", bind(sign_in_get));
  router.post_async("/dang-nhap",
                    [&ctx](Request& r, http::Respond respond) { sign_in_post(ctx, r, std::move(respond)); });
  router.post("/dang-xuat", bind(sign_out_post));
  router.get("/static/motcua.css", stylesheet);
}

}  // namespace motcua::web
