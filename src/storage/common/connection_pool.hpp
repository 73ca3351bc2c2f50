// A bounded pool of connections to one database, opened on demand by a factory and reused. acquire() hands
// out a Lease that gives the connection back when it goes out of scope, or drops it if it reports broken().
// When every connection is leased, acquire() waits up to the configured time and then fails with
// kUnavailable. Thread-safe; a Lease itself belongs to one thread. The pool must outlive its leases.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.hpp"
#include "storage/common/sql.hpp"

namespace motcua::storage {

class ConnectionPool {
 public:
  using Factory = std::function<core::Result<std::unique_ptr<Connection>>()>;

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> conn) : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  ConnectionPool(Factory factory, int max_size, std::chrono::milliseconds max_wait);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  core::Result<Lease> acquire();

 private:
  void release(std::unique_ptr<Connection> conn);
  // Opens a connection for a slot already counted in open_; gives the slot back if that fails or throws.
  core::Result<std::unique_ptr<Connection>> open_counted();
  void give_back_slot();

  const Factory factory_;
  const int max_size_;
  const std::chrono::milliseconds max_wait_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
  int open_ = 0;                                   // idle plus leased; guarded by mu_
};

}  // namespace motcua::storage
