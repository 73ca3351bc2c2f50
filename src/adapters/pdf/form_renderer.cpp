#include "adapters/pdf/form_renderer.hpp"

#include <cstdio>

#include "adapters/pdf/forms.hpp"

namespace motcua::adapters::pdf {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

FormKind kind_of(const app::FormData& form) {
  return std::visit(Overloaded{[](const app::ReceiptForm&) { return FormKind::kReceipt; },
                               [](const app::SupplementRequestForm&) { return FormKind::kSupplementRequest; },
                               [](const app::RefusalForm&) { return FormKind::kRefusal; },
                               [](const app::ApologyForm&) { return FormKind::kApology; },
                               [](const app::StopNoticeForm&) { return FormKind::kStopNotice; },
                               [](const app::ControlSlipForm&) { return FormKind::kControlSlip; },
                               [](const app::TrackingBookForm&) { return FormKind::kTrackingBook; }},
                    form);
}

const app::AgencyHeader& header_of(const app::FormData& form) {
  return std::visit([](const auto& f) -> const app::AgencyHeader& { return f.header; }, form);
}

class CairoFormRenderer final : public app::FormRenderer {
 public:
  explicit CairoFormRenderer(FormRendererConfig config) : config_(std::move(config)) {}

  core::Result<app::RenderedForm> render_pdf(app::FormSet set, const app::FormData& form) const override {
    const FormKind kind = kind_of(form);
    const auto spec = form_spec(set, kind);
    if (!spec)
      return core::Error{
          core::ErrorCode::kFailedPrecondition, "pdf.form_not_in_set",
          "Bộ biểu mẫu này không có mẫu được yêu cầu (thông báo dừng giải quyết chỉ có từ năm 2025).",
          "This form set has no such form (the stop notice exists only in the 2025 set).", ""};
    PdfDocumentWriter w(kind == FormKind::kTrackingBook ? Orientation::kLandscape : Orientation::kPortrait,
                        kDecree30Margins, kFontFamily);
    draw_header(w, header_of(form), *spec);
    auto box = draw_body(w, *spec, set, form);
    if (!box) return box.error();
    auto pdf = w.finish();
    if (!pdf) return pdf.error();
    return app::RenderedForm{std::move(*pdf), *box};
  }

 private:
  FormBodyResult draw_body(PdfDocumentWriter& w, const FormSpec& spec, app::FormSet set,
                           const app::FormData& form) const {
    return std::visit(
        Overloaded{[&](const app::ReceiptForm& f) {
                     return draw_receipt(w, spec, f,
                                         public_status_url(config_.public_base_url, f.dossier_code));
                   },
                   [&](const app::SupplementRequestForm& f) { return draw_supplement_request(w, spec, f); },
                   [&](const app::RefusalForm& f) { return draw_refusal(w, spec, f); },
                   [&](const app::ApologyForm& f) { return draw_apology(w, spec, set, f); },
                   [&](const app::StopNoticeForm& f) { return draw_stop_notice(w, spec, f); },
                   [&](const app::ControlSlipForm& f) { return draw_control_slip(w, spec, f); },
                   [&](const app::TrackingBookForm& f) { return draw_tracking_book(w, spec, f); }},
        form);
  }

  FormRendererConfig config_;
};

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

}  // namespace

std::unique_ptr<app::FormRenderer> make_form_renderer(FormRendererConfig config) {
  return std::make_unique<CairoFormRenderer>(std::move(config));
}

std::string public_status_url(std::string_view base, std::string_view dossier_code) {
  std::string url(base);
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/tra-cuu/";
  for (const char ch : dossier_code) {
    const auto c = static_cast<unsigned char>(ch);
    if (unreserved(c)) {
      url += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      url += buf;
    }
  }
  return url;
}

}  // namespace motcua::adapters::pdf
