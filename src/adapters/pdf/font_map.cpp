#include "adapters/pdf/font_map.hpp"

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <pango/pangofc-fontmap.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/pdf/form_parts.hpp"

namespace motcua::adapters::pdf {

namespace {

struct Style {
  int weight;
  int slant;
};
constexpr Style kStyles[] = {{FC_WEIGHT_REGULAR, FC_SLANT_ROMAN},
                             {FC_WEIGHT_BOLD, FC_SLANT_ROMAN},
                             {FC_WEIGHT_REGULAR, FC_SLANT_ITALIC},
                             {FC_WEIGHT_BOLD, FC_SLANT_ITALIC}};

// The file fontconfig picks in `config` for kFontFamily in one style, the way Pango asks for it.
std::optional<std::string> matched_file(FcConfig* config, Style style) {
  FcPattern* pattern = FcPatternCreate();
  std::string_view families = kFontFamily;
  for (std::size_t start = 0; start <= families.size();) {
    const std::size_t comma = std::min(families.find(',', start), families.size());
    const std::string family(families.substr(start, comma - start));
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    start = comma + 1;
  }
  FcPatternAddInteger(pattern, FC_WEIGHT, style.weight);
  FcPatternAddInteger(pattern, FC_SLANT, style.slant);
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(config, pattern, &result);
  FcPatternDestroy(pattern);
  std::optional<std::string> file;
  FcChar8* path = nullptr;
  int index = 0;
  if (match != nullptr && FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch &&
      FcPatternGetInteger(match, FC_INDEX, 0, &index) == FcResultMatch && index == 0)
    file = reinterpret_cast<const char*>(path);
  if (match != nullptr) FcPatternDestroy(match);
  return file;
}

bool has_table(hb_face_t* face, hb_tag_t tag) {
  hb_blob_t* blob = hb_face_reference_table(face, tag);
  const bool present = hb_blob_get_length(blob) > 0;
  hb_blob_destroy(blob);
  return present;
}

// The TrueType font in `file` without its hinting: every glyph (same indices), code point, name, layout
// feature and table kept, only the fpgm/prep/cvt tables and the glyphs' instructions dropped. Empty if the
// font has no TrueType hinting or HarfBuzz cannot rewrite it.
std::string dehinted(const std::string& file) {
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
  if (blob == nullptr) return {};
  hb_face_t* face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  std::string out;
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input != nullptr && has_table(face, HB_TAG('g', 'l', 'y', 'f')) &&
      (has_table(face, HB_TAG('f', 'p', 'g', 'm')) || has_table(face, HB_TAG('p', 'r', 'e', 'p')))) {
    hb_set_add_range(hb_subset_input_glyph_set(input), 0, hb_face_get_glyph_count(face) - 1);
    hb_face_collect_unicodes(face, hb_subset_input_unicode_set(input));
    for (const auto set : {HB_SUBSET_SETS_NAME_ID, HB_SUBSET_SETS_NAME_LANG_ID,
                           HB_SUBSET_SETS_LAYOUT_FEATURE_TAG, HB_SUBSET_SETS_LAYOUT_SCRIPT_TAG}) {
      hb_set_clear(hb_subset_input_set(input, set));
      hb_set_invert(hb_subset_input_set(input, set));  // all of them
    }
    hb_set_clear(hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG));
    hb_subset_input_set_flags(
        input, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NAME_LEGACY |
                   HB_SUBSET_FLAGS_GLYPH_NAMES | HB_SUBSET_FLAGS_NOTDEF_OUTLINE |
                   HB_SUBSET_FLAGS_NO_PRUNE_UNICODE_RANGES | HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED);
    if (hb_face_t* subset = hb_subset_or_fail(face, input)) {
      hb_blob_t* bytes = hb_face_reference_blob(subset);
      unsigned int length = 0;
      const char* data = hb_blob_get_data(bytes, &length);
      if (data != nullptr) out.assign(data, length);
      hb_blob_destroy(bytes);
      hb_face_destroy(subset);
    }
  }
  if (input != nullptr) hb_subset_input_destroy(input);
  hb_face_destroy(face);
  return out;
}

// `bytes` as an anonymous in-memory file that fontconfig, FreeType and HarfBuzz open by path; it lives as
// long as the process.
std::optional<std::string> memory_file(const std::string& bytes) {
  const int fd = memfd_create("motcua-font", MFD_CLOEXEC);
  if (fd < 0) return std::nullopt;
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      close(fd);
      return std::nullopt;
    }
    done += static_cast<std::size_t>(n);
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

std::string xml_escaped(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '*' || c == '?' || c == '[')
      out += '?';  // a glob character in a path: match it as any character
    else
      out += c;
  }
  return out;
}

// The system's configuration with the chosen faces replaced by their hint-free copies, or null (use the
// system's fonts as installed).
FcConfig* build_config() {
  const char* hinting = std::getenv("MOTCUA_PDF_FONT_HINTING");
  if (hinting != nullptr && std::strcmp(hinting, "keep") == 0) return nullptr;
  FcConfig* system = FcInitLoadConfigAndFonts();
  if (system == nullptr) return nullptr;
  std::vector<std::string> originals, copies;
  for (const Style style : kStyles) {
    const auto file = matched_file(system, style);
    if (!file || std::find(originals.begin(), originals.end(), *file) != originals.end()) continue;
    const std::string bytes = dehinted(*file);
    const auto copy = bytes.empty() ? std::nullopt : memory_file(bytes);
    if (!copy) continue;
    originals.push_back(*file);
    copies.push_back(*copy);
  }
  FcConfigDestroy(system);
  if (copies.empty()) return nullptr;
  std::string reject = "<fontconfig><selectfont><rejectfont>";
  for (const auto& f : originals) reject += "<glob>" + xml_escaped(f) + "</glob>";
  reject += "</rejectfont></selectfont></fontconfig>";
  FcConfig* config = FcConfigCreate();
  bool ok =
      FcConfigParseAndLoad(config, nullptr, FcTrue) &&
      FcConfigParseAndLoadFromMemory(config, reinterpret_cast<const FcChar8*>(reject.c_str()), FcTrue) &&
      FcConfigBuildFonts(config);
  for (const auto& c : copies)
    ok = ok && FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(c.c_str()));
  // Every style must now resolve to a copy, or the configuration is not used at all.
  for (const Style style : kStyles) {
    const auto file = matched_file(config, style);
    ok = ok && file && std::find(originals.begin(), originals.end(), *file) == originals.end();
  }
  if (ok) return config;
  FcConfigDestroy(config);
  return nullptr;
}

FcConfig* shared_config() {
  static FcConfig* const config = build_config();  // built once, never destroyed (process lifetime)
  return config;
}

struct ThreadFontMap {
  PangoFontMap* map = nullptr;
  ~ThreadFontMap() {
    if (map != nullptr) g_object_unref(map);
  }
};

PangoFontMap* font_map() {
  FcConfig* config = shared_config();
  if (config == nullptr) return pango_cairo_font_map_get_default();
  thread_local ThreadFontMap local;
  if (local.map == nullptr) {
    local.map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (local.map == nullptr) return pango_cairo_font_map_get_default();
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(local.map), config);
  }
  return local.map;
}

}  // namespace

LayoutPtr new_form_layout(cairo_t* cr) {
  PangoContext* context = pango_font_map_create_context(font_map());
  pango_cairo_update_context(cr, context);
  // A PDF is vector output: glyphs go where the font's metrics put them, not rounded to whole points (which
  // spread or squeezed the letters by up to half a point each and gave Cairo a position to correct after
  // almost every glyph).
  pango_context_set_round_glyph_positions(context, FALSE);
  LayoutPtr layout(pango_layout_new(context));
  g_object_unref(context);
  return layout;
}

bool form_fonts_dehinted() {
  return shared_config() != nullptr;
}

}  // namespace motcua::adapters::pdf
