// Waiting for a callback: the bridge from an operation that reports through a callback, possibly on another
// thread (Store::write_async, Dispatcher::dispatch_async), to a caller that has a thread to spare.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>

namespace motcua::core {

// Calls `start` with a callback taking a T, and returns the T it is called with, once it has been. The
// callback must be called exactly once, on any thread, before or after `start` returns.
template <typename T, typename Start>
T await_callback(Start&& start) {
  std::mutex mu;
  std::condition_variable cv;
  std::optional<T> value;
  std::forward<Start>(start)([&](T v) {
    std::lock_guard lock(mu);  // notified under the lock: `cv` lives until the wait below has seen the value
    value.emplace(std::move(v));
    cv.notify_one();
  });
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return value.has_value(); });
  return std::move(*value);
}

}  // namespace motcua::core
