// The body of each official form, drawn on a writer after the shared header. Internal to the PDF adapter.
// Each function returns the agency-side signing space (see app::RenderedForm), or an error from the QR
// encoder.
#pragma once

#include <optional>
#include <string>

#include "adapters/pdf/form_parts.hpp"

namespace motcua::adapters::pdf {

using FormBodyResult = core::Result<std::optional<app::SignatureBox>>;

// `status_url` is the dossier's public status page, encoded in the receipt's QR code.
FormBodyResult draw_receipt(PdfDocumentWriter& w, const FormSpec& spec, const app::ReceiptForm& f,
                            const std::string& status_url);
FormBodyResult draw_supplement_request(PdfDocumentWriter& w, const FormSpec& spec,
                                       const app::SupplementRequestForm& f);
FormBodyResult draw_refusal(PdfDocumentWriter& w, const FormSpec& spec, const app::RefusalForm& f);
FormBodyResult draw_apology(PdfDocumentWriter& w, const FormSpec& spec, app::FormSet set,
                            const app::ApologyForm& f);
FormBodyResult draw_stop_notice(PdfDocumentWriter& w, const FormSpec& spec, const app::StopNoticeForm& f);
FormBodyResult draw_control_slip(PdfDocumentWriter& w, const FormSpec& spec, const app::ControlSlipForm& f);
FormBodyResult draw_tracking_book(PdfDocumentWriter& w, const FormSpec& spec, const app::TrackingBookForm& f);

}  // namespace motcua::adapters::pdf
