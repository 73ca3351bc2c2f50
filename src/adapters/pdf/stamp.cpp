#include "adapters/pdf/stamp.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "adapters/pdf/cairo_handles.hpp"
#include "adapters/pdf/form_parts.hpp"
#include "adapters/pdf/layout.hpp"

namespace motcua::adapters::pdf {

namespace {

struct PngReader {
  const std::string* bytes;
  std::size_t pos = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->pos + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(r->bytes->data() + r->pos, length, reinterpret_cast<char*>(data));
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t write_png(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

core::Error bad_image() {
  return core::Error::invalid("pdf.bad_image", "Ảnh chữ ký hoặc con dấu không phải PNG hợp lệ.",
                              "The signature or seal image is not a valid PNG.");
}

// Draws the PNG centred and scaled to fit (x, y, w, h), keeping its aspect ratio.
core::Status draw_image(cairo_t* cr, const std::string& png, double x, double y, double w, double h) {
  PngReader reader{&png};
  SurfacePtr image(cairo_image_surface_create_from_png_stream(read_png, &reader));
  if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS) return bad_image();
  const double iw = cairo_image_surface_get_width(image.get()),
               ih = cairo_image_surface_get_height(image.get());
  if (iw <= 0 || ih <= 0) return bad_image();
  const double scale = std::min(w / iw, h / ih);
  cairo_save(cr);
  cairo_translate(cr, x + (w - iw * scale) / 2, y + (h - ih * scale) / 2);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, image.get(), 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  return {};
}

std::vector<Run> lines_as_runs(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += (text.empty() ? "" : "\n") + l;
  return {{text, {}}};
}

std::string to_png(cairo_surface_t* surface) {
  std::string out;
  cairo_surface_write_to_png_stream(surface, write_png, &out);
  return out;
}

}  // namespace

core::Result<std::string> render_stamp_pdf(const StampSpec& spec) {
  if (spec.width_pt <= 1 || spec.height_pt <= 1)
    return core::Error::invalid("pdf.bad_stamp_size", "Kích thước ô chữ ký không hợp lệ.",
                                "The signature box has no size.");
  PdfDocumentWriter w(spec.width_pt, spec.height_pt, kFontFamily);
  if (spec.layout == StampLayout::kTextOnly) {
    w.text_block(0, 0, spec.width_pt, lines_as_runs(spec.lines), {.size_pt = 10, .align = Align::kRight});
    return w.finish();
  }
  const TextStyle text{.size_pt = spec.text_size_pt, .align = Align::kCenter, .line_spacing = 0.9};
  const double text_h =
      spec.lines.empty() ? 0 : w.text_block(0, 0, spec.width_pt, lines_as_runs(spec.lines), text, false);
  if (!spec.image_png.empty())
    MOTCUA_RETURN_IF_ERROR(
        draw_image(w.cairo(), spec.image_png, 0, 0, spec.width_pt, spec.height_pt - text_h));
  cairo_set_source_rgb(w.cairo(), 0, 0, 0.55);
  if (!spec.lines.empty())
    w.text_block(0, spec.height_pt - text_h, spec.width_pt, lines_as_runs(spec.lines), text);
  return w.finish();
}

std::string demo_signature_png(const std::string& name) {
  constexpr int kW = 360, kH = 140;
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kW, kH));
  CairoPtr cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 0.05, 0.15, 0.65);  // blue ink
  cairo_set_line_width(cr.get(), 3);
  cairo_move_to(cr.get(), 20, 100);
  cairo_curve_to(cr.get(), 90, 10, 150, 150, 220, 60);
  cairo_curve_to(cr.get(), 260, 20, 300, 120, 340, 40);
  cairo_stroke(cr.get());
  LayoutPtr layout(pango_cairo_create_layout(cr.get()));
  FontDescriptionPtr font(pango_font_description_from_string("Liberation Serif Italic 26px"));
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_text(layout.get(), name.c_str(), static_cast<int>(name.size()));
  cairo_move_to(cr.get(), 40, 70);
  pango_cairo_show_layout(cr.get(), layout.get());
  cairo_surface_flush(surface.get());
  return to_png(surface.get());
}

std::string demo_seal_png(const std::string& organisation) {
  constexpr int kSize = 300;
  constexpr double kC = kSize / 2.0;
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kSize, kSize));
  CairoPtr cr(cairo_create(surface.get()));
  cairo_set_source_rgba(cr.get(), 0.85, 0.05, 0.05, 0.9);  // red ink
  cairo_set_line_width(cr.get(), 8);
  cairo_arc(cr.get(), kC, kC, kC - 8, 0, 2 * std::numbers::pi);
  cairo_stroke(cr.get());
  cairo_set_line_width(cr.get(), 3);
  cairo_arc(cr.get(), kC, kC, kC - 45, 0, 2 * std::numbers::pi);
  cairo_stroke(cr.get());
  // A five-pointed star in the centre.
  for (int i = 0; i < 10; ++i) {
    const double r = i % 2 == 0 ? 38 : 15, a = -std::numbers::pi / 2 + i * std::numbers::pi / 5;
    if (i == 0)
      cairo_move_to(cr.get(), kC + r * std::cos(a), kC + r * std::sin(a));
    else
      cairo_line_to(cr.get(), kC + r * std::cos(a), kC + r * std::sin(a));
  }
  cairo_close_path(cr.get());
  cairo_fill(cr.get());
  LayoutPtr layout(pango_cairo_create_layout(cr.get()));
  FontDescriptionPtr font(pango_font_description_from_string("Liberation Serif Bold 20px"));
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), 200 * PANGO_SCALE);
  pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_text(layout.get(), organisation.c_str(), static_cast<int>(organisation.size()));
  cairo_move_to(cr.get(), kC - 100, kC + 45);
  pango_cairo_show_layout(cr.get(), layout.get());
  cairo_surface_flush(surface.get());
  return to_png(surface.get());
}

}  // namespace motcua::adapters::pdf
