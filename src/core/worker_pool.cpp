#include "core/worker_pool.hpp"

#include <cstdio>

namespace motcua::core {

WorkerPool::WorkerPool(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::post(std::function<void()> task) {
  // Notified under the lock: once the task is visible, a worker may run it at once, and the task may end the
  // pool's owner (an answered request lets a server shut down), so post() must not touch the pool after the
  // lock is released.
  std::lock_guard lock(mu_);
  tasks_.push_back(std::move(task));
  cv_.notify_one();
}

void WorkerPool::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return !tasks_.empty() || stopping_; });
    if (tasks_.empty()) return;
    auto task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    try {
      task();
    } catch (...) {  // a broken contract; the pool's other tasks must still run
      std::fputs("{\"level\":\"error\",\"msg\":\"a worker pool task threw\"}\n", stderr);
    }
    lock.lock();
  }
}

}  // namespace motcua::core
