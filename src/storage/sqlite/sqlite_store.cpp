#include "storage/sqlite/sqlite_store.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "core/await.hpp"
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
  // `checkpointer` is a second writable connection for the background checkpoints (null for ":memory:").
  SqliteStore(std::vector<Migration> migrations, std::unique_ptr<SqliteConnection> writer,
              std::unique_ptr<SqliteConnection> checkpointer, const std::string& path,
              const StoreOptions& options)
      : SqlStore(std::move(migrations)), options_(options), writer_(std::move(writer)) {
    if (path != kMemoryPath) {
      wal_ = std::make_unique<sqlite::WalSync>(path);
      checkpointer_ = std::move(checkpointer);
      writer_->on_wal_commit([this](int frames) { note_wal_frames(frames); });
      checkpoint_thread_ = std::thread([this] { checkpoint_loop(); });
      const int timeout = options.busy_timeout_ms;
      readers_ = std::make_unique<ConnectionPool>(
          [path, timeout]() -> core::Result<std::unique_ptr<Connection>> {
            auto conn = SqliteConnection::open(path, SqliteConnection::Access::kReadOnly, timeout);
            if (!conn) return std::move(conn).error();
            return std::unique_ptr<Connection>(std::move(*conn));
          },
          options.pool_size, std::chrono::milliseconds(timeout));
    }
    sync_thread_ = std::thread([this] { sync_loop(); });
    writer_thread_ = std::thread([this] { writer_loop(); });
  }

  // Completes every write queued before: the writer drains its queue, then the sync thread its batches.
  ~SqliteStore() override {
    queue_.stop();
    writer_thread_.join();
    committed_.stop();
    sync_thread_.join();
    if (checkpoint_thread_.joinable()) {
      {
        std::lock_guard lock(checkpoint_mu_);
        checkpoint_stopping_ = true;
      }
      checkpoint_cv_.notify_one();
      checkpoint_thread_.join();
    }
  }

  const char* engine() const override { return "sqlite"; }

 protected:
  core::Status in_read_transaction(const ConnectionFn& fn) override {
    if (!readers_) return read_on_writer(fn);
    auto reader = readers_->acquire();
    if (!reader) return std::move(reader).error();
    return run_transaction(**reader, "BEGIN", fn);
  }

  // Group commit (design decision 4), on two threads of the store's own. A write is queued; the writer
  // thread takes every write queued at that moment and runs them in one transaction (run_batch: one failure
  // does not poison the others). While the sync thread is still making earlier commits durable, the writer
  // keeps that transaction open and runs the writes that arrive meanwhile in it too: they could not be
  // acknowledged before the next sync anyway, and one commit of many writes appends far fewer WAL pages than
  // several small ones (each commit rewrites the last page of every table and index it touched). Once the
  // sync thread has nothing left to do, the writer commits and hands the batch over. The sync thread
  // fdatasyncs the WAL once for all the batches committed since its previous sync, and only then completes
  // their writes: an ok result means the commit is on disk.
  // Other transactions may read a batch's rows during its sync; a write that depends on them commits in a
  // later batch, whose own sync covers both. A caller of write() waits on its own condition variable, so a
  // sync wakes exactly the writers it finished; exceptions thrown by its callback are rethrown in its thread.
  // Nobody waits for write_async(): its callers' threads (the HTTP server's) stay free.
  core::Status in_write_transaction(const ConnectionFn& fn) override {
    struct Outcome {
      core::Status result;
      std::exception_ptr exception;
    };
    Outcome outcome = core::await_callback<Outcome>([&](std::function<void(Outcome)> done) {
      auto write = std::make_unique<PendingWrite>();
      write->fn = &fn;
      write->complete = [done = std::move(done)](core::Status result, std::exception_ptr exception) {
        done({std::move(result), std::move(exception)});
      };
      enqueue(std::move(write));
    });
    if (outcome.exception) std::rethrow_exception(outcome.exception);
    return std::move(outcome.result);
  }

  void in_write_transaction_async(ConnectionFn fn, app::Store::WriteDone done) override {
    auto write = std::make_unique<PendingWrite>();
    write->owned_fn = std::move(fn);
    write->fn = &write->owned_fn;
    write->complete = [done = std::move(done)](core::Status result, std::exception_ptr exception) {
      done(exception ? core::Error::from_exception("write failed with an exception", exception)
                     : std::move(result));
    };
    enqueue(std::move(write));
  }

 private:
  struct PendingWrite {
    const ConnectionFn* fn = nullptr;  // the caller's (write()) or owned_fn (write_async())
    ConnectionFn owned_fn;
    core::Status result;
    std::exception_ptr exception;
    std::function<void(core::Status, std::exception_ptr)> complete;  // called once, by the sync thread
  };
  using Batch = std::vector<std::unique_ptr<PendingWrite>>;

  // Writes handed from one thread to the next; the consumer takes everything queued at once.
  class BatchQueue {
   public:
    // Notifies under the lock: a consumer that is awake may take the writes at once and complete them, and
    // their completion may end the store (a server that has answered everything shuts down), so push() must
    // not touch the queue once the lock is released.
    void push(Batch items) {
      std::lock_guard lock(mu_);
      for (auto& w : items) items_.push_back(std::move(w));
      cv_.notify_one();
    }
    // Waits for writes and returns them all; returns none once stop() was called and nothing is left.
    Batch take() {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return !items_.empty() || stopping_; });
      return std::exchange(items_, {});
    }
    // Waits while `busy()` holds and nothing is queued; returns what is queued then (none when `busy()`
    // ended first, or stop() was called). Whoever ends `busy()` calls wake() afterwards.
    template <typename Busy>
    Batch take_while(Busy busy) {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !items_.empty() || stopping_ || !busy(); });
      return std::exchange(items_, {});
    }
    void wake() {
      std::lock_guard lock(mu_);
      cv_.notify_all();
    }
    void stop() {
      {
        std::lock_guard lock(mu_);
        stopping_ = true;
      }
      cv_.notify_all();
    }

   private:
    std::mutex mu_;
    std::condition_variable cv_;
    Batch items_;            // guarded by mu_
    bool stopping_ = false;  // guarded by mu_
  };

  void enqueue(std::unique_ptr<PendingWrite> write) {
    Batch one;
    one.push_back(std::move(write));
    queue_.push(std::move(one));
  }

  // The writer thread: runs and commits batches until the store is destroyed and nothing is queued.
  void writer_loop() {
    for (;;) {
      if (backlog_.empty()) backlog_ = queue_.take();
      if (backlog_.empty()) return;
      Batch batch = run_batch();
      unsynced_ += batch.size();
      committed_.push(std::move(batch));
      restart_wal_if_long();
    }
  }

  // Checkpoints, off the writer's path. SQLite's automatic checkpoint runs on the committing connection:
  // every 1000 pages the writer stopped to copy the WAL into the database file and wait for two syncs, and
  // every write queued behind waited too (on a disk whose flush takes 1-2 ms, about a tenth of the submission
  // rate: docs/benchmarks.md). Instead the writer's commits count the WAL's pages (note_wal_frames, its wal
  // hook) and wake the checkpoint thread, which copies on its own connection while the writer goes on. A WAL
  // only starts again from its beginning when a write transaction begins with every frame copied, which a
  // writer that never pauses rarely finds: so once the WAL is long, the writer checkpoints itself between two
  // batches (restart_wal_if_long), which copies only what was appended since the background's last pass.
  void note_wal_frames(int frames) {
    wal_frames_ = frames;
    if (frames < checkpoint_requested_at_) checkpoint_requested_at_ = 0;  // the WAL started again
    if (frames - checkpoint_requested_at_ < options_.wal_checkpoint_pages) return;
    checkpoint_requested_at_ = frames;
    {
      std::lock_guard lock(checkpoint_mu_);
      checkpoint_requested_ = true;
    }
    checkpoint_cv_.notify_one();
  }

  void checkpoint_loop() {
    std::unique_lock lock(checkpoint_mu_);
    for (;;) {
      checkpoint_cv_.wait(lock, [this] { return checkpoint_requested_ || checkpoint_stopping_; });
      if (checkpoint_stopping_) return;
      checkpoint_requested_ = false;
      lock.unlock();
      checkpoint_on(*checkpointer_);
      lock.lock();
    }
  }

  // The writer's own checkpoint, between two batches, once the WAL is long.
  void restart_wal_if_long() {
    if (!wal_ || wal_frames_ < options_.wal_restart_pages) return;
    std::lock_guard lock(writer_mu_);
    checkpoint_on(*writer_);
  }

  // Runs a checkpoint on `conn` once no other runs, on either connection: a passive checkpoint that finds
  // the checkpoint lock taken does nothing, and with the background busy most of the time (a slow disk) the
  // writer's would never get to make the WAL start again.
  void checkpoint_on(SqliteConnection& conn) {
    {
      std::unique_lock lock(checkpoint_mu_);
      checkpoint_cv_.wait(lock, [this] { return !checkpoint_running_; });
      checkpoint_running_ = true;
    }
    report_checkpoint_failure(conn.checkpoint());
    {
      std::lock_guard lock(checkpoint_mu_);
      checkpoint_running_ = false;
    }
    checkpoint_cv_.notify_all();
  }

  // A failed checkpoint loses nothing (the frames stay in the WAL, and the next one tries again); it is
  // logged, because a disk that fails checkpoints will soon fail commits.
  static void report_checkpoint_failure(const core::Status& result) {
    if (result.ok()) return;
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"SQLite checkpoint failed\",\"error\":\"%s\"}\n",
                 result.error().code_id.c_str());
  }

  // The sync thread: makes what the writer committed durable, then completes those writes. The writer may
  // commit its next batch as soon as the sync is done, while the completions run.
  void sync_loop() {
    for (Batch batch = committed_.take(); !batch.empty(); batch = committed_.take()) {
      const core::Status synced = wal_ ? wal_->sync() : core::Status{};
      if ((unsynced_ -= batch.size()) == 0) queue_.wake();
      for (auto& w : batch) {
        if (!synced && w->result.ok() && !w->exception) w->result = synced;
        try {
          w->complete(std::move(w->result), std::move(w->exception));
        } catch (...) {  // a broken contract; the other writers must still complete
          std::fputs("{\"level\":\"error\",\"msg\":\"a write's completion threw\"}\n", stderr);
        }
      }
    }
  }

  // Runs writes from the backlog in one transaction and commits them; returns them (the batch), each with its
  // result. Each write's work must stand or fall alone, and the cheap way is tried first: every write
  // straight in the transaction, which is what nearly every batch needs (submissions and actions are
  // validated before they are queued). If one of them fails, throws or leaves a failed statement behind, the
  // transaction is rolled back and the batch run again with each write in its own savepoint, which rolls back
  // only that write's work. (A savepoint copies every page its write changes into a sub-journal: about a
  // tenth of the writer's time when every write paid for one.) A write can therefore run twice; its function
  // only touches the database and what it captured, so the second run replaces the first.
  Batch run_batch() {
    std::lock_guard lock(writer_mu_);
    Batch batch;
    if (auto st = writer_->begin("BEGIN IMMEDIATE"); !st) {
      batch = std::exchange(backlog_, {});
      for (auto& w : batch) w->result = st;
      return batch;
    }
    const bool plain = gather(batch);
    if (!plain && batch.size() == 1) {  // its failure stands, as in a transaction of its own
      auto& w = *batch[0];
      if (w.result.ok() && !w.exception) {
        w.result = writer_->commit();  // a failed statement dooms it: commit() rolls back and says why
      } else {
        writer_->rollback();
      }
      return batch;
    }
    if (!plain) {
      writer_->rollback();
      for (auto& w : batch) {
        w->result = {};
        w->exception = nullptr;
      }
      if (auto st = writer_->begin("BEGIN IMMEDIATE"); !st) {
        for (auto& w : batch) w->result = st;
        return batch;
      }
      for (auto& w : batch) run_in_savepoint(*w);
    }
    core::Status committed = index_pending_names();
    if (committed) {
      committed = writer_->commit();
    } else {
      writer_->rollback();
    }
    if (!committed) {
      for (auto& w : batch)
        if (w->result.ok() && !w->exception) w->result = committed;
    }
    return batch;
  }

  // Moves writes from the backlog into `batch`, running each in the open transaction without a savepoint,
  // and takes more from the queue while the sync thread is busy. Stops once `batch` holds a write and the
  // sync thread is idle (so that it starts on this commit at once), at kMaxBatch writes, or at the first
  // write that fails (false); what is left stays in the backlog for the next transaction.
  bool gather(Batch& batch) {
    for (;;) {
      std::size_t taken = 0;
      bool plain = true;
      while (plain && taken < backlog_.size() && batch.size() < kMaxBatch && (batch.empty() || sync_busy())) {
        batch.push_back(std::move(backlog_[taken++]));
        plain = run_plainly(*batch.back());
      }
      backlog_.erase(backlog_.begin(), backlog_.begin() + static_cast<std::ptrdiff_t>(taken));
      if (!plain) return false;
      if (!backlog_.empty() || batch.size() >= kMaxBatch || !sync_busy()) return true;
      backlog_ = queue_.take_while([this] { return sync_busy(); });
      if (backlog_.empty()) return true;
    }
  }

  // True while the sync thread has writes to make durable. Never for an in-memory database, which has nothing
  // to sync: there the writer commits every batch at once, so that it never waits for the sync thread while
  // holding writer_mu_, which that database's reads take too (read_on_writer).
  bool sync_busy() const { return wal_ != nullptr && unsynced_ > 0; }

  // Runs one write in the open transaction without a savepoint; false when it fails, throws or leaves a
  // failed statement behind.
  bool run_plainly(PendingWrite& w) {
    try {
      w.result = (*w.fn)(*writer_);
    } catch (...) {
      w.exception = std::current_exception();
      return false;
    }
    return w.result.ok() && !writer_->doomed();
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

  // The most writes one transaction gathers while the sync thread is busy.
  static constexpr std::size_t kMaxBatch = 512;

  BatchQueue queue_;                       // writes not yet taken by the writer thread
  BatchQueue committed_;                   // committed (or failed), not yet synced
  std::atomic<std::size_t> unsynced_ = 0;  // writes handed to the sync thread and not yet synced
  Batch backlog_;                          // writer thread only: writes taken from queue_ and not yet run

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

  const StoreOptions options_;
  std::mutex writer_mu_;
  std::unique_ptr<SqliteConnection> writer_;  // guarded by writer_mu_
  int wal_frames_ = 0;                        // writer thread only: pages in the WAL after the last commit
  int checkpoint_requested_at_ = 0;  // writer thread only: wal_frames_ when it last woke the checkpoint
  std::unique_ptr<SqliteConnection> checkpointer_;  // checkpoint thread only; null for ":memory:"
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_requested_ = false;        // guarded by checkpoint_mu_
  bool checkpoint_running_ = false;          // guarded by checkpoint_mu_: on either connection
  bool checkpoint_stopping_ = false;         // guarded by checkpoint_mu_
  bool names_deferred_ = false;              // guarded by writer_mu_: the schema has dossiers_fts_pending
  std::unique_ptr<ConnectionPool> readers_;  // null for an in-memory database
  std::unique_ptr<sqlite::WalSync> wal_;     // null for an in-memory database
  std::thread writer_thread_;                // writer_loop(); started last, joined first
  std::thread sync_thread_;                  // sync_loop()
  std::thread checkpoint_thread_;            // checkpoint_loop(); not started for ":memory:"
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
  // Checkpoints (on their own connection) sync the WAL before and the database file after copying, as
  // synchronous=NORMAL says, so that the WAL never starts again over frames that are not yet in the file.
  std::unique_ptr<SqliteConnection> checkpointer;
  if (path != kMemoryPath) {
    MOTCUA_RETURN_IF_ERROR((*writer)->exec_script("PRAGMA synchronous = NORMAL"));
    auto conn = SqliteConnection::open(path, SqliteConnection::Access::kReadWrite, options.busy_timeout_ms);
    if (!conn) return std::move(conn).error();
    MOTCUA_RETURN_IF_ERROR((*conn)->exec_script("PRAGMA synchronous = NORMAL"));
    checkpointer = std::move(*conn);
  }
  return std::unique_ptr<app::Store>(std::make_unique<SqliteStore>(std::move(*migrations), std::move(*writer),
                                                                   std::move(checkpointer), path, options));
}

}  // namespace motcua::storage
