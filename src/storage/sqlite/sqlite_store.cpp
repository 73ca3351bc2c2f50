#include "storage/sqlite/sqlite_store.hpp"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <vector>

#include "storage/common/connection_pool.hpp"
#include "storage/common/sql_store.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"
#include "storage/sqlite/wal_sync.hpp"

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
    wal_ = std::make_unique<sqlite::WalSync>(path);
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

  // Group commit (design decision 4): a write waits in a queue; the leader runs every queued write in one
  // transaction, each inside its own savepoint (so one failure does not poison the others), and commits
  // once. It then hands the lead to the first writer queued meanwhile, whose batch runs while the leader
  // syncs the WAL (one fsync for the batch, overlapping the next batch's work), and only then wakes each
  // writer of its batch. Each caller gets its own result, and an ok result means the commit is on disk.
  // Other transactions may read a batch's rows during its fsync; a write that depends on them commits in a
  // later batch, whose own sync covers both. Exceptions thrown by a write's callback are rethrown in that
  // caller's thread. Every waiter has its own condition variable, so a commit wakes exactly the writers it
  // finished (not every thread waiting, as a shared one would).
  core::Status in_write_transaction(const ConnectionFn& fn) override {
    PendingWrite me;
    me.fn = &fn;
    std::unique_lock lk(queue_mu_);
    queue_.push_back(&me);
    if (leader_active_) {
      me.cv.wait(lk, [&me] { return me.done || me.lead; });
    }
    if (!me.done) {
      leader_active_ = true;
      std::vector<PendingWrite*> batch;
      batch.swap(queue_);  // includes `me`
      lk.unlock();
      run_batch(batch);
      lk.lock();
      if (queue_.empty()) {
        leader_active_ = false;
      } else {
        queue_.front()->lead = true;
        queue_.front()->cv.notify_one();
      }
      lk.unlock();
      const core::Status synced = wal_ ? wal_->sync() : core::Status{};
      lk.lock();
      // Notified under the lock: a woken writer cannot return (and destroy its PendingWrite) before we let
      // go.
      for (auto* p : batch) {
        if (!synced && p->result.ok() && !p->exception) p->result = synced;
        p->done = true;
        if (p != &me) p->cv.notify_one();
      }
    }
    lk.unlock();
    if (me.exception) std::rethrow_exception(me.exception);
    return me.result;
  }

 private:
  struct PendingWrite {
    const ConnectionFn* fn = nullptr;
    core::Status result;
    std::exception_ptr exception;
    bool done = false;  // guarded by queue_mu_
    bool lead = false;  // guarded by queue_mu_: the previous leader handed the next batch to this writer
    std::condition_variable cv;
  };

  void run_batch(const std::vector<PendingWrite*>& batch) {
    std::lock_guard lock(writer_mu_);
    if (batch.size() == 1) {  // nothing to share: a plain transaction
      try {
        batch[0]->result =
            run_transaction(*writer_, "BEGIN IMMEDIATE", [&](Connection& conn) -> core::Status {
              MOTCUA_RETURN_IF_ERROR((*batch[0]->fn)(conn));
              return index_pending_names();
            });
      } catch (...) {
        batch[0]->exception = std::current_exception();
      }
      return;
    }
    if (auto st = writer_->begin("BEGIN IMMEDIATE"); !st) {
      for (auto* p : batch) p->result = st;
      return;
    }
    for (auto* p : batch) run_in_savepoint(*p);
    core::Status committed = index_pending_names();
    if (committed) {
      committed = writer_->commit();
    } else {
      writer_->rollback();
    }
    if (!committed) {
      for (auto* p : batch)
        if (p->result.ok() && !p->exception) p->result = committed;
    }
  }

  void run_in_savepoint(PendingWrite& p) {
    if (auto st = writer_->savepoint(); !st) {
      p.result = st;
      return;
    }
    try {
      p.result = (*p.fn)(*writer_);
    } catch (...) {
      p.exception = std::current_exception();
      writer_->rollback_to_savepoint();
      return;
    }
    if (!p.result) {
      writer_->rollback_to_savepoint();
      return;
    }
    p.result = writer_->release_savepoint();
  }

  // Moves the applicant names that this transaction's writes noted in dossiers_fts_pending into the FTS5
  // index, in one statement, so that the transaction writes one index segment however many dossiers it holds
  // (migration 0007 says why). Runs on the writer just before COMMIT; a database whose schema predates
  // version 7 (during `migrate`) has nothing to move.
  core::Status index_pending_names() {
    if (!names_deferred_) {
      auto table = writer_->query(
          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dossiers_fts_pending'");
      if (!table) return std::move(table).error();
      if (table->empty()) return {};
      names_deferred_ = true;
    }
    auto pending = writer_->query("SELECT EXISTS (SELECT 1 FROM dossiers_fts_pending)");
    if (!pending) return std::move(pending).error();
    if (pending->empty() || (*pending)[0].int64(0) == 0) return {};
    MOTCUA_RETURN_IF_ERROR(writer_->exec(
        "INSERT INTO dossiers_fts (rowid, applicant_folded) "
        "SELECT d.id, d.applicant_folded FROM dossiers_fts_pending p JOIN dossiers d ON d.id = p.id"));
    MOTCUA_RETURN_IF_ERROR(writer_->exec("DELETE FROM dossiers_fts_pending"));
    return {};
  }

  std::mutex queue_mu_;
  std::vector<PendingWrite*> queue_;  // guarded by queue_mu_
  bool leader_active_ = false;        // guarded by queue_mu_

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
  bool names_deferred_ = false;               // guarded by writer_mu_: the schema has dossiers_fts_pending
  std::unique_ptr<ConnectionPool> readers_;   // null for an in-memory database
  std::unique_ptr<sqlite::WalSync> wal_;      // null for an in-memory database
};

}  // namespace

core::Result<std::unique_ptr<app::Store>> make_sqlite_store(const std::string& path,
                                                            const StoreOptions& options) {
  auto migrations = parse_migrations(motcua_sqlite_migrations::files());
  if (!migrations) return std::move(migrations).error();
  auto writer = SqliteConnection::open(path, SqliteConnection::Access::kReadWrite, options.busy_timeout_ms);
  if (!writer) return std::move(writer).error();
  // Commits append to the WAL without waiting for the disk; in_write_transaction syncs the WAL (WalSync)
  // before it acknowledges a write. (An in-memory database has neither WAL nor disk.)
  if (path != kMemoryPath) MOTCUA_RETURN_IF_ERROR((*writer)->exec_script("PRAGMA synchronous = NORMAL"));
  return std::unique_ptr<app::Store>(
      std::make_unique<SqliteStore>(std::move(*migrations), std::move(*writer), path, options));
}

}  // namespace motcua::storage
