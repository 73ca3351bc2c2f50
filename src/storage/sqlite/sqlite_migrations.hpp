// The SQLite migration scripts (src/storage/migrations/sqlite/*.sql), embedded at build time by
// motcua_embed_files; the definition is generated. The namespace has no "::" because motcua_embed_files names
// the generated file after it.
#pragma once

#include <vector>

#include "core/embedded.hpp"

namespace motcua_sqlite_migrations {

const std::vector<motcua::core::EmbeddedFile>& files();

}  // namespace motcua_sqlite_migrations
