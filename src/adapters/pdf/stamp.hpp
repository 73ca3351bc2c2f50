// The visible part of a digital signature (Decree 30/2020 Appendix I), rendered with Cairo + Pango as a
// one-page PDF exactly the size of the signature box; the signature adapter imports that page as the widget's
// appearance. Also draws demo signature and seal images for agencies that have no scanned ones yet.
// Thread-safe.
#pragma once

#include <string>
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
};

// One-page PDF of the stamp. InvalidArgument for an unreadable PNG or a non-positive size.
core::Result<std::string> render_stamp_pdf(const StampSpec& spec);

// A blue handwritten-looking signature on a transparent background (PNG), for demos.
std::string demo_signature_png(const std::string& name);
// A red round seal with the organisation's name on a transparent background (PNG), for demos.
std::string demo_seal_png(const std::string& organisation);

}  // namespace motcua::adapters::pdf
