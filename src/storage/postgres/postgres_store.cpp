#include "storage/postgres/postgres_store.hpp"

#include <chrono>

#include "core/worker_pool.hpp"
#include "storage/common/connection_pool.hpp"
#include "storage/common/sql_store.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/postgres_migrations.hpp"

namespace motcua::storage {

namespace {

using postgres::PgConnection;

constexpr std::string_view kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
constexpr std::string_view kBeginWrite = "BEGIN";

class PostgresStore final : public SqlStore {
 public:
  PostgresStore(std::vector<Migration> migrations, const std::string& url, const StoreOptions& options)
      : SqlStore(std::move(migrations)),
        pool_(
            [url, options]() -> core::Result<std::unique_ptr<Connection>> {
              auto conn = PgConnection::connect(url, options);
              if (!conn) return std::move(conn).error();
              return std::unique_ptr<Connection>(std::move(*conn));
            },
            options.pool_size, std::chrono::milliseconds(options.busy_timeout_ms)),
        writers_(options.pool_size) {}

  const char* engine() const override { return "postgresql"; }
  core::Status check_connection() {
    return in_read_transaction([](Connection&) { return core::ok_status(); });
  }

 protected:
  core::Status in_read_transaction(const ConnectionFn& fn) override { return transaction(kBeginRead, fn); }
  core::Status in_write_transaction(const ConnectionFn& fn) override { return transaction(kBeginWrite, fn); }
  // On threads of the store's own, as many as the pool has connections: PostgreSQL runs concurrent write
  // transactions side by side and groups their commits itself, so each write simply runs whole on one of
  // them.
  void in_write_transaction_async(ConnectionFn fn, app::Store::WriteDone done) override {
    writers_.post([this, fn = std::move(fn), done = std::move(done)]() mutable {
      SqlStore::in_write_transaction_async(std::move(fn), std::move(done));
    });
  }

 private:
  // A pooled connection may have lost its server since its last use; that shows only when BEGIN fails, and
  // nothing has run yet, so one retry on a new connection is safe.
  core::Status transaction(std::string_view begin_sql, const ConnectionFn& fn) {
    for (int attempt = 0;; ++attempt) {
      auto lease = pool_.acquire();
      if (!lease) return std::move(lease).error();
      core::Status begun = (*lease)->begin(begin_sql);
      if (begun) return finish_transaction(**lease, fn);
      if (attempt > 0 || !(*lease)->broken()) return begun;
    }
  }

  ConnectionPool pool_;
  core::WorkerPool writers_;  // after pool_: joined before the connections close
};

}  // namespace

core::Result<std::unique_ptr<app::Store>> make_postgres_store(const std::string& url,
                                                              const StoreOptions& options) {
  auto migrations = parse_migrations(motcua_postgres_migrations::files());
  if (!migrations) return std::move(migrations).error();
  auto store = std::make_unique<PostgresStore>(std::move(*migrations), url, options);
  MOTCUA_RETURN_IF_ERROR(store->check_connection());
  return std::unique_ptr<app::Store>(std::move(store));
}

}  // namespace motcua::storage
