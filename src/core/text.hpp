// Unicode text helpers backed by ICU. Every string that enters motcua from outside (HTTP, files, CLI) is
// checked with is_valid_utf8 and stored as to_nfc(), so that the several encodings of the same Vietnamese
// name compare equal. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace motcua::core {

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool is_valid_utf8(std::string_view s);

// `s` with every ill-formed UTF-8 sequence replaced by U+FFFD (ICU's conversion); valid input is returned as
// it is.
std::string to_valid_utf8(std::string_view s);

// Unicode NFC of a valid UTF-8 string. Invalid input is returned unchanged (validate first).
std::string to_nfc(std::string_view s);

// Trims ASCII and Unicode whitespace at both ends.
std::string trim(std::string_view s);

// Case- and diacritic-insensitive key built with ICU's transliterator ("NFD; remove marks; lower") plus
// đ/Đ -> d, the one Vietnamese letter ICU treats as a base letter rather than d + mark. Used for in-memory
// comparisons (e.g. unit names); database search uses the engines' own folding.
std::string fold_for_search(std::string_view s);

// Number of Unicode code points in a valid UTF-8 string.
std::size_t utf8_length(std::string_view s);

}  // namespace motcua::core
