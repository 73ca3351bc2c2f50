// Transaction boundaries shared by both engines.
#pragma once

#include <functional>
#include <string_view>

#include "core/result.hpp"
#include "storage/common/sql.hpp"

namespace motcua::storage {

using ConnectionFn = std::function<core::Status(Connection&)>;

// Runs `fn` between `begin_sql` ("BEGIN IMMEDIATE", "BEGIN READ ONLY"...) and COMMIT on `conn`. Rolls back
// when `fn` returns an error, when a statement inside failed (Connection::commit), when COMMIT fails, or when
// `fn` throws (the exception then propagates).
core::Status run_transaction(Connection& conn, std::string_view begin_sql, const ConnectionFn& fn);

// The part of run_transaction after a successful Connection::begin: runs `fn`, then COMMIT or ROLLBACK.
core::Status finish_transaction(Connection& conn, const ConnectionFn& fn);

}  // namespace motcua::storage
