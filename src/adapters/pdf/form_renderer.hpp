// The FormRenderer port on Cairo + Pango (see app/documents_port.hpp): official forms 01-07 of both form sets
// as A4 PDFs with embedded fonts, the national motto header, tables, amounts in words and, on the receipt, a
// QR code of the dossier's public status page. Thread-safe: every call builds its own Cairo surface.
//
//   auto renderer = make_form_renderer({.public_base_url = "https://dichvucong.laocai.gov.vn"});
//   auto form = renderer->render_pdf(app::FormSet::k2025, receipt);  // form->pdf, form->signature_box
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "app/documents_port.hpp"

namespace motcua::adapters::pdf {

struct FormRendererConfig {
  // Base of the public portal, without a trailing slash; the receipt's QR opens <base>/tra-cuu/<dossier
  // code>.
  std::string public_base_url = "http://localhost:8080";
};

std::unique_ptr<app::FormRenderer> make_form_renderer(FormRendererConfig config);

// "<base>/tra-cuu/<code>" with the code percent-encoded (RFC 3986 unreserved characters pass unchanged).
std::string public_status_url(std::string_view base, std::string_view dossier_code);

}  // namespace motcua::adapters::pdf
