// Rewrites the `$1..$N` parameters of the shared SQL to SQLite's numbered `?1..?N` form (SQLite would read
// `$1` as a *named* parameter and number it by first appearance). Text inside quotes and comments is left
// alone. Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace motcua::storage::sqlite {

std::string rewrite_placeholders(std::string_view sql);

}  // namespace motcua::storage::sqlite
