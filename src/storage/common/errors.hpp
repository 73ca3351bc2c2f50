// Errors raised by the storage layer itself, before any repository gives them a domain meaning. Messages are
// fixed sentences for users (Vietnamese and English); engine details go only into kInternal errors, which the
// HTTP layer logs and never shows. No SQL text is ever included.
#pragma once

#include <string>

#include "core/result.hpp"

namespace motcua::storage {

// A uniqueness constraint rejected the write.
core::Error db_already_exists();
// A foreign-key constraint rejected the write (the referenced row does not exist or is still referenced).
core::Error db_reference_missing();
// A NOT NULL or CHECK constraint rejected the write.
core::Error db_invalid_value();
// The engine gave up on a transaction because of a concurrent one (deadlock, serialization failure).
core::Error db_conflict();
// The database is busy, locked or unreachable; retrying later may succeed.
core::Error db_unavailable(const std::string& detail);
// Anything else: a bug, a corrupt file, a failed migration. `detail` is for logs.
core::Error db_internal(const std::string& detail);

}  // namespace motcua::storage
