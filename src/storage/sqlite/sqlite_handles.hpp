// Owning handles for the SQLite C API. unique_ptr with a deleter gives move-only RAII: copies are deleted,
// the handle is released exactly once.
#pragma once

#include <sqlite3.h>

#include <memory>

namespace motcua::storage::sqlite {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

}  // namespace motcua::storage::sqlite
