// The FTS5 tokenizer "vn": FTS5's built-in `unicode61 remove_diacritics 2` (case folding and removal of
// diacritics) plus the one fold it lacks for Vietnamese, đ/Đ -> d (U+0111/U+0110 are letters of their own,
// not d + a combining mark). "Đăng ký" is indexed and queried as "dang" "ky". Extra tokenizer arguments are
// passed on to unicode61.
//
// FTS5 tokenizers are registered per connection: call register_vn_tokenizer on every connection before it
// touches an FTS5 table declared with tokenize='vn'.
#pragma once

#include <sqlite3.h>

#include "core/result.hpp"

namespace motcua::storage::sqlite {

core::Status register_vn_tokenizer(sqlite3* db);

}  // namespace motcua::storage::sqlite
