// The fonts the forms are drawn with. Cairo embeds, in every PDF, a subset of each face it uses, and copies
// the face's TrueType hinting (the fpgm, prep and cvt tables and each glyph's instructions) into every
// subset; PDF viewers rasterise without those instructions, yet compressing them was about a fifth of the
// cost of a signed receipt. So the faces that fontconfig picks for kFontFamily (Liberation Serif on Debian)
// are loaded once per process without their hinting (HarfBuzz's subsetter with every glyph, code point, name
// and layout feature kept), in memory, and stand in for the installed files; outlines, metrics, names and
// shaping are unchanged. Any other font (fallback for a missing character) is the system's, unchanged.
//
// Fallback-safe: if the faces cannot be found or rewritten, or MOTCUA_PDF_FONT_HINTING=keep is set, the
// system's fonts are used as they are. Thread-safe: each thread gets its own Pango font map (Pango's font
// maps are not thread-safe) over one shared fontconfig configuration.
#pragma once

#include "adapters/pdf/cairo_handles.hpp"

namespace motcua::adapters::pdf {

// A new layout drawing on `cr` with the forms' fonts (in place of pango_cairo_create_layout), glyphs placed
// at the fonts' own metrics (Pango's rounding of glyph positions to whole device units is off).
LayoutPtr new_form_layout(cairo_t* cr);

// Whether the forms' faces were loaded without hinting (false: the system's files are used as installed).
bool form_fonts_dehinted();

}  // namespace motcua::adapters::pdf
