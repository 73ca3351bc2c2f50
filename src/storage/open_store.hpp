// Opening the configured database: the one place that maps a database URL to a storage engine.
//
//   postgresql://user:pass@host:port/db or postgres://...   PostgreSQL (storage/postgres)
//   sqlite:PATH, sqlite://PATH, sqlite::memory: or a plain PATH   SQLite (storage/sqlite); ":memory:" is
//   private
//                                                                  to the process
//
//   auto store = motcua::storage::open_store(config.database_url, {});
//   if (!store) return store.error();
//   auto applied = (*store)->migrate();
//
// The store is not migrated here: call Store::migrate (the server does at start, `motcua migrate` on demand).
// Thread-safe; the returned Store is thread-safe.
#pragma once

#include <memory>
#include <string>

#include "app/ports.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store_options.hpp"

namespace motcua::storage {

// kInvalidArgument for an empty URL or an unknown scheme ("mysql://..."); the engine's error (usually
// kUnavailable) when the database cannot be opened.
core::Result<std::unique_ptr<app::Store>> open_store(const std::string& database_url,
                                                     const StoreOptions& options = {});

}  // namespace motcua::storage
