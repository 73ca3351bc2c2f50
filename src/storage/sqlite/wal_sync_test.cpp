// The SQLite store acknowledges a write only once its WAL is on disk (sqlite/wal_sync.hpp), and refuses
// every write after a failed sync. This test binary defines fdatasync(2) itself: calls from the store and
// from SQLite come here, can be held back or failed, and then go on to the C library's.
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

// What the next fdatasync of a WAL file does: go through, wait until released, or fail with EIO.
struct WalSyncGate {
  enum class Mode { kPass, kHold, kFail };
  std::mutex mu;
  std::condition_variable cv;
  Mode mode = Mode::kPass;
  int wal_syncs = 0;  // fdatasync calls on a "-wal" file so far
  bool held = false;  // a call is waiting in kHold

  static WalSyncGate& instance() {
    static WalSyncGate gate;
    return gate;
  }

  // Returns false when the call must fail.
  bool on_sync(int fd) {
    if (!is_wal(fd)) return true;
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

  static bool is_wal(int fd) {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink("/proc/self/fd/" + std::to_string(fd), ec).string();
    return !ec && target.size() > 4 && target.compare(target.size() - 4, 4, "-wal") == 0;
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
    auto store = make_sqlite_store(dir_ + "/motcua.db");
    ASSERT_TRUE(store.ok()) << store.error().message_en;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate().ok());
  }
  void TearDown() override {
    set_mode(WalSyncGate::Mode::kPass);
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  static void set_mode(WalSyncGate::Mode mode) {
    auto& gate = WalSyncGate::instance();
    std::lock_guard lock(gate.mu);
    gate.mode = mode;
    gate.cv.notify_all();
  }

  Status append_audit(const std::string& target) {
    return store_->write([&](Repositories& r) -> Status {
      return r.audit().append({1, 0, "anonymous", "test.write", target, "ok", "", ""});
    });
  }

  std::size_t audit_rows() {
    std::size_t n = 0;
    EXPECT_TRUE(store_
                    ->read([&](Repositories& r) -> Status {
                      auto rows = r.audit().recent("", 100);
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

}  // namespace
}  // namespace motcua::storage
