// CatalogueService: the procedure catalogue's use cases. Public reads (detail, search, fields) and
// administrators' changes (create, update with optimistic version, delete, import, export). Every change is
// audited in the same transaction.
//
// Reads of a procedure's public JSON are served from an in-memory cache keyed by code. The cache is
// invalidated by this process right after the commit that changes the entry, so a reader never sees an entry
// older than the last change made through this service. (With several app processes, each caches for at most
// `cache_ttl_seconds`; see docs/architecture.md.) Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/auth.hpp"
#include "app/ports.hpp"

namespace motcua::app {

struct ImportReport {
  int created = 0;
  int updated = 0;
};

class CatalogueService {
 public:
  CatalogueService(Store& store, AuthService& auth, const core::Clock& clock,
                   std::int64_t cache_ttl_seconds = 5);

  core::Result<domain::Procedure> find(const std::string& code);
  // The entry from the same cache as public_json(): an immutable snapshot, fresh by the same rule.
  core::Result<std::shared_ptr<const domain::Procedure>> find_cached(const std::string& code);
  // The same, for a caller inside a transaction: a stale entry is reloaded through `r`, never through a
  // transaction of its own (which would hold a second pooled connection while the caller holds the first).
  core::Result<std::shared_ptr<const domain::Procedure>> find_cached(const std::string& code,
                                                                     Repositories& r);
  // The public JSON text of an entry, from the cache when fresh. NotFound for an unknown or malformed code.
  core::Result<std::shared_ptr<const std::string>> public_json(const std::string& code);
  // NFC-normalises and bounds the query; InvalidArgument for limits outside 1..100 or text over 200
  // characters.
  core::Result<std::vector<ProcedureSummary>> search(ProcedureQuery query);
  core::Result<std::vector<std::string>> fields();
  core::Result<std::int64_t> count();

  core::Status create(const Actor& actor, domain::Procedure p, const std::string& remote);
  // p.version must be the version the client read; Conflict if someone changed the entry since.
  core::Result<std::int64_t> update(const Actor& actor, domain::Procedure p, const std::string& remote);
  core::Status remove(const Actor& actor, const std::string& code, const std::string& remote);
  // Creates new entries and replaces existing ones (by code) in one transaction: all or nothing.
  core::Result<ImportReport> import(const Actor& actor, const std::vector<domain::Procedure>& items,
                                    const std::string& remote);
  // Every entry, ordered by code.
  core::Result<std::vector<domain::Procedure>> export_all();

  // Loads entries without an actor (demo data and `motcua import` run by the operator), all or nothing.
  core::Result<ImportReport> import_trusted(const std::vector<domain::Procedure>& items,
                                            const std::string& by);

 private:
  core::Status check_agencies(Repositories& r, const domain::Procedure& p);
  core::Result<ImportReport> import_in_tx(Repositories& r, const std::vector<domain::Procedure>& items,
                                          std::int64_t actor_id, const std::string& by,
                                          const std::string& remote);
  void invalidate(const std::string& code);
  void invalidate_all();
  core::Status authorise(const Actor& actor, const std::string& action, const std::string& target,
                         const std::string& remote);

  struct CacheEntry {
    std::shared_ptr<const domain::Procedure> procedure;
    std::shared_ptr<const std::string> json;
    core::UnixSeconds loaded_at = 0;
  };
  // `r`: the caller's open transaction, or null to read in a transaction of our own.
  core::Result<CacheEntry> cached(const std::string& code, Repositories* r = nullptr);

  Store& store_;
  AuthService& auth_;
  const core::Clock& clock_;
  std::int64_t cache_ttl_seconds_;
  std::shared_mutex cache_mutex_;
  std::unordered_map<std::string, CacheEntry> cache_;
  std::atomic<std::uint64_t> generation_{0};  // bumped by every invalidation
};

}  // namespace motcua::app
