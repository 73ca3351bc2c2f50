// RAII owners for the Cairo, Pango and GLib handles the PDF adapter uses. Each owner frees its handle with
// the library's own release function; none is copyable.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>

namespace motcua::adapters::pdf {

struct CairoSurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoPatternFree {
  void operator()(cairo_pattern_t* p) const { cairo_pattern_destroy(p); }
};
struct CairoFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct GObjectFree {
  void operator()(void* o) const { g_object_unref(o); }
};
struct PangoFontDescriptionFree {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
struct PangoAttrListFree {
  void operator()(PangoAttrList* a) const { pango_attr_list_unref(a); }
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceFree>;
using PatternPtr = std::unique_ptr<cairo_pattern_t, CairoPatternFree>;
using CairoPtr = std::unique_ptr<cairo_t, CairoFree>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectFree>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, PangoFontDescriptionFree>;
using AttrListPtr = std::unique_ptr<PangoAttrList, PangoAttrListFree>;

}  // namespace motcua::adapters::pdf
