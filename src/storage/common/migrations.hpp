// Versioned schema migrations. Each engine ships its own numbered scripts (src/storage/migrations/<engine>/
// NNNN_name.sql, embedded in the binary); version N is the number in the file name. A migration runs once, in
// the caller's write transaction, and is recorded in schema_migrations (version, name, applied_at). Scripts
// are never edited after release: a change is a new, higher-numbered file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/embedded.hpp"
#include "core/result.hpp"
#include "storage/common/sql.hpp"

namespace motcua::storage {

struct Migration {
  int version = 0;
  std::string name;      // file name without the number and extension: "init"
  std::string_view sql;  // the script, valid for the program's lifetime
};

// Parses embedded files named NNNN_name.sql into migrations sorted by version. kInternal on a malformed name
// or a duplicate version (a build mistake).
core::Result<std::vector<Migration>> parse_migrations(const std::vector<core::EmbeddedFile>& files);

// Applies the migrations newer than the recorded version and returns their versions (empty when up to date).
// Must run inside a write transaction; on PostgreSQL it first takes an advisory lock so that several
// processes starting at once migrate one after the other.
core::Result<std::vector<int>> apply_migrations(Connection& conn, const std::vector<Migration>& migrations);

// The highest applied version; 0 for an empty database.
core::Result<int> read_schema_version(Connection& conn);

}  // namespace motcua::storage
