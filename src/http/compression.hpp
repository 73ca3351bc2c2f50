// Response compression (Content-Encoding: gzip, RFC 9110 §8.4) for clients that ask for it: every browser and
// phone does, and on a slow rural link a 16 KB procedure detail shrinks to about 4 KB. zlib does the
// compressing; this module decides when, and remembers the compressed form of cached bodies so that a body
// shared by many responses is compressed once.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace motcua::http {

// True if an Accept-Encoding value admits gzip: "gzip" (or its alias "x-gzip", or "*") listed with a quality
// above zero. Tokens are case-insensitive; an explicit "gzip;q=0" refuses it even when "*" is listed.
bool accepts_gzip(std::string_view accept_encoding);

// True for textual media types worth compressing (text/*, JSON, JavaScript, XML, SVG); false for PDFs,
// images and anything already compressed.
bool compressible_type(std::string_view content_type);

// The gzip member (RFC 1952) of `data` at zlib `level` (1 fastest .. 9 smallest).
std::string gzip_compress(std::string_view data, int level);

// The data of a gzip member; nullopt if `data` is not a complete, valid one. (Used by tests and clients.)
std::optional<std::string> gzip_decompress(std::string_view data);

// Compressed copies of shared, immutable bodies (Response::shared_body), keyed by the body object itself.
// An entry lives while its body does: a body that has been freed (e.g. a cache entry replaced after an
// update) is never answered from the cache, even if a new body is later allocated at the same address.
// Thread-safe.
class SharedGzipCache {
 public:
  explicit SharedGzipCache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}

  // The gzip form of `*body` (compressed at level 9 on first use).
  std::shared_ptr<const std::string> get(const std::shared_ptr<const std::string>& body);
  std::size_t size() const;

 private:
  struct Entry {
    std::weak_ptr<const std::string> source;
    std::shared_ptr<const std::string> gzip;
  };
  void evict_locked();

  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<const std::string*, Entry> entries_;
};

}  // namespace motcua::http
