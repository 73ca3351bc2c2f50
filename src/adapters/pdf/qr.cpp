#include "adapters/pdf/qr.hpp"

#include <qrencode.h>

#include <memory>
#include <string>

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
  cairo_set_source_rgb(cr, 0, 0, 0);
  // One rectangle per horizontal run of dark modules: the same shape as one square per module, with about a
  // third of the path to write (and compress) in the PDF.
  for (std::size_t row = 0; row < n; ++row) {
    for (std::size_t col = 0; col < n;) {
      if (!qr.dark[row * n + col]) {
        ++col;
        continue;
      }
      std::size_t end = col + 1;
      while (end < n && qr.dark[row * n + end]) ++end;
      // Slight overlap so that renderers do not leave hairline gaps between adjacent runs.
      cairo_rectangle(cr, x + (static_cast<double>(col) + kQuietZone) * module,
                      y + (static_cast<double>(row) + kQuietZone) * module,
                      static_cast<double>(end - col) * module + 0.05, module + 0.05);
      col = end;
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace motcua::adapters::pdf
