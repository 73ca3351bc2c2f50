// A Connection (storage/common/sql.hpp) over one sqlite3 handle: `$N` parameters rewritten to `?N`,
// statements prepared once and cached by SQL text, the "vn" FTS5 tokenizer registered, foreign keys on. The
// writable connection additionally switches the database to WAL (its `synchronous` level is the store's to
// set). Used by one thread at a time (the handle is opened without SQLite's own mutex); not thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/result.hpp"
#include "storage/common/sql.hpp"
#include "storage/sqlite/sqlite_handles.hpp"

namespace motcua::storage::sqlite {

class SqliteConnection final : public Connection {
 public:
  enum class Access { kReadWrite, kReadOnly };

  // Opens (creating it when writable) the database file at `path`, or a private in-memory database for
  // ":memory:". kUnavailable when the file cannot be opened.
  static core::Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, Access access,
                                                              int busy_timeout_ms);

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }

  // After each commit of this connection, calls `hook` on the committing thread with the number of frames
  // now in the WAL. It replaces SQLite's automatic checkpoints (wal_autocheckpoint): whoever sets it runs
  // them, with checkpoint(). `hook` must not throw.
  void on_wal_commit(std::function<void(int frames)> hook);

  // A passive checkpoint: copies into the database file every WAL frame that no open read transaction still
  // needs from the WAL, syncing the WAL before and the database file after as the connection's `synchronous`
  // says (NORMAL or FULL: both). Never waits for readers, the writer or another checkpoint: if another
  // connection holds the checkpoint lock it does nothing, and that is not an error. Once every frame is
  // copied, the next write transaction starts the WAL again from its beginning.
  core::Status checkpoint();

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  explicit SqliteConnection(DbHandle db) : db_(std::move(db)) {}
  core::Status configure(Access access, int busy_timeout_ms);
  core::Result<std::int64_t> do_exec(std::string_view sql, Params params) override;
  core::Result<Rows> do_query(std::string_view sql, Params params) override;
  core::Status do_exec_script(std::string_view sql) override;
  // Runs the statement to completion, appending its rows to `rows` when given.
  core::Status run(std::string_view sql, Params params, Rows* rows);
  core::Result<sqlite3_stmt*> statement(std::string_view sql);
  core::Status bind(sqlite3_stmt* stmt, Params params);
  core::Error error(int rc) const;

  std::function<void(int)> wal_hook_;  // declared before db_: outlives the handle that calls it
  DbHandle db_;                        // declared before the statements: destroyed after them
  std::unordered_map<std::string, StmtHandle, StringHash, std::equal_to<>> statements_;
};

}  // namespace motcua::storage::sqlite
