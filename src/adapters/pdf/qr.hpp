// QR codes with libqrencode, drawn on a Cairo context as a one-bit stencil scaled without interpolation (a
// PDF image mask: crisp at any zoom and print size). Thread-safe: libqrencode's encoder keeps no shared
// state.
#pragma once

#include <cairo.h>

#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace motcua::adapters::pdf {

struct QrMatrix {
  int size = 0;            // modules per side
  std::vector<bool> dark;  // row-major, size * size
};

// Encodes `text` (UTF-8, 8-bit mode, error correction level M). InvalidArgument when it is too long for a QR
// code.
core::Result<QrMatrix> encode_qr(std::string_view text);

// Draws `qr` with a 4-module quiet zone inside the square (x, y, side) in user units.
void draw_qr(cairo_t* cr, const QrMatrix& qr, double x, double y, double side);

}  // namespace motcua::adapters::pdf
