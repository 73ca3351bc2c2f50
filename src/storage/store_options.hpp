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
  // SQLite: a background checkpoint (copying the WAL into the database file) starts whenever this many pages
  // were appended to the WAL since the last one (SQLite's own automatic checkpoint uses 1000, on the writer).
  int wal_checkpoint_pages = 1000;
  // SQLite: once the WAL holds this many pages, the writer itself checkpoints between two batches so that the
  // WAL starts again from its beginning instead of growing (the background checkpoints alone cannot make it
  // restart while writes keep coming). A page is 4 KiB; a read transaction held open for long can still make
  // the WAL grow past this, until it ends.
  int wal_restart_pages = 8000;
};

}  // namespace motcua::storage
