#include "adapters/pdf/qr.hpp"

#include <qrencode.h>

#include <cstdint>
#include <memory>
#include <string>

#include "adapters/pdf/cairo_handles.hpp"

namespace motcua::adapters::pdf {

namespace {

struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

constexpr int kQuietZone = 4;

}  // namespace

core::Result<QrMatrix> encode_qr(std::string_view text) {
  const std::string data(text);
  std::unique_ptr<QRcode, QrFree> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M));
  if (!code || code->width <= 0)
    return core::Error::invalid("pdf.qr_too_long", "Nội dung quá dài để tạo mã QR.",
                                "The text is too long for a QR code.");
  QrMatrix m;
  m.size = code->width;
  const auto n = static_cast<std::size_t>(m.size);
  m.dark.resize(n * n);
  for (std::size_t i = 0; i < n * n; ++i) m.dark[i] = (code->data[i] & 1) != 0;
  return m;
}

void draw_qr(cairo_t* cr, const QrMatrix& qr, double x, double y, double side) {
  const double module = side / (qr.size + 2 * kQuietZone);
  const auto n = static_cast<std::size_t>(qr.size);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, side, side);
  cairo_fill(cr);
  // The modules as a one-bit stencil, one pixel per module, scaled without interpolation: Cairo writes it as
  // a PDF image mask of a few hundred bytes (sharp at any zoom and print size) instead of a long path.
  SurfacePtr bits(cairo_image_surface_create(CAIRO_FORMAT_A1, qr.size, qr.size));
  unsigned char* data = cairo_image_surface_get_data(bits.get());
  if (data != nullptr) {
    cairo_surface_flush(bits.get());
    const int stride = cairo_image_surface_get_stride(bits.get());
    for (std::size_t row = 0; row < n; ++row) {
      auto* words = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(row) * stride);
      for (std::size_t col = 0; col < n; ++col)  // Cairo's A1: pixel i is bit i % 32 of native word i / 32
        if (qr.dark[row * n + col]) words[col / 32] |= std::uint32_t{1} << (col % 32);
    }
    cairo_surface_mark_dirty(bits.get());
  }
  PatternPtr mask(cairo_pattern_create_for_surface(bits.get()));
  cairo_pattern_set_filter(mask.get(), CAIRO_FILTER_NEAREST);
  cairo_translate(cr, x + kQuietZone * module, y + kQuietZone * module);
  cairo_scale(cr, module, module);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_mask(cr, mask.get());  // an allocation failure shows up in the context's status (finish reports it)
  cairo_restore(cr);
}

}  // namespace motcua::adapters::pdf
