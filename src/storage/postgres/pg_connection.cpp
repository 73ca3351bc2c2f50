#include "storage/postgres/pg_connection.hpp"

#include <charconv>
#include <cstring>
#include <vector>

#include "storage/common/errors.hpp"

namespace motcua::storage::postgres {

namespace {

// Type OIDs from pg_type.h (stable across releases).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

void ignore_notice(void*, const char*) {}

Value cell(const PGresult* result, int row, int col) {
  if (PQgetisnull(result, row, col)) return Value();
  const char* text = PQgetvalue(result, row, col);
  switch (PQftype(result, col)) {
    case kBoolOid:
      return Value(text[0] == 't' ? 1 : 0);
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return Value(Value(text).as_int64());
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return Value(Value(text).as_double());
    default:
      return Value(std::string(text, static_cast<std::size_t>(PQgetlength(result, row, col))));
  }
}

Rows rows_of(const PGresult* result) {
  const int n = PQntuples(result);
  const int columns = PQnfields(result);
  Rows rows;
  rows.reserve(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) {
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) values.push_back(cell(result, r, c));
    rows.emplace_back(std::move(values));
  }
  return rows;
}

Oid type_of(const Value& v) {
  return v.is_int() ? kInt8Oid : v.is_real() ? kFloat8Oid : 0;
}

std::string text_of(const Value& v) {
  if (!v.is_real()) return v.as_text();
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.as_double());  // shortest exact form
  return std::string(buf, ec == std::errc() ? end : buf);
}

bool sqlstate_is(const char* state, std::string_view prefix) {
  return state != nullptr && std::string_view(state).substr(0, prefix.size()) == prefix;
}

// Parameters in libpq's form; `texts` owns the strings `values` points into.
struct WireParams {
  std::vector<std::string> texts;
  std::vector<const char*> values;
};

core::Result<WireParams> wire_params(Params params) {
  WireParams wire;
  wire.texts.reserve(params.size());
  for (const Value& v : params) {
    if (v.is_text() && v.text_ref().find('\0') != std::string::npos) return db_invalid_value();
    wire.texts.push_back(text_of(v));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    wire.values.push_back(params[i].is_null() ? nullptr : wire.texts[i].c_str());
  }
  return wire;
}

}  // namespace

core::Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& url,
                                                                  const StoreOptions& options) {
  const std::string timeout = std::to_string(options.connect_timeout_s);
  // Keywords after "dbname" override what the expanded URL says.
  const char* keys[] = {"dbname", "connect_timeout", "client_encoding", "fallback_application_name", nullptr};
  const char* values[] = {url.c_str(), timeout.c_str(), "UTF8", "motcua", nullptr};
  ConnHandle conn(PQconnectdbParams(keys, values, 1));
  if (!conn) return db_unavailable("out of memory opening a PostgreSQL connection");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return db_unavailable("cannot connect to PostgreSQL: " + std::string(PQerrorMessage(conn.get())));
  }
  PQsetNoticeProcessor(conn.get(), ignore_notice, nullptr);
  std::unique_ptr<PgConnection> pg(new PgConnection(std::move(conn)));
  // random_page_cost 1.1 (PostgreSQL's default 4 models spinning disks): with the data in memory or on SSD a
  // random read costs about a sequential one, and the planner then uses the GIN index of catalogue search and
  // the B-trees of the inboxes instead of scanning (docs/benchmarks.md, "What limits search").
  MOTCUA_RETURN_IF_ERROR(pg->exec_script(
      "SET datestyle = 'ISO, YMD'; SET intervalstyle = 'iso_8601'; SET random_page_cost = 1.1"));
  return pg;
}

bool PgConnection::broken() const {
  return PQstatus(conn_.get()) != CONNECTION_OK || PQtransactionStatus(conn_.get()) != PQTRANS_IDLE;
}

core::Status PgConnection::do_exec_script(std::string_view sql) {
  ResultHandle result(PQexec(conn_.get(), std::string(sql).c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return error(result.get());
  return {};
}

core::Result<std::int64_t> PgConnection::do_exec(std::string_view sql, Params params) {
  auto result = run(sql, params);
  if (!result) return std::move(result).error();
  return Value(PQcmdTuples(result->get())).as_int64();
}

core::Result<Rows> PgConnection::do_query(std::string_view sql, Params params) {
  auto result = run(sql, params);
  if (!result) return std::move(result).error();
  return rows_of(result->get());
}

core::Result<ResultHandle> PgConnection::run(std::string_view sql, Params params) {
  auto wire = wire_params(params);
  if (!wire) return std::move(wire).error();
  auto name = statement(sql, params);
  if (!name) return std::move(name).error();
  ResultHandle result(PQexecPrepared(conn_.get(), (*name)->c_str(), static_cast<int>(params.size()),
                                     wire->values.data(), nullptr, nullptr, 0));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return error(result.get());
  return result;
}

core::Result<const std::string*> PgConnection::statement(std::string_view sql, Params params) {
  if (auto it = statements_.find(sql); it != statements_.end()) return &it->second;
  std::vector<Oid> types;
  for (const Value& v : params) types.push_back(type_of(v));
  std::string name = "motcua_" + std::to_string(statements_.size() + 1);
  ResultHandle result(PQprepare(conn_.get(), name.c_str(), std::string(sql).c_str(),
                                static_cast<int>(types.size()), types.data()));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return error(result.get());
  return &statements_.emplace(std::string(sql), std::move(name)).first->second;
}

core::Error PgConnection::error(const PGresult* result) const {
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  if (state == nullptr || PQstatus(conn_.get()) != CONNECTION_OK) {
    return db_unavailable("lost the PostgreSQL connection: " + std::string(PQerrorMessage(conn_.get())));
  }
  if (sqlstate_is(state, "23505")) return db_already_exists();
  if (sqlstate_is(state, "23503")) return db_reference_missing();
  if (sqlstate_is(state, "23502") || sqlstate_is(state, "23514") || sqlstate_is(state, "22")) {
    return db_invalid_value();
  }
  if (sqlstate_is(state, "40001") || sqlstate_is(state, "40P01")) return db_conflict();
  if (sqlstate_is(state, "08") || sqlstate_is(state, "53") || sqlstate_is(state, "57P") ||
      sqlstate_is(state, "55P03")) {
    return db_unavailable(std::string("PostgreSQL error ") + state);
  }
  const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  return db_internal(std::string("PostgreSQL error ") + state + ": " + (message ? message : ""));
}

}  // namespace motcua::storage::postgres
