// /api/v1/auth (sign-in, sign-out, me), /api/v1/users, /api/v1/api-tokens and /api/v1/audit.
#pragma once

#include "api/context.hpp"

namespace motcua::api {

void add_auth_routes(http::Router& router, ApiContext& ctx);

nlohmann::json actor_to_json(const app::Actor& a);

}  // namespace motcua::api
