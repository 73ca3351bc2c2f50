#include "http/shared_bodies.hpp"

#include "http/compression.hpp"
#include "http/conditional.hpp"

namespace motcua::http {

SharedBodyCache::Entry* SharedBodyCache::find_locked(const std::shared_ptr<const std::string>& body) {
  const auto it = entries_.find(body.get());
  if (it == entries_.end()) return nullptr;
  const Entry& e = it->second;
  const bool same_body = !e.source.expired() && !e.source.owner_before(body) && !body.owner_before(e.source);
  return same_body ? &it->second : nullptr;
}

SharedBodyCache::Forms SharedBodyCache::get(const std::shared_ptr<const std::string>& body, bool want_gzip) {
  std::string etag;  // the known tag of an entry that lacks only its gzip form
  {
    std::lock_guard lock(mutex_);
    if (const Entry* e = find_locked(body); e != nullptr) {
      if (e->gzip || !want_gzip) return {e->etag, want_gzip ? e->gzip : nullptr};
      etag = e->etag;
    }
  }
  // Computed outside the lock: two threads may both do it for a new body once; the results are equal.
  if (etag.empty()) etag = entity_tag(*body);
  std::shared_ptr<const std::string> gzip;
  if (want_gzip) gzip = std::make_shared<const std::string>(gzip_compress(*body, 9));
  std::lock_guard lock(mutex_);
  Entry* e = find_locked(body);
  if (e == nullptr) {
    if (entries_.size() >= max_entries_) evict_locked();
    e = &(entries_[body.get()] = Entry{body, etag, nullptr});
  }
  if (gzip && !e->gzip) e->gzip = gzip;
  return {std::move(etag), want_gzip ? e->gzip : nullptr};
}

std::size_t SharedBodyCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

// Drops the entries whose body is gone; if every body is still alive, starts over.
void SharedBodyCache::evict_locked() {
  std::erase_if(entries_, [](const auto& kv) { return kv.second.source.expired(); });
  if (entries_.size() >= max_entries_) entries_.clear();
}

}  // namespace motcua::http
