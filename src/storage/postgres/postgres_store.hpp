// The storage engine for scale: app::Store on a PostgreSQL database (15 or later).
//
// Transactions take a connection from a pool of StoreOptions::pool_size connections opened on demand; writes
// run in READ COMMITTED transactions (aggregates carry optimistic versions), reads in REPEATABLE READ READ
// ONLY snapshots. A pooled connection that lost its server is dropped, and a transaction whose BEGIN fails on
// such a connection is retried once on a fresh one. Search uses the `vn` text-search configuration (unaccent,
// then simple) created by the first migration; the database role needs the right to CREATE EXTENSION unaccent
// (a trusted extension: the database owner has it).
//
// Thread-safe. A callback must not call back into the same Store: nested transactions hold two connections
// and can exhaust the pool.
#pragma once

#include <memory>
#include <string>

#include "app/ports.hpp"
#include "storage/store_options.hpp"

namespace motcua::storage {

// Prepares a store for the database at `url` (postgresql://user:pass@host:port/db); opens one connection at
// once so that a wrong URL or password fails here, with kUnavailable. Does not migrate.
core::Result<std::unique_ptr<app::Store>> make_postgres_store(const std::string& url,
                                                              const StoreOptions& options = {});

}  // namespace motcua::storage
