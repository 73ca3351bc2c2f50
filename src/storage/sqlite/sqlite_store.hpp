// The embedded storage engine: app::Store on one SQLite database file in WAL mode.
//
// Writes are queued to the store's writer thread, which runs all the writes waiting at that moment, and those
// that arrive while the previous commit is being synced, in one transaction on the single writer connection
// (group commit); a write is completed (Store::write returns, or
// write_async's callback runs) only once the store's sync thread has made its WAL durable. A third thread
// checkpoints the WAL into the database file on its own connection. Reads run in snapshot transactions on a
// pool of read-only connections (StoreOptions::pool_size), so they neither wait for nor block the writer. An
// in-memory database (":memory:") has no readers: its reads share the writer connection and its mutex. Other
// processes may open the same file; they wait for each other's locks up to StoreOptions::busy_timeout_ms.
//
// Thread-safe. A callback must not call back into the same Store (the writer mutex is not recursive).
//
//   auto store = motcua::storage::make_sqlite_store("var/motcua.db");
//   if (!store) return store.error();
//   (*store)->migrate();
#pragma once

#include <memory>
#include <string>

#include "app/ports.hpp"
#include "storage/store_options.hpp"

namespace motcua::storage {

// Opens (creating it if needed) the database at `path`; ":memory:" gives a private in-memory database. Does
// not migrate. kUnavailable when the file cannot be opened.
core::Result<std::unique_ptr<app::Store>> make_sqlite_store(const std::string& path,
                                                            const StoreOptions& options = {});

}  // namespace motcua::storage
