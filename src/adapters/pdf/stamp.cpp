#include "adapters/pdf/stamp.hpp"

#include <cairo-pdf.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "adapters/pdf/cairo_handles.hpp"
#include "adapters/pdf/form_parts.hpp"
#include "adapters/pdf/layout.hpp"

namespace motcua::adapters::pdf {

namespace {

struct PngReader {
  std::string_view bytes;
  std::size_t pos = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->pos + length > r->bytes.size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(r->bytes.data() + r->pos, length, reinterpret_cast<char*>(data));
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

core::Result<SurfacePtr> decode_png(std::string_view png) {
  PngReader reader{png};
  SurfacePtr image(cairo_image_surface_create_from_png_stream(read_png, &reader));
  if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width(image.get()) <= 0 || cairo_image_surface_get_height(image.get()) <= 0)
    return bad_image();
  return image;
}

// An image of iw x ih pixels centred and scaled to fit (x, y, w, h), keeping its aspect ratio.
StampBox fit_image(double iw, double ih, double x, double y, double w, double h) {
  const double scale = std::min(w / iw, h / ih);
  return {x + (w - iw * scale) / 2, y + (h - ih * scale) / 2, iw * scale, ih * scale};
}

// Draws the PNG centred and scaled to fit (x, y, w, h), keeping its aspect ratio.
core::Status draw_image(cairo_t* cr, const std::string& png, double x, double y, double w, double h) {
  auto image = decode_png(png);
  if (!image) return image.error();
  const double iw = cairo_image_surface_get_width(image->get()),
               ih = cairo_image_surface_get_height(image->get());
  const StampBox box = fit_image(iw, ih, x, y, w, h);
  cairo_save(cr);
  cairo_translate(cr, box.x, box.y);
  cairo_scale(cr, box.width / iw, box.height / ih);
  cairo_set_source_surface(cr, image->get(), 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  return {};
}

core::Result<std::string> deflate_bytes(const std::string& raw) {
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), Z_BEST_COMPRESSION) != Z_OK)
    return core::Error::internal("zlib: compress2 failed");
  out.resize(size);
  return out;
}

// Cairo's ARGB32 pixels are premultiplied; a PDF image holds straight colour beside its alpha (the rounding
// is Cairo's own, as when it writes an image into a PDF).
unsigned char unpremultiply(std::uint32_t channel, std::uint32_t alpha) {
  return static_cast<unsigned char>(alpha == 0 ? 0 : (channel * 255 + alpha / 2) / alpha);
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

core::Result<RenderedStamp> render_stamp(const StampSpec& spec) {
  if (spec.width_pt <= 1 || spec.height_pt <= 1)
    return core::Error::invalid("pdf.bad_stamp_size", "Kích thước ô chữ ký không hợp lệ.",
                                "The signature box has no size.");
  const bool caller_image = spec.layout == StampLayout::kImageAndText && spec.image_png.empty() &&
                            spec.image_width_px > 0 && spec.image_height_px > 0;
  auto image_box = [&](double text_h) -> std::optional<StampBox> {
    if (!caller_image) return std::nullopt;
    return fit_image(spec.image_width_px, spec.image_height_px, 0, 0, spec.width_pt, spec.height_pt - text_h);
  };
  if (caller_image && spec.lines.empty()) return RenderedStamp{"", image_box(0)};  // the image alone
  PdfDocumentWriter w(spec.width_pt, spec.height_pt, kFontFamily);
  if (spec.layout == StampLayout::kTextOnly) {
    w.text_block(0, 0, spec.width_pt, lines_as_runs(spec.lines), {.size_pt = 10, .align = Align::kRight});
    auto pdf = w.finish();
    if (!pdf) return pdf.error();
    return RenderedStamp{std::move(*pdf), std::nullopt};
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
  auto pdf = w.finish();
  if (!pdf) return pdf.error();
  return RenderedStamp{std::move(*pdf), image_box(text_h)};
}

core::Result<std::string> render_stamp_pdf(const StampSpec& spec) {
  StampSpec self_contained = spec;
  self_contained.image_width_px = self_contained.image_height_px = 0;
  auto stamp = render_stamp(self_contained);
  if (!stamp) return stamp.error();
  return std::move(stamp->pdf);
}

core::Result<PdfImage> encode_png_for_pdf(std::string_view png) {
  auto image = decode_png(png);
  if (!image) return image.error();
  cairo_surface_t* s = image->get();
  cairo_surface_flush(s);
  const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const bool has_alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
  const unsigned char* data = cairo_image_surface_get_data(s);
  std::string rgb, alpha;
  rgb.reserve(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  bool opaque = true;
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      const std::uint32_t p = row[x], a = has_alpha ? p >> 24 : 255;
      opaque = opaque && a == 255;
      rgb += static_cast<char>(unpremultiply((p >> 16) & 0xff, a));
      rgb += static_cast<char>(unpremultiply((p >> 8) & 0xff, a));
      rgb += static_cast<char>(unpremultiply(p & 0xff, a));
      alpha += static_cast<char>(a);
    }
  }
  PdfImage out{w, h, {}, {}};
  auto rgb_flate = deflate_bytes(rgb);
  if (!rgb_flate) return rgb_flate.error();
  out.rgb_flate = std::move(*rgb_flate);
  if (!opaque) {
    auto alpha_flate = deflate_bytes(alpha);
    if (!alpha_flate) return alpha_flate.error();
    out.alpha_flate = std::move(*alpha_flate);
  }
  return out;
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
