#include "storage/common/sql_template.hpp"

namespace motcua::storage {

namespace {

constexpr std::string_view kJsonMarker = "{json}";

std::string replace_all(std::string_view text, std::string_view marker, std::string_view by) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t hit = text.find(marker, pos);
    out.append(text.substr(pos, hit == std::string_view::npos ? std::string_view::npos : hit - pos));
    if (hit == std::string_view::npos) return out;
    out.append(by);
    pos = hit + marker.size();
  }
}

}  // namespace

SqlTemplate::SqlTemplate(std::string_view text)
    : sqlite_(replace_all(text, kJsonMarker, "")), postgres_(replace_all(text, kJsonMarker, "::jsonb")) {}

SqlTemplate::SqlTemplate(std::string_view sqlite_text, std::string_view postgres_text)
    : sqlite_(replace_all(sqlite_text, kJsonMarker, "")),
      postgres_(replace_all(postgres_text, kJsonMarker, "::jsonb")) {}

}  // namespace motcua::storage
