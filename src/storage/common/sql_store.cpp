#include "storage/common/sql_store.hpp"

#include <exception>
#include <string>

#include "storage/common/repositories.hpp"

namespace motcua::storage {

core::Result<std::vector<int>> SqlStore::migrate() {
  std::vector<int> applied;
  MOTCUA_RETURN_IF_ERROR(in_write_transaction([&](Connection& conn) -> core::Status {
    auto versions = apply_migrations(conn, migrations_);
    if (!versions) return std::move(versions).error();
    applied = std::move(*versions);
    return {};
  }));
  return applied;
}

core::Result<int> SqlStore::schema_version() {
  int version = 0;
  MOTCUA_RETURN_IF_ERROR(in_read_transaction([&](Connection& conn) -> core::Status {
    auto v = read_schema_version(conn);
    if (!v) return std::move(v).error();
    version = *v;
    return {};
  }));
  return version;
}

core::Status SqlStore::read(const std::function<core::Status(app::Repositories&)>& fn) {
  return in_read_transaction([&](Connection& conn) {
    SqlRepositories repos(conn);
    return fn(repos);
  });
}

core::Status SqlStore::write(const std::function<core::Status(app::Repositories&)>& fn) {
  return in_write_transaction([&](Connection& conn) {
    SqlRepositories repos(conn);
    return fn(repos);
  });
}

void SqlStore::write_async(std::function<core::Status(app::Repositories&)> fn, WriteDone done) {
  in_write_transaction_async(
      [fn = std::move(fn)](Connection& conn) {
        SqlRepositories repos(conn);
        return fn(repos);
      },
      std::move(done));
}

void SqlStore::in_write_transaction_async(ConnectionFn fn, app::Store::WriteDone done) {
  core::Status result;
  try {
    result = in_write_transaction(fn);
  } catch (...) {
    result = core::Error::from_exception("write failed with an exception", std::current_exception());
  }
  done(std::move(result));
}

core::Status SqlStore::ping() {
  return in_read_transaction([](Connection& conn) -> core::Status {
    MOTCUA_RETURN_IF_ERROR(conn.query("SELECT 1"));
    return {};
  });
}

}  // namespace motcua::storage
