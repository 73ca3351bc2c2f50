#include "storage/common/migrations.hpp"

#include <algorithm>
#include <charconv>

#include "storage/common/errors.hpp"
#include "storage/common/sql_template.hpp"

namespace motcua::storage {

namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

// Any fixed 64-bit key: the lock is private to motcua's migrator.
constexpr std::string_view kPostgresLock = "SELECT pg_advisory_xact_lock(7358392017)";

const SqlTemplate& table_exists_sql() {
  static const SqlTemplate sql(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
      "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'schema_migrations' "
      "AND schemaname = current_schema()");
  return sql;
}

const SqlTemplate& record_sql() {
  static const SqlTemplate sql(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, unixepoch())",
      "INSERT INTO schema_migrations (version, name, applied_at) "
      "VALUES ($1, $2, CAST(extract(epoch FROM now()) AS BIGINT))");
  return sql;
}

core::Result<Migration> parse_one(const core::EmbeddedFile& file) {
  const std::string_view name = file.name;
  const std::size_t underscore = name.find('_');
  int version = 0;
  const auto [end, ec] =
      std::from_chars(name.data(), name.data() + std::min(underscore, name.size()), version);
  const bool ok = underscore != std::string_view::npos && ec == std::errc() &&
                  end == name.data() + underscore && version > 0 && name.size() > 4 &&
                  name.substr(name.size() - 4) == ".sql";
  if (!ok) return db_internal("malformed migration file name " + std::string(name));
  return Migration{version, std::string(name.substr(underscore + 1, name.size() - underscore - 5)),
                   file.data};
}

}  // namespace

core::Result<std::vector<Migration>> parse_migrations(const std::vector<core::EmbeddedFile>& files) {
  std::vector<Migration> out;
  for (const core::EmbeddedFile& file : files) {
    auto m = parse_one(file);
    if (!m) return std::move(m).error();
    out.push_back(std::move(*m));
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  const auto dup = std::adjacent_find(
      out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version == b.version; });
  if (dup != out.end()) return db_internal("two migrations with version " + std::to_string(dup->version));
  return out;
}

core::Result<int> read_schema_version(Connection& conn) {
  auto exists = conn.query(table_exists_sql().sql(conn.dialect()));
  if (!exists) return std::move(exists).error();
  if (exists->empty() || (*exists)[0].int64(0) == 0) return 0;
  auto rows = conn.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!rows) return std::move(rows).error();
  return rows->empty() ? 0 : (*rows)[0].int32(0);
}

core::Result<std::vector<int>> apply_migrations(Connection& conn, const std::vector<Migration>& migrations) {
  if (conn.dialect() == Dialect::kPostgres) MOTCUA_RETURN_IF_ERROR(conn.query(kPostgresLock));
  MOTCUA_RETURN_IF_ERROR(conn.exec(kCreateTable));
  auto current = read_schema_version(conn);
  if (!current) return std::move(current).error();
  std::vector<int> applied;
  for (const Migration& m : migrations) {
    if (m.version <= *current) continue;
    MOTCUA_RETURN_IF_ERROR(conn.exec_script(m.sql));
    MOTCUA_RETURN_IF_ERROR(conn.exec(record_sql().sql(conn.dialect()), {Value(m.version), Value(m.name)}));
    applied.push_back(m.version);
  }
  return applied;
}

}  // namespace motcua::storage
