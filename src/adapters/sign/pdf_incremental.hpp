// Appends one signature to a PDF as an incremental update, with PoDoFo 0.9.8 (used only on PDFs motcua
// generated or signed itself; uploads are parsed by pdf_scan.hpp). Adds a signature field with a widget
// (visible with an appearance imported from a one-page PDF, or invisible), a /V signature dictionary with
// /Filter Adobe.PPKLite, /SubFilter ETSI.CAdES.detached, /M, /Reason, /Location, /Name, and reserves
// /Contents; then hashes the bytes of the /ByteRange and asks `sign` for the CMS over that digest. Earlier
// revisions are copied byte for byte, so earlier signatures stay valid. Thread-safe (no shared state).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace motcua::adapters::sign {

struct PdfSignatureFields {
  std::string reason;
  std::string location;
  std::string signer_name;
  std::string claimed_time;  // PDF date, e.g. "D:20260310101530+07'00'"
};

// An image already encoded for a PDF image XObject (see pdf::encode_png_for_pdf), drawn in the widget under
// the appearance page. The views must outlive the call to add_pdf_signature.
struct PdfWidgetImage {
  int width_px = 0, height_px = 0;
  std::string_view rgb_flate;    // 8-bit DeviceRGB samples, zlib-compressed (/FlateDecode)
  std::string_view alpha_flate;  // 8-bit alpha samples for the /SMask, compressed likewise; empty: opaque
  double x_pt = 0, y_pt = 0, width_pt = 0, height_pt = 0;  // in the widget, from its top-left corner
};

struct PdfWidget {
  bool visible = false;
  int page = 0;               // 0-based
  double x_mm = 0, y_mm = 0;  // from the top-left corner
  double width_mm = 0, height_mm = 0;
  std::string appearance_pdf;  // one page, the widget's size (visible widgets; may be empty with an image)
  std::optional<PdfWidgetImage> image{};
};

// Returns the CMS (DER) for the SHA-256 digest of the signed byte ranges.
using DigestSigner = std::function<core::Result<std::string>(std::string_view sha256_digest)>;

// `reserved_bytes` is the room for the DER CMS (twice that in hex). Errors: InvalidArgument
// "signature.not_pdf", "signature.encrypted", "signature.bad_page"; FailedPrecondition "signature.too_large"
// when the CMS does not fit; those of `sign`.
core::Result<std::string> add_pdf_signature(std::string_view pdf, const PdfSignatureFields& fields,
                                            const PdfWidget& widget, std::size_t reserved_bytes,
                                            const DigestSigner& sign);

// InvalidArgument "signature.not_pdf" unless the bytes start with "%PDF-".
core::Status check_pdf_header(std::string_view pdf);

// "D:YYYYMMDDHHmmSS+07'00'" for an instant, in Vietnam's time.
std::string pdf_date_vn(long long unix_seconds);

}  // namespace motcua::adapters::sign
