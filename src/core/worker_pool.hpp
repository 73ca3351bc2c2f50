// A fixed set of threads running posted tasks in order of posting, for work that must not hold its caller's
// thread (PostgresStore::in_write_transaction_async, AuthService::sign_in_async). Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace motcua::core {

class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  // Runs every task posted before, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` for the next free thread. A task must not throw (the pool reports and drops it).
  void post(std::function<void()> task);

 private:
  void run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;  // guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace motcua::core
