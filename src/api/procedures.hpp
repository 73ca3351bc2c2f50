// /api/v1/procedures: the public catalogue (list, search, detail, fields, export) and administrators'
// changes (create, update, delete, import).
#pragma once

#include "api/context.hpp"
#include "http/router.hpp"

namespace motcua::api {

void add_procedure_routes(http::Router& router, ApiContext& ctx);

}  // namespace motcua::api
