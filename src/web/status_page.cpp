#include "web/status_page.hpp"

#include <memory>

#include "core/text.hpp"
#include "core/time.hpp"
#include "web/page_support.hpp"

namespace motcua::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;
using kainjow::mustache::object;

namespace {

// "08 giờ 30 phút, ngày 23/11/2026", the way one-stop forms print times (spec §1.4).
std::string vn_time(core::UnixSeconds t) {
  if (t == 0) return "";
  const auto text = core::format_instant_vn(t);  // 2026-11-23T08:30:00+07:00
  return text.substr(11, 2) + " giờ " + text.substr(14, 2) + " phút, ngày " + text.substr(8, 2) + "/" +
         text.substr(5, 2) + "/" + text.substr(0, 4);
}

Response status_page(WebContext& ctx, app::DossierService& dossiers, const Request& req,
                     const std::string& code) {
  data view{object{{"code", core::is_valid_utf8(code) ? code : std::string()}}};
  if (code.empty()) return render_page(ctx, req, 200, "Tra cứu hồ sơ", render_template("status", view));
  auto cached = dossiers.status(code);
  if (!cached) {
    const auto& e = cached.error();
    view.set("error", e.code == core::ErrorCode::kNotFound
                          ? "Không tìm thấy hồ sơ có mã \"" + code + "\". Kiểm tra lại mã trên giấy hẹn."
                          : e.message_vi);
    return render_page(ctx, req, e.code == core::ErrorCode::kNotFound ? 404 : 400, "Tra cứu hồ sơ",
                       render_template("status", view));
  }
  const auto& s = *cached;
  view.set("found", true);
  view.set("procedure_name", s->procedure_name);
  view.set("procedure_code", s->procedure_code);
  view.set("state_label", domain::dossier_state_label_vi(s->state));
  view.set("current_step", s->current_step);
  view.set("steps_done", std::to_string(s->steps_done));
  view.set("steps_total", std::to_string(s->steps_total));
  view.set("submitted", vn_time(s->submitted_at));
  view.set("received", vn_time(s->received_at));
  view.set("due", vn_time(s->due_at));
  view.set("finished", vn_time(s->finished_at));
  view.set("extended", s->extended);
  view.set("has_result", s->has_result);
  return render_page(ctx, req, 200, "Hồ sơ " + s->code, render_template("status", view));
}

}  // namespace

void add_status_page_routes(http::Router& router, WebContext& ctx, app::DossierService& dossiers) {
  router.get("/tra-cuu", [&ctx, &dossiers](Request& req) {
    return status_page(ctx, dossiers, req, core::trim(req.query_param("ma").value_or("")));
  });
  router.get("/tra-cuu/{code}", [&ctx, &dossiers](Request& req) {
    return status_page(ctx, dossiers, req, std::string(req.param("code")));
  });
}

}  // namespace motcua::web
