#include "adapters/files/local_files.hpp"

#include <fcntl.h>
#include <magic.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace motcua::adapters {

namespace fs = std::filesystem;

namespace {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool valid_address(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

core::Status fsync_path(const fs::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd < 0) return core::Error::unavailable("cannot open " + p.string() + " for fsync");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return core::Error::unavailable("fsync failed on " + p.string());
  return {};
}

core::Status write_durably(const fs::path& target, std::string_view bytes) {
  const fs::path tmp = target.string() + ".tmp" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return core::Error::unavailable("cannot create " + tmp.string());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      return core::Error::unavailable("write failed on " + tmp.string());
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return core::Error::unavailable("fsync failed on " + tmp.string());
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) return core::Error::unavailable("rename failed: " + ec.message());
  return fsync_path(target.parent_path(), O_RDONLY | O_DIRECTORY);
}

class LocalBlobStore final : public app::BlobStore {
 public:
  explicit LocalBlobStore(fs::path dir) : dir_(std::move(dir)) {}

  core::Result<app::BlobRef> put(std::string_view bytes) override {
    app::BlobRef ref{sha256_hex(bytes), static_cast<std::int64_t>(bytes.size())};
    const auto target = path_of(ref.sha256);
    std::error_code ec;
    if (fs::exists(target, ec)) return ref;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return core::Error::unavailable("cannot create " + target.parent_path().string());
    MOTCUA_RETURN_IF_ERROR(write_durably(target, bytes));
    return ref;
  }

  core::Result<std::string> get(const std::string& sha256) override {
    if (!valid_address(sha256) || !exists(sha256)) {
      return core::Error::not_found("file.not_found", "Không có tệp này.", "No such file.");
    }
    std::ifstream in(path_of(sha256), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  bool exists(const std::string& sha256) override {
    std::error_code ec;
    return valid_address(sha256) && fs::exists(path_of(sha256), ec);
  }

 private:
  fs::path path_of(const std::string& sha) const { return dir_ / sha.substr(0, 2) / sha.substr(2, 2) / sha; }
  fs::path dir_;
};

// libmagic cookies are not thread-safe: one per sniffer, guarded by a mutex.
class MagicSniffer final : public app::FileSniffer {
 public:
  explicit MagicSniffer(magic_t cookie) : cookie_(cookie) {}
  ~MagicSniffer() override { magic_close(cookie_); }
  MagicSniffer(const MagicSniffer&) = delete;
  MagicSniffer& operator=(const MagicSniffer&) = delete;

  std::string sniff(std::string_view bytes) override {
    std::lock_guard lock(mutex_);
    const char* type = magic_buffer(cookie_, bytes.data(), bytes.size());
    return type ? type : "application/octet-stream";
  }

 private:
  magic_t cookie_;
  std::mutex mutex_;
};

}  // namespace

core::Result<std::unique_ptr<app::BlobStore>> make_local_blob_store(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return core::Error::unavailable("cannot create blob directory " + dir + ": " + ec.message());
  if (sodium_init() < 0) return core::Error::unavailable("libsodium failed to initialise");
  return std::unique_ptr<app::BlobStore>(std::make_unique<LocalBlobStore>(dir));
}

core::Result<std::unique_ptr<app::FileSniffer>> make_magic_sniffer() {
  magic_t cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
  if (!cookie || magic_load(cookie, nullptr) != 0) {
    if (cookie) magic_close(cookie);
    return core::Error::unavailable("libmagic could not load its database");
  }
  return std::unique_ptr<app::FileSniffer>(std::make_unique<MagicSniffer>(cookie));
}

}  // namespace motcua::adapters
