// The small SQL abstraction the shared repositories are written against: a Connection that runs one statement
// with positional parameters `$1..$N` and returns its rows fully materialised. Adapters (storage/sqlite,
// storage/postgres) implement it over their C APIs; the repositories never see an engine handle.
//
//   auto rows = conn.query("SELECT name FROM agencies WHERE code = $1", {Value(code)});
//   if (!rows) return rows.error();
//   if (rows->empty()) return not_found();
//   std::string name = (*rows)[0].text(0);
//
// Errors are already mapped to core::ErrorCode (unique violation -> kAlreadyExists, busy or lost connection
// -> kUnavailable, anything else -> kInternal) and their messages never contain SQL text. A Connection is
// used by one thread at a time; the stores hand each transaction its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace motcua::storage {

// A parameter or column value: NULL, a 64-bit integer, a double or UTF-8 text.
class Value {
 public:
  Value() = default;                // NULL
  Value(std::nullptr_t) {}          // NOLINT: implicit by design, like the other alternatives
  Value(std::int64_t v) : v_(v) {}  // NOLINT
  Value(int v) : v_(static_cast<std::int64_t>(v)) {}  // NOLINT
  Value(double v) : v_(v) {}                          // NOLINT
  Value(std::string v) : v_(std::move(v)) {}          // NOLINT
  Value(std::string_view v) : v_(std::string(v)) {}   // NOLINT
  Value(const char* v) : v_(std::string(v)) {}        // NOLINT

  bool is_null() const { return v_.index() == 0; }
  bool is_int() const { return v_.index() == 1; }
  bool is_real() const { return v_.index() == 2; }
  bool is_text() const { return v_.index() == 3; }

  // Conversions used when reading rows; text holding a number converts, NULL gives 0 / "".
  std::int64_t as_int64() const;
  double as_double() const;
  std::string as_text() const;
  // The stored text without copying; only valid when is_text().
  const std::string& text_ref() const { return std::get<3>(v_); }

 private:
  std::variant<std::monostate, std::int64_t, double, std::string> v_;
};

// One result row; columns are addressed by position in the SELECT list.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  const Value& operator[](std::size_t i) const { return values_.at(i); }
  bool is_null(std::size_t i) const { return values_.at(i).is_null(); }
  std::int64_t int64(std::size_t i) const { return values_.at(i).as_int64(); }
  int int32(std::size_t i) const { return static_cast<int>(values_.at(i).as_int64()); }
  bool boolean(std::size_t i) const { return values_.at(i).as_int64() != 0; }
  double real(std::size_t i) const { return values_.at(i).as_double(); }
  std::string text(std::size_t i) const { return values_.at(i).as_text(); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;
using Params = std::span<const Value>;

// The few places where the SQL differs between engines (full-text search, JSON parameters, locking).
enum class Dialect { kSqlite, kPostgres };

// A connection to one database. Transactions go through begin/commit/rollback: the first statement that fails
// inside a transaction dooms it, and commit() then rolls back and returns that failure even if the caller
// went on. This is what PostgreSQL does by itself (an aborted transaction can only roll back); SQLite, which
// would otherwise commit the statements that did succeed, is made to behave the same.
class Connection {
 public:
  virtual ~Connection() = default;

  // Runs one statement and returns the number of rows it changed. Statements are prepared once and cached per
  // connection, keyed by their text: pass constant SQL (or SQL chosen from a fixed set), never SQL built from
  // user input; user input goes in parameters.
  core::Result<std::int64_t> exec(std::string_view sql, Params params) { return noted(do_exec(sql, params)); }
  core::Result<std::int64_t> exec(std::string_view sql, std::initializer_list<Value> params = {}) {
    return exec(sql, Params(params.begin(), params.size()));
  }
  // Runs one statement and returns all its rows.
  core::Result<Rows> query(std::string_view sql, Params params) { return noted(do_query(sql, params)); }
  core::Result<Rows> query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return query(sql, Params(params.begin(), params.size()));
  }
  // Runs a script of several statements without parameters (migrations).
  core::Status exec_script(std::string_view sql) { return noted(do_exec_script(sql)); }

  // Starts a transaction with `begin_sql` ("BEGIN IMMEDIATE", "BEGIN READ ONLY"...).
  core::Status begin(std::string_view begin_sql);
  // Commits, or rolls back and returns the first failure since begin().
  core::Status commit();
  // Rolls back; errors are ignored (a connection that cannot roll back reports broken()).
  void rollback();
  // True when a statement of the current transaction has failed (commit() would roll back).
  bool doomed() const { return !first_failure_.ok(); }

  // Inside a transaction: opens the savepoint "batch_item". release_savepoint() keeps its work, unless a
  // statement failed since it was opened: then it rolls back to the savepoint and returns that failure, and
  // the transaction goes on as if the work had never happened. rollback_to_savepoint() undoes it
  // unconditionally. Used by group commit: several requests' work in one transaction, one failure not
  // poisoning the others.
  core::Status savepoint();
  core::Status release_savepoint();
  void rollback_to_savepoint();

  virtual Dialect dialect() const = 0;
  // True once the connection can no longer be used (lost link, transaction left open); pools drop it.
  virtual bool broken() const { return false; }

 private:
  virtual core::Result<std::int64_t> do_exec(std::string_view sql, Params params) = 0;
  virtual core::Result<Rows> do_query(std::string_view sql, Params params) = 0;
  virtual core::Status do_exec_script(std::string_view sql) = 0;

  // Remembers the first failure inside a transaction; returns `result` unchanged.
  template <typename T>
  core::Result<T> noted(core::Result<T> result) {
    if (!result.ok() && in_transaction_ && first_failure_.ok()) first_failure_ = result.error();
    return result;
  }

  bool in_transaction_ = false;
  core::Status first_failure_;  // ok while no statement of the current transaction failed
  core::Status failure_before_savepoint_;
};

}  // namespace motcua::storage
