// A Connection (storage/common/sql.hpp) over one libpq connection: statements prepared on first use and
// cached by SQL text, parameters sent as text (integers typed int8, reals float8, text left for the server to
// infer from context, so it also fills DATE and JSONB columns), results converted by column type. The session
// uses ISO dates and UTF-8; server notices are discarded. Used by one thread at a time; not thread-safe.
// PostgresStore pools these.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "core/result.hpp"
#include "storage/common/sql.hpp"
#include "storage/postgres/pg_handles.hpp"
#include "storage/store_options.hpp"

namespace motcua::storage::postgres {

class PgConnection final : public Connection {
 public:
  // Connects to `url` (postgresql://user:pass@host:port/db?...). kUnavailable when the server cannot be
  // reached or refuses the login.
  static core::Result<std::unique_ptr<PgConnection>> connect(const std::string& url,
                                                             const StoreOptions& options);

  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::kPostgres; }
  // The link is down, or a transaction was left open (it would leak into the next lease).
  bool broken() const override;

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  explicit PgConnection(ConnHandle conn) : conn_(std::move(conn)) {}
  core::Result<std::int64_t> do_exec(std::string_view sql, Params params) override;
  core::Result<Rows> do_query(std::string_view sql, Params params) override;
  core::Status do_exec_script(std::string_view sql) override;
  core::Result<ResultHandle> run(std::string_view sql, Params params);
  core::Result<const std::string*> statement(std::string_view sql, Params params);
  core::Error error(const PGresult* result) const;

  ConnHandle conn_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> statements_;  // SQL -> name
};

}  // namespace motcua::storage::postgres
