// What the dispatcher keeps of shared, immutable bodies (Response::shared_body, e.g. a procedure's cached
// JSON): the entity tag, computed once, and the gzip form, compressed once when a client first asks for it.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace motcua::http {

// Keyed by the body object itself. An entry lives while its body does: a body that has been freed (e.g. a
// cache entry replaced after an update) is never answered from here, even if a new body is later allocated
// at the same address. Thread-safe.
class SharedBodyCache {
 public:
  struct Forms {
    std::string etag;                         // entity_tag() of the body
    std::shared_ptr<const std::string> gzip;  // its gzip form (level 9); null unless asked for
  };

  explicit SharedBodyCache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}

  Forms get(const std::shared_ptr<const std::string>& body, bool want_gzip);
  std::size_t size() const;

 private:
  struct Entry {
    std::weak_ptr<const std::string> source;
    std::string etag;
    std::shared_ptr<const std::string> gzip;
  };
  // The live entry of `body`, or null. mutex_ held.
  Entry* find_locked(const std::shared_ptr<const std::string>& body);
  void evict_locked();

  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<const std::string*, Entry> entries_;
};

}  // namespace motcua::http
