#include "storage/common/search_terms.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace motcua::storage {

namespace {

bool is_word_char(UChar32 c) {
  constexpr std::uint32_t kWordMask = U_GC_L_MASK | U_GC_N_MASK | U_GC_MN_MASK | U_GC_CO_MASK;
  return c >= 0 && (static_cast<std::uint32_t>(U_GET_GC_MASK(c)) & kWordMask) != 0;
}

// Appends the code point at [begin, end) to `term` unless that would pass kMaxSearchTermBytes.
void append_capped(std::string& term, std::string_view text, std::size_t begin, std::size_t end) {
  if (term.size() + (end - begin) <= kMaxSearchTermBytes) term.append(text.substr(begin, end - begin));
}

std::string quoted(std::string_view term, char quote) {
  std::string out(1, quote);
  for (char c : term) {
    if (c == quote) out.push_back(quote);
    out.push_back(c);
  }
  out.push_back(quote);
  return out;
}

}  // namespace

std::vector<std::string> split_search_terms(std::string_view text) {
  std::vector<std::string> terms;
  std::string current;
  const auto length = static_cast<std::int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  std::int32_t i = 0;
  while (i < length && terms.size() < kMaxSearchTerms) {
    const auto begin = static_cast<std::size_t>(i);
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (is_word_char(c)) {
      append_capped(current, text, begin, static_cast<std::size_t>(i));
    } else if (!current.empty()) {
      terms.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty() && terms.size() < kMaxSearchTerms) terms.push_back(std::move(current));
  return terms;
}

std::string fts5_match_expression(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& term : terms) {
    if (!out.empty()) out.push_back(' ');
    out += quoted(term, '"');
  }
  if (!out.empty()) out.push_back('*');
  return out;
}

std::string tsquery_prefix_term(std::string_view term) {
  std::string out = "'";
  for (char c : term) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "':*";
}

}  // namespace motcua::storage
