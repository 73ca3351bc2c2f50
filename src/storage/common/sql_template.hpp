// SQL text written once for both engines. The template may contain the marker `{json}` right after a
// parameter that carries a JSON document: PostgreSQL gets `::jsonb` there, SQLite (which stores JSON as text)
// nothing. Build templates once (function-local statics) and pick the text per connection:
//
//   static const SqlTemplate kInsert("INSERT INTO t (doc) VALUES ($1{json})");
//   conn.exec(kInsert.sql(conn.dialect()), {Value(doc)});
//
// Immutable after construction, so thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "storage/common/sql.hpp"

namespace motcua::storage {

class SqlTemplate {
 public:
  explicit SqlTemplate(std::string_view text);
  SqlTemplate(std::string_view sqlite_text, std::string_view postgres_text);

  const std::string& sql(Dialect dialect) const { return dialect == Dialect::kSqlite ? sqlite_ : postgres_; }

 private:
  std::string sqlite_;
  std::string postgres_;
};

}  // namespace motcua::storage
