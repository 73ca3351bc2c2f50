#include "storage/sqlite/placeholders.hpp"

namespace motcua::storage::sqlite {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The index just past the quoted text or comment that starts at `i`, or `i` if none starts there.
std::size_t skip_literal(std::string_view sql, std::size_t i) {
  const char c = sql[i];
  if (c == '\'' || c == '"') {
    std::size_t end = sql.find(c, i + 1);  // a doubled quote is two adjacent literals: same result
    return end == std::string_view::npos ? sql.size() : end + 1;
  }
  if (sql.substr(i, 2) == "--") {
    std::size_t end = sql.find('\n', i);
    return end == std::string_view::npos ? sql.size() : end + 1;
  }
  if (sql.substr(i, 2) == "/*") {
    std::size_t end = sql.find("*/", i + 2);
    return end == std::string_view::npos ? sql.size() : end + 2;
  }
  return i;
}

}  // namespace

std::string rewrite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  std::size_t i = 0;
  while (i < sql.size()) {
    const std::size_t after = skip_literal(sql, i);
    if (after != i) {
      out.append(sql.substr(i, after - i));
      i = after;
    } else if (sql[i] == '$' && i + 1 < sql.size() && is_digit(sql[i + 1])) {
      out.push_back('?');
      ++i;
    } else {
      out.push_back(sql[i++]);
    }
  }
  return out;
}

}  // namespace motcua::storage::sqlite
