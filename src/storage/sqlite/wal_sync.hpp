// Makes a SQLite database's write-ahead log durable with fdatasync(2), outside SQLite's write lock.
//
// The SQLite store's writer commits with synchronous = NORMAL: COMMIT appends the transaction to the WAL
// without waiting for the disk. The store then calls WalSync::sync() after it has handed the write lock to
// the next batch, and acknowledges its writers only when sync() has returned ok. Every acknowledged write is
// on disk as with synchronous = FULL, while the next batch runs during the previous batch's fsync instead of
// after it. SQLite keeps the database consistent across a power loss in this mode (the WAL is synced before
// each checkpoint, the database file after it); what it leaves to us is durability, which this class adds.
#pragma once

#include <mutex>
#include <string>

#include "core/result.hpp"

namespace motcua::storage::sqlite {

class WalSync {
 public:
  // `database_path`: the database file; its WAL is database_path + "-wal" in the same directory.
  explicit WalSync(std::string database_path);
  ~WalSync();
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;

  // Returns once everything written to the WAL before the call is on disk. The first call, and the first
  // after the WAL file was replaced, also syncs the directory that holds it. Once a sync has failed
  // (Unavailable), every later call fails the same way. Thread-safe; concurrent calls run one after the
  // other.
  core::Status sync();

 private:
  core::Status open_current();

  const std::string wal_path_;
  const std::string directory_;
  std::mutex mu_;
  int fd_ = -1;           // guarded by mu_
  core::Status failure_;  // guarded by mu_: the first failure, final
};

}  // namespace motcua::storage::sqlite
