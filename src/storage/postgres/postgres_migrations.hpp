// The PostgreSQL migration scripts (src/storage/migrations/postgres/*.sql), embedded at build time by
// motcua_embed_files; the definition is generated. The namespace has no "::" because motcua_embed_files names
// the generated file after it.
#pragma once

#include <vector>

#include "core/embedded.hpp"

namespace motcua_postgres_migrations {

const std::vector<motcua::core::EmbeddedFile>& files();

}  // namespace motcua_postgres_migrations
