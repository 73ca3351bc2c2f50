// The visible part of a digital signature (Decree 30/2020 Appendix I), rendered with Cairo + Pango as a
// one-page PDF exactly the size of the signature box; the signature adapter imports that page as the widget's
// appearance. The signer's image can instead be encoded for PDF once (encode_png_for_pdf) and placed by the
// caller in the box that render_stamp leaves for it, so that a signature does not decode and compress the
// same image again. Also draws demo signature and seal images for agencies that have no scanned ones yet.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace motcua::adapters::pdf {

enum class StampLayout {
  kImageAndText,  // the image centred in the upper part, small text lines below it
  kTextOnly,  // text lines only, Times New Roman 10, black, right-aligned (attachments, electronic copies)
};

struct StampSpec {
  double width_pt = 0;
  double height_pt = 0;
  StampLayout layout = StampLayout::kImageAndText;
  std::string image_png{};           // may be empty
  std::vector<std::string> lines{};  // "Ký bởi: ...", "Cơ quan: ...", "Thời gian: 2026-03-10T10:15:30+07:00"
  double text_size_pt = 7;           // kImageAndText only
  // With an empty image_png: the pixel size of an image that the caller draws itself in
  // RenderedStamp::image_box (kImageAndText only; 0 for no image).
  int image_width_px = 0;
  int image_height_px = 0;
};

// A rectangle in PDF points from the stamp's top-left corner.
struct StampBox {
  double x = 0, y = 0, width = 0, height = 0;
};

struct RenderedStamp {
  std::string pdf;                    // one page of the stamp's size; empty when there is nothing to draw
  std::optional<StampBox> image_box;  // where the caller's image goes (image_width_px/image_height_px)
};

// The stamp as a one-page PDF, leaving room for the caller's image when the spec asks for it.
// InvalidArgument for an unreadable PNG or a non-positive size.
core::Result<RenderedStamp> render_stamp(const StampSpec& spec);
// The same, with the image (if any) drawn from image_png: one self-contained PDF page.
core::Result<std::string> render_stamp_pdf(const StampSpec& spec);

// An image decoded once and stored the way a PDF image XObject holds it: 8-bit RGB samples and, unless the
// image is opaque, 8-bit alpha samples for its /SMask, each compressed with zlib for /FlateDecode.
struct PdfImage {
  int width = 0;
  int height = 0;
  std::string rgb_flate;
  std::string alpha_flate;  // empty when every pixel is opaque
};

// InvalidArgument "pdf.bad_image" for bytes that are not a readable PNG.
core::Result<PdfImage> encode_png_for_pdf(std::string_view png);

// A blue handwritten-looking signature on a transparent background (PNG), for demos.
std::string demo_signature_png(const std::string& name);
// A red round seal with the organisation's name on a transparent background (PNG), for demos.
std::string demo_seal_png(const std::string& organisation);

}  // namespace motcua::adapters::pdf
