#include "storage/sqlite/sqlite_store.hpp"

#include <chrono>
#include <mutex>

#include "storage/common/connection_pool.hpp"
#include "storage/common/sql_store.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"

namespace motcua::storage {

namespace {

using sqlite::SqliteConnection;

constexpr std::string_view kMemoryPath = ":memory:";

class SqliteStore final : public SqlStore {
 public:
  SqliteStore(std::vector<Migration> migrations, std::unique_ptr<SqliteConnection> writer,
              const std::string& path, const StoreOptions& options)
      : SqlStore(std::move(migrations)), writer_(std::move(writer)) {
    if (path == kMemoryPath) return;
    const int timeout = options.busy_timeout_ms;
    readers_ = std::make_unique<ConnectionPool>(
        [path, timeout]() -> core::Result<std::unique_ptr<Connection>> {
          auto conn = SqliteConnection::open(path, SqliteConnection::Access::kReadOnly, timeout);
          if (!conn) return std::move(conn).error();
          return std::unique_ptr<Connection>(std::move(*conn));
        },
        options.pool_size, std::chrono::milliseconds(timeout));
  }

  const char* engine() const override { return "sqlite"; }

 protected:
  core::Status in_read_transaction(const ConnectionFn& fn) override {
    if (!readers_) return read_on_writer(fn);
    auto reader = readers_->acquire();
    if (!reader) return std::move(reader).error();
    return run_transaction(**reader, "BEGIN", fn);
  }

  core::Status in_write_transaction(const ConnectionFn& fn) override {
    std::lock_guard lock(writer_mu_);
    return run_transaction(*writer_, "BEGIN IMMEDIATE", fn);
  }

 private:
  // Switches the writer to query_only for the lifetime of this object, so that a read on an in-memory
  // database (which has no read-only connections) cannot write either.
  class QueryOnly {
   public:
    explicit QueryOnly(Connection& conn) : conn_(conn) {
      status_ = conn_.exec_script("PRAGMA query_only = ON");
    }
    QueryOnly(const QueryOnly&) = delete;
    QueryOnly& operator=(const QueryOnly&) = delete;
    ~QueryOnly() { (void)conn_.exec_script("PRAGMA query_only = OFF"); }
    const core::Status& status() const { return status_; }

   private:
    Connection& conn_;
    core::Status status_;
  };

  core::Status read_on_writer(const ConnectionFn& fn) {
    std::lock_guard lock(writer_mu_);
    QueryOnly query_only(*writer_);
    MOTCUA_RETURN_IF_ERROR(query_only.status());
    return run_transaction(*writer_, "BEGIN", fn);
  }

  std::mutex writer_mu_;
  std::unique_ptr<SqliteConnection> writer_;  // guarded by writer_mu_
  std::unique_ptr<ConnectionPool> readers_;   // null for an in-memory database
};

}  // namespace

core::Result<std::unique_ptr<app::Store>> make_sqlite_store(const std::string& path,
                                                            const StoreOptions& options) {
  auto migrations = parse_migrations(motcua_sqlite_migrations::files());
  if (!migrations) return std::move(migrations).error();
  auto writer = SqliteConnection::open(path, SqliteConnection::Access::kReadWrite, options.busy_timeout_ms);
  if (!writer) return std::move(writer).error();
  return std::unique_ptr<app::Store>(
      std::make_unique<SqliteStore>(std::move(*migrations), std::move(*writer), path, options));
}

}  // namespace motcua::storage
