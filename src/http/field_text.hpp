// ASCII helpers for HTTP field values (RFC 9110 §5.5-5.6): header names and tokens such as "gzip" or a
// media type compare without regard to ASCII case, and optional whitespace (OWS) is spaces and tabs. Inline
// on purpose: they run on every response, and libc's locale-aware tolower() was a function call per byte.
#pragma once

#include <algorithm>
#include <string_view>

namespace motcua::http {

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool ascii_iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

constexpr bool is_ows(char c) {
  return c == ' ' || c == '\t';
}

// `s` without optional whitespace at either end.
inline std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace motcua::http
