#include "storage/sqlite/wal_sync.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "storage/common/errors.hpp"

namespace motcua::storage::sqlite {

namespace {

core::Error sync_failed(const std::string& what, int err) {
  return db_unavailable("cannot make the write-ahead log durable: " + what + ": " + std::strerror(err));
}

bool same_file(int fd, const std::string& path) {
  struct stat open_st {};
  struct stat path_st {};
  return ::fstat(fd, &open_st) == 0 && ::stat(path.c_str(), &path_st) == 0 &&
         open_st.st_dev == path_st.st_dev && open_st.st_ino == path_st.st_ino;
}

}  // namespace

WalSync::WalSync(std::string database_path)
    : wal_path_(database_path + "-wal"),
      directory_(std::filesystem::absolute(database_path).parent_path().string()) {}

WalSync::~WalSync() {
  if (fd_ >= 0) ::close(fd_);
}

// (Re)opens the WAL file when it is not open yet or was replaced (SQLite deletes it when the last connection
// closes, and creates it again at the next write), and syncs its directory entry once.
core::Status WalSync::open_current() {
  if (fd_ >= 0 && same_file(fd_, wal_path_)) return {};
  if (fd_ >= 0) ::close(fd_);
  fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return sync_failed("open " + wal_path_, errno);
  const int dir = ::open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return sync_failed("open " + directory_, errno);
  const int rc = ::fsync(dir);
  const int err = errno;
  ::close(dir);
  if (rc != 0) return sync_failed("fsync " + directory_, err);
  return {};
}

core::Status WalSync::sync() {
  std::lock_guard lock(mu_);
  MOTCUA_RETURN_IF_ERROR(failure_);
  core::Status st = open_current();
  if (st && ::fdatasync(fd_) != 0) st = sync_failed("fdatasync " + wal_path_, errno);
  // After a failed sync the kernel may have dropped the pages it could not write and a later fdatasync may
  // succeed without them, so no later write can be promised durable: the failure is final (as PostgreSQL
  // does). A restart recovers from what is on disk.
  if (!st) failure_ = st;
  return st;
}

}  // namespace motcua::storage::sqlite
