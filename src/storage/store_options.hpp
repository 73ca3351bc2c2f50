// Tuning knobs shared by both storage engines. Every field has a safe default; the server fills it from its
// configuration once and passes it to open_store (storage/open_store.hpp).
#pragma once

namespace motcua::storage {

struct StoreOptions {
  // SQLite: reader connections next to the single writer. PostgreSQL: connections in the pool, shared by
  // reads and writes. At least 1.
  int pool_size = 4;
  // How long a transaction waits for a lock held by another process (SQLite busy_timeout) or for a free
  // pooled connection, in milliseconds; then it fails with kUnavailable.
  int busy_timeout_ms = 5000;
  // PostgreSQL: seconds to wait when opening a connection.
  int connect_timeout_s = 10;
};

}  // namespace motcua::storage
