// Files port: a content-addressed blob store (uploaded components, scans, generated and signed results) and a
// type sniffer that looks at the bytes, never at the file name. The local-directory adapter lives in
// adapters/files; an S3-compatible store can implement the same port at scale. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace motcua::app {

struct BlobRef {
  std::string sha256;  // lower-case hex of the content: its address
  std::int64_t size = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `bytes` durably (on disk before returning) and returns its address; storing the same bytes twice
  // is a no-op.
  virtual core::Result<BlobRef> put(std::string_view bytes) = 0;
  virtual core::Result<std::string> get(const std::string& sha256) = 0;  // NotFound if absent
  virtual bool exists(const std::string& sha256) = 0;
};

class FileSniffer {
 public:
  virtual ~FileSniffer() = default;
  // The MIME type of `bytes` as their content shows it ("application/pdf", "image/jpeg"...).
  virtual std::string sniff(std::string_view bytes) = 0;
};

}  // namespace motcua::app
