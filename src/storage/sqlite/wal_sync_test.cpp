// The SQLite store acknowledges a write only once its WAL is on disk (sqlite/wal_sync.hpp), and refuses
// every write after a failed sync; its checkpoints never hold up writes, and its WAL does not grow without
// end. This test binary defines fdatasync(2) itself: calls from the store and from SQLite come here, can be
// held back or failed, and then go on to the C library's.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "storage/sqlite/sqlite_store.hpp"

namespace {

// What the next fdatasync of a WAL file does: go through, wait until released, or fail with EIO; and
// whether a sync of the database file itself (a checkpoint's) goes through or waits.
struct WalSyncGate {
  enum class Mode { kPass, kHold, kFail };
  std::mutex mu;
  std::condition_variable cv;
  Mode mode = Mode::kPass;
  int wal_syncs = 0;     // fdatasync calls on a "-wal" file so far
  bool held = false;     // a call is waiting in kHold
  bool hold_db = false;  // database-file syncs wait while this is true
  bool db_held = false;  // a database-file sync is waiting

  static WalSyncGate& instance() {
    static WalSyncGate gate;
    return gate;
  }

  // Returns false when the call must fail.
  bool on_sync(int fd) {
    const std::string target = path_of(fd);
    if (ends_with(target, ".db")) {
      std::unique_lock lock(mu);
      if (hold_db) {
        db_held = true;
        cv.notify_all();
        cv.wait(lock, [&] { return !hold_db; });
        db_held = false;
      }
      return true;
    }
    if (!ends_with(target, "-wal")) return true;
    std::unique_lock lock(mu);
    ++wal_syncs;
    cv.notify_all();
    if (mode == Mode::kFail) return false;
    if (mode == Mode::kHold) {
      held = true;
      cv.notify_all();
      cv.wait(lock, [&] { return mode != Mode::kHold; });
      held = false;
    }
    return true;
  }

  static std::string path_of(int fd) {
    std::error_code ec;
    auto target = std::filesystem::read_symlink("/proc/self/fd/" + std::to_string(fd), ec).string();
    return ec ? std::string() : target;
  }
  static bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  }
};

}  // namespace

extern "C" int fdatasync(int fd) {
  using Fn = int (*)(int);
  static const Fn real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "fdatasync"));
  if (!WalSyncGate::instance().on_sync(fd)) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}

namespace motcua::storage {
namespace {

using app::Repositories;
using core::Status;

class WalSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/motcua-walsync-XXXXXX";
    dir_ = mkdtemp(tmpl);
    open({});
  }
  void TearDown() override {
    set_mode(WalSyncGate::Mode::kPass);
    hold_database_syncs(false);
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void open(const StoreOptions& options) {
    store_.reset();
    auto store = make_sqlite_store(dir_ + "/motcua.db", options);
    ASSERT_TRUE(store.ok()) << store.error().message_en;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate().ok());
  }

  static void hold_database_syncs(bool hold) {
    auto& gate = WalSyncGate::instance();
    std::lock_guard lock(gate.mu);
    gate.hold_db = hold;
    gate.cv.notify_all();
  }

  static void set_mode(WalSyncGate::Mode mode) {
    auto& gate = WalSyncGate::instance();
    std::lock_guard lock(gate.mu);
    gate.mode = mode;
    gate.cv.notify_all();
  }

  // Appends one audit row; `detail` makes it as long as wanted (a 6 KB row takes two WAL pages).
  Status append_audit(const std::string& target, const std::string& detail = "") {
    return store_->write([&](Repositories& r) -> Status {
      return r.audit().append({1, 0, "anonymous", "test.write", target, "ok", detail, ""});
    });
  }

  std::size_t audit_rows() {
    std::size_t n = 0;
    EXPECT_TRUE(store_
                    ->read([&](Repositories& r) -> Status {
                      auto rows = r.audit().recent("", 100000);
                      if (!rows) return rows.error();
                      n = rows->size();
                      return {};
                    })
                    .ok());
    return n;
  }

  std::string dir_;
  std::unique_ptr<app::Store> store_;
};

TEST_F(WalSyncTest, AWriteIsAcknowledgedOnlyOnceItsWalIsOnDisk) {
  auto& gate = WalSyncGate::instance();
  set_mode(WalSyncGate::Mode::kHold);
  std::atomic<bool> returned{false};
  Status result = core::Error::internal("not run");
  std::thread writer([&] {
    result = append_audit("held");
    returned = true;
  });
  bool held = false;
  {
    std::unique_lock lock(gate.mu);
    held = gate.cv.wait_for(lock, std::chrono::seconds(10), [&] { return gate.held || returned; });
    held = held && gate.held;
  }
  EXPECT_TRUE(held) << "the write returned without syncing its WAL";
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(returned) << "acknowledged before its WAL was on disk";
  set_mode(WalSyncGate::Mode::kPass);
  writer.join();
  EXPECT_TRUE(result.ok()) << result.error().message_en;
  EXPECT_EQ(audit_rows(), 1u);
}

TEST_F(WalSyncTest, EveryAcknowledgedWriteOfConcurrentBatchesWasSynced) {
  auto& gate = WalSyncGate::instance();
  int before = 0;
  {
    std::lock_guard lock(gate.mu);
    before = gate.wal_syncs;
  }
  constexpr int kThreads = 16;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] { ok += append_audit("t" + std::to_string(t)).ok() ? 1 : 0; });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, kThreads);
  std::lock_guard lock(gate.mu);
  EXPECT_GE(gate.wal_syncs - before, 1);  // batches share a sync: at least one, at most one per write
  EXPECT_LE(gate.wal_syncs - before, kThreads);
}

// Writes that arrive while the WAL is being synced cannot be acknowledged before the next sync anyway: the
// writer runs them in one transaction that it keeps open until that sync is done, then commits them once.
TEST_F(WalSyncTest, WritesArrivingDuringASyncShareOneCommitAfterIt) {
  auto& gate = WalSyncGate::instance();
  set_mode(WalSyncGate::Mode::kHold);
  std::thread first([&] { EXPECT_TRUE(append_audit("first").ok()); });
  {
    std::unique_lock lock(gate.mu);
    ASSERT_TRUE(gate.cv.wait_for(lock, std::chrono::seconds(10), [&] { return gate.held; }));
  }
  constexpr int kLater = 8;
  std::atomic<int> ran{0};
  std::vector<std::thread> later;
  for (int i = 0; i < kLater; ++i) {
    later.emplace_back([&, i] {
      Status st = store_->write([&](Repositories& r) -> Status {
        ++ran;
        return r.audit().append({1, 0, "anonymous", "test.write", "later" + std::to_string(i), "ok", "", ""});
      });
      EXPECT_TRUE(st.ok());
    });
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (ran < kLater && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_EQ(ran, kLater) << "the writes that came during the sync did not run";
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(audit_rows(), 1u) << "writes were committed while the sync before them was still running";
  int syncs_at_release = 0;
  {
    std::lock_guard lock(gate.mu);
    syncs_at_release = gate.wal_syncs;
  }
  set_mode(WalSyncGate::Mode::kPass);
  first.join();
  for (auto& t : later) t.join();
  EXPECT_EQ(audit_rows(), static_cast<std::size_t>(1 + kLater));
  std::lock_guard lock(gate.mu);
  EXPECT_EQ(gate.wal_syncs - syncs_at_release, 1) << "the later writes were not synced together";
}

TEST_F(WalSyncTest, AfterAFailedSyncNoWriteIsAcknowledged) {
  set_mode(WalSyncGate::Mode::kFail);
  Status failed = append_audit("lost");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, core::ErrorCode::kUnavailable);
  // The disk works again, but the pages of the failed sync may be gone: later writes are refused too.
  set_mode(WalSyncGate::Mode::kPass);
  Status later = append_audit("after");
  ASSERT_FALSE(later.ok());
  EXPECT_EQ(later.error().code, core::ErrorCode::kUnavailable);
}

// A checkpoint syncs the database file, which on a real disk takes milliseconds; SQLite's own automatic one
// would make the writer wait for it, and every write queued behind. Here every database-file sync waits
// until released, and writes must go on meanwhile.
TEST_F(WalSyncTest, ACheckpointWaitingForTheDiskDoesNotHoldUpWrites) {
  StoreOptions options;
  options.wal_checkpoint_pages = 20;
  options.wal_restart_pages = 1000000;  // only the background checkpoints
  open(options);
  auto& gate = WalSyncGate::instance();
  hold_database_syncs(true);
  const std::string row(6000, 'x');
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::atomic<bool> failed{false};
  std::thread writer([&] {
    // Up to 3,000 writes (6,000 WAL pages): SQLite's automatic checkpoint would start at 1,000 pages.
    for (int i = 0; i < 3000 && !stop; ++i) {
      if (!append_audit("w" + std::to_string(i), row).ok()) failed = true;
      ++written;
    }
  });
  bool held = false;
  {
    std::unique_lock lock(gate.mu);
    held = gate.cv.wait_for(lock, std::chrono::seconds(20), [&] { return gate.db_held; });
  }
  ASSERT_TRUE(held) << "no checkpoint synced the database file";
  const int at_hold = written;
  // While that checkpoint waits for the disk, 50 more writes complete (each one synced).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (written < at_hold + 50 && written < 3000 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const int during_hold = written - at_hold;
  {
    std::lock_guard lock(gate.mu);
    EXPECT_TRUE(gate.db_held) << "the held sync was released early";
  }
  EXPECT_GE(during_hold, 50) << "writes stopped while a checkpoint waited for the disk";
  stop = true;
  hold_database_syncs(false);
  writer.join();
  EXPECT_FALSE(failed);
  EXPECT_EQ(audit_rows(), static_cast<std::size_t>(written.load()));
}

// A WAL starts again from its beginning only when a write transaction begins with every frame of it copied
// into the database file, which background checkpoints alone rarely achieve while writes keep coming. The
// store must make it happen, or the WAL file grows as long as the writes go on.
TEST_F(WalSyncTest, TheWalStartsAgainWhileWritesKeepComing) {
  StoreOptions options;
  options.wal_checkpoint_pages = 20;
  options.wal_restart_pages = 100;
  open(options);
  const std::string row(6000, 'x');
  constexpr int kThreads = 8, kEach = 100;  // 800 writes of two pages each: 1,600 pages
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i)
        ok += append_audit("t" + std::to_string(t) + "-" + std::to_string(i), row).ok() ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, kThreads * kEach);
  // A frame is a 24-byte header and a 4 KiB page; the file keeps the length of its longest run.
  const auto wal_bytes = std::filesystem::file_size(dir_ + "/motcua.db-wal");
  EXPECT_LT(wal_bytes, 400u * (4096 + 24)) << "the WAL grew with the writes instead of starting again";
  EXPECT_EQ(audit_rows(), static_cast<std::size_t>(kThreads * kEach));
}

// An in-memory database has no WAL to sync, and its reads share the writer's connection and mutex: its writer
// must never wait for the sync thread while holding that mutex, or a completion that reads (on the sync
// thread) would wait for the writer, which waits for the sync thread.
TEST(InMemoryStoreTest, CompletionsThatReadNeverWaitForTheWriter) {
  auto store = make_sqlite_store(":memory:");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->migrate().ok());
  constexpr int kWrites = 1000;
  std::mutex mu;
  std::condition_variable cv;
  int completed = 0;
  for (int i = 0; i < kWrites; ++i) {
    (*store)->write_async(
        [i](app::Repositories& r) -> core::Status {
          return r.audit().append({1, 0, "anonymous", "test.write", "w" + std::to_string(i), "ok", "", ""});
        },
        [&](core::Status st) {
          EXPECT_TRUE(st.ok());
          const auto read = [](app::Repositories& r) -> core::Status {
            auto rows = r.audit().recent("", 1);
            return rows ? core::Status{} : core::Status{rows.error()};
          };
          EXPECT_TRUE((*store)->read(read).ok());
          std::lock_guard lock(mu);
          ++completed;
          cv.notify_all();
        });
  }
  std::unique_lock lock(mu);
  EXPECT_TRUE(cv.wait_for(lock, std::chrono::seconds(20), [&] { return completed == kWrites; }))
      << completed << " of " << kWrites << " writes completed";
}

}  // namespace
}  // namespace motcua::storage
