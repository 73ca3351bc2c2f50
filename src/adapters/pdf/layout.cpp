#include "adapters/pdf/layout.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <numeric>

#include "adapters/pdf/font_map.hpp"
#include "core/text.hpp"

namespace motcua::adapters::pdf {

namespace {

constexpr double kA4ShortPt = 595.2756;  // 210 mm
constexpr double kA4LongPt = 841.8898;   // 297 mm

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

PangoAlignment pango_alignment(Align a) {
  switch (a) {
    case Align::kCenter:
      return PANGO_ALIGN_CENTER;
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
    case Align::kLeft:
    case Align::kJustify:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

int pango_units(double pt) {
  return static_cast<int>(pt * PANGO_SCALE);
}

void insert_attribute(PangoAttrList* list, PangoAttribute* attr, std::size_t start, std::size_t end) {
  attr->start_index = static_cast<guint>(start);
  attr->end_index = static_cast<guint>(end);
  pango_attr_list_insert(list, attr);
}

}  // namespace

PdfDocumentWriter::PdfDocumentWriter(Orientation orientation, Margins margins, std::string font_family)
    : PdfDocumentWriter(orientation == Orientation::kPortrait ? kA4ShortPt : kA4LongPt,
                        orientation == Orientation::kPortrait ? kA4LongPt : kA4ShortPt, font_family) {
  margins_ = margins;
  y_ = mm(margins.top);
}

PdfDocumentWriter::PdfDocumentWriter(double width_pt, double height_pt, const std::string& font_family)
    : width_(width_pt),
      height_(height_pt),
      margins_{0, 0, 0, 0},
      y_(0),
      surface_(cairo_pdf_surface_create_for_stream(append_to_string, &out_, width_, height_)),
      cr_(cairo_create(surface_.get())),
      layout_(new_form_layout(cr_.get())),
      font_(pango_font_description_new()) {
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "motcua");
  pango_font_description_set_family(font_.get(), font_family.c_str());
  pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
  cairo_set_source_rgb(cr_.get(), 0, 0, 0);
}

void PdfDocumentWriter::prepare_layout(PangoLayout* layout, const std::vector<Run>& runs, double width,
                                       const TextStyle& style) {
  std::string text;
  AttrListPtr attrs(pango_attr_list_new());
  for (const auto& run : runs) {
    const std::size_t start = text.size();
    if (!core::is_valid_utf8(run.text)) {
      invalid_text_ = true;
      continue;
    }
    text += core::to_nfc(run.text);
    if (run.style.bold)
      insert_attribute(attrs.get(), pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, text.size());
    if (run.style.italic)
      insert_attribute(attrs.get(), pango_attr_style_new(PANGO_STYLE_ITALIC), start, text.size());
    if (run.style.underline)
      insert_attribute(attrs.get(), pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, text.size());
  }
  // Absolute size: one user-space unit is one PDF point, whatever the context's resolution.
  pango_font_description_set_absolute_size(font_.get(), style.size_pt * PANGO_SCALE);
  pango_layout_set_font_description(layout, font_.get());
  pango_layout_set_width(layout, width > 0 ? pango_units(width) : -1);
  pango_layout_set_alignment(layout, pango_alignment(style.align));
  pango_layout_set_justify(layout, style.align == Align::kJustify);
  pango_layout_set_indent(layout, pango_units(style.first_line_indent_pt));
  pango_layout_set_line_spacing(layout, static_cast<float>(style.line_spacing));
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  pango_layout_set_attributes(layout, attrs.get());
}

LayoutPtr PdfDocumentWriter::new_layout(const std::vector<Run>& runs, double width, const TextStyle& style) {
  LayoutPtr layout = new_form_layout(cr_.get());
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  prepare_layout(layout.get(), runs, width, style);
  return layout;
}

void PdfDocumentWriter::show(PangoLayout* layout, double x, double y) {
  cairo_move_to(cr_.get(), x, y);
  pango_cairo_show_layout(cr_.get(), layout);
}

double PdfDocumentWriter::height_of(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double PdfDocumentWriter::text_block(double x, double y, double width, const std::vector<Run>& runs,
                                     const TextStyle& style, bool draw) {
  prepare_layout(layout_.get(), runs, width, style);
  if (draw) show(layout_.get(), x, y);
  return height_of(layout_.get());
}

double PdfDocumentWriter::text_width(const std::vector<Run>& runs, double size_pt) {
  prepare_layout(layout_.get(), runs, -1, {.size_pt = size_pt});
  int w = 0, h = 0;
  pango_layout_get_size(layout_.get(), &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

void PdfDocumentWriter::paragraph(const std::vector<Run>& runs, const TextStyle& style) {
  const double h = text_block(left(), y_, content_width(), runs, style, false);
  ensure_space(h);  // a page break does not touch the prepared layout: draw it without shaping it again
  show(layout_.get(), left(), y_);
  y_ += h + style.space_after_pt;
}

void PdfDocumentWriter::paragraph(std::string_view text, const TextStyle& style, RunStyle run) {
  paragraph(std::vector<Run>{{std::string(text), run}}, style);
}

void PdfDocumentWriter::line(double x1, double y1, double x2, double y2, double width_pt) {
  cairo_set_line_width(cr_.get(), width_pt);
  cairo_move_to(cr_.get(), x1, y1);
  cairo_line_to(cr_.get(), x2, y2);
  cairo_stroke(cr_.get());
}

void PdfDocumentWriter::ensure_space(double pt) {
  if (y_ + pt > bottom_limit() && y_ > mm(margins_.top) + 1) new_page();
}

void PdfDocumentWriter::new_page() {
  cairo_show_page(cr_.get());
  ++page_;
  y_ = mm(margins_.top);
}

struct PdfDocumentWriter::HeaderLayout {
  bool grouped = false;
  double group_height = 0;
  double title_height = 0;
};

PdfDocumentWriter::HeaderLayout PdfDocumentWriter::measure_table_header(const Table& table,
                                                                        const std::vector<double>& widths) {
  HeaderLayout h;
  const TextStyle style{.size_pt = table.size_pt, .align = Align::kCenter};
  const double pad = 2 * table.padding_pt;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const auto& col = table.columns[i];
    h.title_height = std::max(
        h.title_height, text_block(0, 0, widths[i] - pad, {{col.title, {.bold = true}}}, style, false) + pad);
    if (col.group.empty()) continue;
    h.grouped = true;
    double span = 0;
    for (std::size_t j = i; j < table.columns.size() && table.columns[j].group == col.group; ++j)
      span += widths[j];
    h.group_height = std::max(
        h.group_height, text_block(0, 0, span - pad, {{col.group, {.bold = true}}}, style, false) + pad);
  }
  return h;
}

void PdfDocumentWriter::draw_table_header(const Table& table, const std::vector<double>& widths,
                                          const HeaderLayout& header) {
  const TextStyle style{.size_pt = table.size_pt, .align = Align::kCenter};
  const double pad = table.padding_pt;
  const double total = header.group_height + header.title_height;
  double x = left();
  for (std::size_t i = 0; i < table.columns.size();) {
    const auto& col = table.columns[i];
    if (col.group.empty()) {
      // A column outside any group spans both header rows, its title vertically centred.
      cairo_rectangle(cr_.get(), x, y_, widths[i], total);
      const double th = text_block(0, 0, widths[i] - 2 * pad, {{col.title, {.bold = true}}}, style, false);
      text_block(x + pad, y_ + (total - th) / 2, widths[i] - 2 * pad, {{col.title, {.bold = true}}}, style);
      x += widths[i++];
      continue;
    }
    double span = 0;
    std::size_t j = i;
    for (; j < table.columns.size() && table.columns[j].group == col.group; ++j) span += widths[j];
    cairo_rectangle(cr_.get(), x, y_, span, header.group_height);
    text_block(x + pad, y_ + pad, span - 2 * pad, {{col.group, {.bold = true}}}, style);
    for (; i < j; ++i) {
      cairo_rectangle(cr_.get(), x, y_ + header.group_height, widths[i], header.title_height);
      text_block(x + pad, y_ + header.group_height + pad, widths[i] - 2 * pad,
                 {{table.columns[i].title, {.bold = true}}}, style);
      x += widths[i];
    }
  }
  cairo_set_line_width(cr_.get(), 0.6);
  cairo_stroke(cr_.get());
  y_ += total;
}

std::vector<LayoutPtr> PdfDocumentWriter::row_layouts(const Table& table, const std::vector<double>& widths,
                                                      const std::vector<std::string>& row) {
  std::vector<LayoutPtr> cells;
  for (std::size_t i = 0; i < widths.size() && i < row.size(); ++i)
    cells.push_back(new_layout({{row[i], {}}}, widths[i] - 2 * table.padding_pt,
                               {.size_pt = table.size_pt, .align = table.columns[i].align}));
  return cells;
}

void PdfDocumentWriter::table(const Table& table) {
  const double total_weight = std::accumulate(table.columns.begin(), table.columns.end(), 0.0,
                                              [](double s, const TableColumn& c) { return s + c.weight; });
  std::vector<double> widths;
  for (const auto& c : table.columns) widths.push_back(content_width() * c.weight / total_weight);
  const HeaderLayout header = measure_table_header(table, widths);
  const double header_height = header.group_height + header.title_height;
  auto height = [&](const std::vector<LayoutPtr>& cells) {
    double h = 0;
    for (const auto& c : cells) h = std::max(h, height_of(c.get()));
    return h + 2 * table.padding_pt;
  };
  std::vector<LayoutPtr> cells =
      table.rows.empty() ? std::vector<LayoutPtr>() : row_layouts(table, widths, table.rows[0]);
  ensure_space(header_height + (cells.empty() ? 0 : height(cells)));
  draw_table_header(table, widths, header);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (r > 0) cells = row_layouts(table, widths, table.rows[r]);
    const double h = height(cells);
    if (y_ + h > bottom_limit()) {
      new_page();
      draw_table_header(table, widths, header);
    }
    double x = left();
    for (std::size_t i = 0; i < widths.size(); ++i) {
      cairo_rectangle(cr_.get(), x, y_, widths[i], h);
      if (i < cells.size()) show(cells[i].get(), x + table.padding_pt, y_ + table.padding_pt);
      x += widths[i];
    }
    cairo_set_line_width(cr_.get(), 0.6);
    cairo_stroke(cr_.get());
    y_ += h;
  }
  y_ += 6;
}

core::Result<std::string> PdfDocumentWriter::finish() {
  layout_.reset();
  const cairo_status_t drawing = cairo_status(cr_.get());
  cr_.reset();
  cairo_surface_finish(surface_.get());
  const cairo_status_t writing = cairo_surface_status(surface_.get());
  surface_.reset();
  if (invalid_text_)
    return core::Error::invalid("pdf.invalid_text", "Văn bản của biểu mẫu không phải UTF-8 hợp lệ.",
                                "The form's text is not valid UTF-8.");
  if (drawing != CAIRO_STATUS_SUCCESS || writing != CAIRO_STATUS_SUCCESS)
    return core::Error::internal(std::string("cairo: ") +
                                 cairo_status_to_string(drawing != CAIRO_STATUS_SUCCESS ? drawing : writing));
  return std::move(out_);
}

}  // namespace motcua::adapters::pdf
