// /api/v1/units and /api/v1/agencies: administrative units with their history across the 2025
// reorganisation, and agencies.
#pragma once

#include "api/context.hpp"
#include "http/router.hpp"

namespace motcua::api {

void add_organisation_routes(http::Router& router, ApiContext& ctx);

nlohmann::json unit_to_json(const domain::AdministrativeUnit& u);
nlohmann::json agency_to_json(const domain::Agency& a);

}  // namespace motcua::api
