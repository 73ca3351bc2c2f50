// Operations endpoints: /healthz (process alive), /readyz (database reachable and migrated), /metrics
// (Prometheus text) and /api/v1/openapi.json (the API description, embedded at build time).
#pragma once

#include <functional>
#include <string>

#include "api/context.hpp"

namespace motcua::api {

struct OpsContext {
  app::Store& store;
  int expected_schema_version = 0;
  std::function<std::string()> metrics_text;  // set once the dispatcher exists
};

void add_ops_routes(http::Router& router, OpsContext& ops);

// The OpenAPI 3 document served at /api/v1/openapi.json.
std::string_view openapi_document();

}  // namespace motcua::api
