#include "storage/sqlite/sqlite_connection.hpp"

#include "storage/common/errors.hpp"
#include "storage/sqlite/placeholders.hpp"
#include "storage/sqlite/vn_tokenizer.hpp"

namespace motcua::storage::sqlite {

namespace {

// Resets and unbinds a cached statement when the call that used it ends, however it ends.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* stmt) : stmt_(stmt) {}
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;
  ~StatementReset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

Value column_value(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      return Value(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
    case SQLITE_FLOAT:
      return Value(sqlite3_column_double(stmt, i));
    case SQLITE_NULL:
      return Value();
    default: {
      const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, i));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
      return Value(std::string(data == nullptr ? "" : data, data == nullptr ? 0 : size));
    }
  }
}

Row read_row(sqlite3_stmt* stmt) {
  const int n = sqlite3_column_count(stmt);
  std::vector<Value> values;
  values.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) values.push_back(column_value(stmt, i));
  return Row(std::move(values));
}

// Turns off SQLite's memory statistics before its first use in the process: they take a global mutex on every
// allocation, which every connection makes many of per statement (about 10 % of a busy server's CPU). Has no
// effect (and is harmless) if SQLite was already initialised.
void configure_library_once() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)done;
}

}  // namespace

core::Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, Access access,
                                                                       int busy_timeout_ms) {
  const int flags =
      (access == Access::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  configure_library_once();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  DbHandle db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) {
    return db_unavailable("cannot open SQLite database: " + std::string(sqlite3_errstr(rc)));
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(std::move(db)));
  MOTCUA_RETURN_IF_ERROR(conn->configure(access, busy_timeout_ms));
  return conn;
}

core::Status SqliteConnection::configure(Access access, int busy_timeout_ms) {
  sqlite3_extended_result_codes(db_.get(), 1);
  sqlite3_busy_timeout(db_.get(), busy_timeout_ms);
  MOTCUA_RETURN_IF_ERROR(register_vn_tokenizer(db_.get()));
  MOTCUA_RETURN_IF_ERROR(exec_script("PRAGMA foreign_keys = ON"));
  if (access == Access::kReadOnly) return {};
  // Durability (synchronous) is the store's to set: it syncs the WAL itself (sqlite_store.cpp, WalSync).
  // The writer runs a group commit's many requests in one transaction (in savepoints after a failure):
  // - temp_store = MEMORY keeps a savepoint's sub-journal (a copy of every page a request changes) in
  //   memory; by default it spills to a temporary file past 64 KiB, one write(2) per page, which was a third
  //   of the writer's time;
  // - a 16 MiB page cache (allocated as pages are used, not up front) holds a batch's pages and the hot
  //   index pages, instead of SQLite's 2 MiB. Not more: every commit walks the cache's hash table to drop
  //   pages past the end of the database (pcache1's truncate), which `perf` put at 6 % of the server's CPU
  //   under submissions with 64 MiB (the writer spent 10-13 % more CPU per submission than with 4-16 MiB).
  return exec_script(
      "PRAGMA journal_mode = WAL; PRAGMA temp_store = MEMORY; "
      "PRAGMA cache_size = -16384");
}

void SqliteConnection::on_wal_commit(std::function<void(int frames)> hook) {
  wal_hook_ = std::move(hook);
  sqlite3_wal_hook(
      db_.get(),
      [](void* arg, sqlite3*, const char*, int frames) -> int {
        (*static_cast<std::function<void(int)>*>(arg))(frames);
        return SQLITE_OK;
      },
      &wal_hook_);
}

core::Status SqliteConnection::checkpoint() {
  const int rc = sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) return error(rc);
  return {};
}

core::Status SqliteConnection::do_exec_script(std::string_view sql) {
  // One statement (BEGIN, COMMIT, SAVEPOINT...: several per write, each one a parse with sqlite3_exec) runs
  // as a cached prepared statement; scripts of several statements (migrations) go through sqlite3_exec.
  if (sql.find(';') == std::string_view::npos) return run(sql, {}, nullptr);
  const int rc = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(rc);
  return {};
}

core::Result<std::int64_t> SqliteConnection::do_exec(std::string_view sql, Params params) {
  MOTCUA_RETURN_IF_ERROR(run(sql, params, nullptr));
  return static_cast<std::int64_t>(sqlite3_changes64(db_.get()));
}

core::Result<Rows> SqliteConnection::do_query(std::string_view sql, Params params) {
  Rows rows;
  MOTCUA_RETURN_IF_ERROR(run(sql, params, &rows));
  return rows;
}

core::Status SqliteConnection::run(std::string_view sql, Params params, Rows* rows) {
  auto stmt = statement(sql);
  if (!stmt) return std::move(stmt).error();
  StatementReset reset(*stmt);
  MOTCUA_RETURN_IF_ERROR(bind(*stmt, params));
  while (true) {
    const int rc = sqlite3_step(*stmt);
    if (rc == SQLITE_DONE) return {};
    if (rc != SQLITE_ROW) return error(rc);
    if (rows != nullptr) rows->push_back(read_row(*stmt));
  }
}

core::Result<sqlite3_stmt*> SqliteConnection::statement(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second.get();
  const std::string text = rewrite_placeholders(sql);
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db_.get(), text.c_str(), static_cast<int>(text.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  StmtHandle stmt(raw);
  if (rc != SQLITE_OK) return error(rc);
  return statements_.emplace(std::string(sql), std::move(stmt)).first->second.get();
}

core::Status SqliteConnection::bind(sqlite3_stmt* stmt, Params params) {
  int rc = SQLITE_OK;
  for (std::size_t i = 0; i < params.size() && rc == SQLITE_OK; ++i) {
    const Value& v = params[i];
    const int index = static_cast<int>(i) + 1;
    if (v.is_null()) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (v.is_int()) {
      rc = sqlite3_bind_int64(stmt, index, v.as_int64());
    } else if (v.is_real()) {
      rc = sqlite3_bind_double(stmt, index, v.as_double());
    } else if (v.text_ref().find('\0') != std::string::npos) {
      return db_invalid_value();  // PostgreSQL cannot store NUL in text; refuse it on both engines
    } else {
      rc = sqlite3_bind_text64(stmt, index, v.text_ref().data(), v.text_ref().size(), SQLITE_STATIC,
                               SQLITE_UTF8);
    }
  }
  if (rc != SQLITE_OK) return error(rc);
  return {};
}

core::Error SqliteConnection::error(int rc) const {
  const int extended = sqlite3_extended_errcode(db_.get());
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return db_already_exists();
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return db_reference_missing();
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_CHECK:
      return db_invalid_value();
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return db_unavailable(sqlite3_errstr(rc));
    default:
      return db_internal(std::string(sqlite3_errstr(rc)) + ": " + sqlite3_errmsg(db_.get()));
  }
}

}  // namespace motcua::storage::sqlite
