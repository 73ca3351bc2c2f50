// Owning handles for the libpq C API: move-only RAII (copies deleted by unique_ptr), released exactly once.
#pragma once

#include <libpq-fe.h>

#include <memory>

namespace motcua::storage::postgres {

struct ConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};

using ConnHandle = std::unique_ptr<PGconn, ConnCloser>;
using ResultHandle = std::unique_ptr<PGresult, ResultClearer>;

}  // namespace motcua::storage::postgres
