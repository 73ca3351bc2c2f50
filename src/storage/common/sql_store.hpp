// The engine-independent half of a Store: migrations, the Repositories handed to callbacks, ping. An engine
// adapter derives from SqlStore and supplies only how a transaction gets its connection and how it begins
// (SqliteStore: one writer under a mutex plus a reader pool; PostgresStore: one pool). Thread-safe as long as
// the adapter's transaction methods are.
#pragma once

#include <vector>

#include "app/ports.hpp"
#include "storage/common/migrations.hpp"
#include "storage/common/transaction.hpp"

namespace motcua::storage {

class SqlStore : public app::Store {
 public:
  explicit SqlStore(std::vector<Migration> migrations) : migrations_(std::move(migrations)) {}
  SqlStore(const SqlStore&) = delete;
  SqlStore& operator=(const SqlStore&) = delete;

  core::Result<std::vector<int>> migrate() override;
  core::Result<int> schema_version() override;
  core::Status read(const std::function<core::Status(app::Repositories&)>& fn) override;
  core::Status write(const std::function<core::Status(app::Repositories&)>& fn) override;
  void write_async(std::function<core::Status(app::Repositories&)> fn, WriteDone done) override;
  core::Status ping() override;

 protected:
  // Runs `fn` on a connection inside a read-only snapshot transaction.
  virtual core::Status in_read_transaction(const ConnectionFn& fn) = 0;
  // Runs `fn` on a connection inside a durable write transaction; commits when it succeeds.
  virtual core::Status in_write_transaction(const ConnectionFn& fn) = 0;
  // The same, completed through `done` (app::Store::write_async says when and where). This default runs the
  // transaction on the calling thread before it returns; the engines override it to run on threads of their
  // own.
  virtual void in_write_transaction_async(ConnectionFn fn, app::Store::WriteDone done);

 private:
  const std::vector<Migration> migrations_;
};

}  // namespace motcua::storage
