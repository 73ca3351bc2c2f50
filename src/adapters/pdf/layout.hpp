// A small flow-layout writer on Cairo's PDF surface with Pango text: paragraphs of styled runs, bordered
// tables with an optional grouped header row, page breaks, and direct drawing for headers and QR codes. Text
// is shaped by Pango and embedded by Cairo as font subsets with ToUnicode maps, so `pdftotext` gives the same
// text back.
//
// Coordinates are PDF points (1/72 inch) from the top-left corner of the page; mm() converts millimetres.
// Not thread-safe: one writer per document, one thread at a time (different writers may run in parallel).
//
//   PdfDocumentWriter w(Orientation::kPortrait, kDecree30Margins, "Liberation Serif");
//   w.paragraph({{"GIẤY TIẾP NHẬN HỒ SƠ", {.bold = true}}}, {.size_pt = 14, .align = Align::kCenter});
//   std::string pdf = w.finish();
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/pdf/cairo_handles.hpp"
#include "core/result.hpp"

namespace motcua::adapters::pdf {

constexpr double mm(double v) {
  return v * 72.0 / 25.4;
}

enum class Orientation { kPortrait, kLandscape };
enum class Align { kLeft, kCenter, kRight, kJustify };

struct Margins {  // millimetres
  double top = 20, bottom = 20, left = 30, right = 15;
};
// Decree 30/2020 Appendix I page setup: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
inline constexpr Margins kDecree30Margins{20, 20, 30, 15};

struct RunStyle {
  bool bold = false;
  bool italic = false;
  bool underline = false;
};

// A piece of text with one style; a paragraph is a sequence of runs.
struct Run {
  std::string text;
  RunStyle style;
};

struct TextStyle {
  double size_pt = 13;
  Align align = Align::kLeft;
  double space_after_pt = 3;
  double first_line_indent_pt = 0;
  double line_spacing = 1.0;  // multiple of the font's natural line height
};

struct TableColumn {
  std::string title;
  double weight = 1;  // share of the table width
  Align align = Align::kLeft;
  std::string group;  // columns with the same non-empty group share a header cell above theirs
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::string>> rows;
  double size_pt = 11;
  double padding_pt = 3;
};

class PdfDocumentWriter {
 public:
  PdfDocumentWriter(Orientation orientation, Margins margins, std::string font_family);
  // A page of any size without margins (signature stamps).
  PdfDocumentWriter(double width_pt, double height_pt, const std::string& font_family);
  PdfDocumentWriter(const PdfDocumentWriter&) = delete;
  PdfDocumentWriter& operator=(const PdfDocumentWriter&) = delete;

  double page_width() const { return width_; }
  double page_height() const { return height_; }
  double left() const { return mm(margins_.left); }
  double content_width() const { return width_ - mm(margins_.left) - mm(margins_.right); }
  double y() const { return y_; }
  int page_index() const { return page_; }  // 0-based page the cursor is on
  void set_y(double y) { y_ = y; }
  void move_down(double pt) { y_ += pt; }
  cairo_t* cairo() { return cr_.get(); }

  // Text is NFC-normalised before shaping. Lays out `runs` in a box of `width` at (x, y); draws them unless
  // `draw` is false. Returns the height used.
  double text_block(double x, double y, double width, const std::vector<Run>& runs, const TextStyle& style,
                    bool draw = true);
  // Width of a single unwrapped line of `runs`.
  double text_width(const std::vector<Run>& runs, double size_pt);

  // A paragraph across the content width at the cursor; breaks the page first if it does not fit.
  void paragraph(const std::vector<Run>& runs, const TextStyle& style = {});
  void paragraph(std::string_view text, const TextStyle& style = {}, RunStyle run = {});
  // A bordered table at the cursor; rows that do not fit go to the next page, under a repeated header.
  void table(const Table& table);

  void line(double x1, double y1, double x2, double y2, double width_pt = 0.6);
  // Breaks the page when fewer than `pt` remain above the bottom margin.
  void ensure_space(double pt);
  void new_page();

  // Finishes the document and returns the PDF bytes. The writer cannot be used afterwards. InvalidArgument if
  // any text given to the writer was not valid UTF-8 (such text is never drawn); Internal if Cairo failed.
  core::Result<std::string> finish();

 private:
  struct HeaderLayout;
  void draw_table_header(const Table& table, const std::vector<double>& widths, const HeaderLayout& header);
  HeaderLayout measure_table_header(const Table& table, const std::vector<double>& widths);
  std::vector<LayoutPtr> row_layouts(const Table& table, const std::vector<double>& widths,
                                     const std::vector<std::string>& row);
  // Sets `runs` (NFC) with `style` on `layout`, wrapped at `width` (no wrapping when width <= 0).
  void prepare_layout(PangoLayout* layout, const std::vector<Run>& runs, double width,
                      const TextStyle& style);
  // A fresh layout for text that is measured first and drawn later (table cells), so it is shaped only once.
  LayoutPtr new_layout(const std::vector<Run>& runs, double width, const TextStyle& style);
  void show(PangoLayout* layout, double x, double y);
  static double height_of(PangoLayout* layout);
  double bottom_limit() const { return height_ - mm(margins_.bottom); }

  std::string out_;
  bool invalid_text_ = false;
  double width_;
  double height_;
  Margins margins_;
  double y_;
  int page_ = 0;
  SurfacePtr surface_;
  CairoPtr cr_;
  LayoutPtr layout_;
  FontDescriptionPtr font_;
};

}  // namespace motcua::adapters::pdf
