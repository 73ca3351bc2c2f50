// Turning a user's free-text query into engine search syntax without ever splicing raw text into it.
//
// The text is split into terms: maximal runs of letters, digits, combining marks and private-use characters,
// the characters both FTS5's unicode61 tokenizer and PostgreSQL's parser treat as parts of words. Everything
// else (spaces, punctuation, quotes, `*`, `(`, operators) only separates terms, so no input can change the
// shape of the engine query. Folding (case, diacritics, đ/Đ) is left to the engines, which apply the same
// folding to the indexed text. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace motcua::storage {

inline constexpr std::size_t kMaxSearchTerms = 16;       // later terms are ignored
inline constexpr std::size_t kMaxSearchTermBytes = 128;  // longer terms are cut at a character boundary

// The terms of `text` (valid UTF-8, NFC) in order; empty if it has no word characters.
std::vector<std::string> split_search_terms(std::string_view text);

// FTS5 MATCH expression: every term as a quoted string, all required (implicit AND), the last one a prefix:
// `"dang" "ky" "khai"*`. Empty for no terms.
std::string fts5_match_expression(const std::vector<std::string>& terms);

// PostgreSQL to_tsquery input for one prefix term: `'term':*`, quotes and backslashes escaped.
std::string tsquery_prefix_term(std::string_view term);

}  // namespace motcua::storage
