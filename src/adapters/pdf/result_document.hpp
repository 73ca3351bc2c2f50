// The ResultRenderer port on Cairo + Pango (see app/documents_port.hpp): the result of a dossier as a Decree
// 30/2020 "Thông báo kết quả giải quyết thủ tục hành chính" — agency | national motto header, place and date,
// the dossier code, the applicant, the procedure, what was requested (the declaration's labelled values in a
// table), the decision, the legal basis of the dossier's rule version, "Nơi nhận" and the signer block whose
// signing space takes the leader's signature and the seal. A4, embedded fonts, extractable text. Thread-safe:
// every call builds its own surface.
//
//   auto renderer = make_result_renderer();
//   auto pdf = renderer->render_result(app::FormSet::k2025, form);  // pdf->pdf, pdf->signature_box
#pragma once

#include <memory>

#include "app/documents_port.hpp"

namespace motcua::adapters::pdf {

std::unique_ptr<app::ResultRenderer> make_result_renderer();

}  // namespace motcua::adapters::pdf
