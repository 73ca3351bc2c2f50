#include "storage/common/connection_pool.hpp"

#include "storage/common/errors.hpp"

namespace motcua::storage {

ConnectionPool::Lease::~Lease() {
  if (conn_) pool_->release(std::move(conn_));
}

ConnectionPool::ConnectionPool(Factory factory, int max_size, std::chrono::milliseconds max_wait)
    : factory_(std::move(factory)), max_size_(max_size < 1 ? 1 : max_size), max_wait_(max_wait) {}

core::Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  std::unique_lock lock(mu_);
  const bool ready =
      available_.wait_for(lock, max_wait_, [&] { return !idle_.empty() || open_ < max_size_; });
  if (!ready) return db_unavailable("every pooled connection is busy");
  if (!idle_.empty()) {
    std::unique_ptr<Connection> conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++open_;
  lock.unlock();  // opening may take a while
  auto conn = open_counted();
  if (!conn) return std::move(conn).error();
  return Lease(*this, std::move(*conn));
}

core::Result<std::unique_ptr<Connection>> ConnectionPool::open_counted() {
  try {
    auto conn = factory_();
    if (!conn) give_back_slot();
    return conn;
  } catch (...) {
    give_back_slot();
    throw;
  }
}

void ConnectionPool::give_back_slot() {
  std::lock_guard lock(mu_);
  --open_;
  available_.notify_one();
}

void ConnectionPool::release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mu_);
  if (conn->broken()) {
    --open_;
    conn.reset();
  } else {
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

}  // namespace motcua::storage
