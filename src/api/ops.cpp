#include "api/ops.hpp"

#include "core/embedded.hpp"

namespace motcua_api_assets {
const std::vector<motcua::core::EmbeddedFile>& files();
}

namespace motcua::api {

using http::Request;
using http::Response;

std::string_view openapi_document() {
  for (const auto& f : motcua_api_assets::files())
    if (f.name == "openapi.json") return f.data;
  return "{}";
}

void add_ops_routes(http::Router& router, OpsContext& ops) {
  router.get("/healthz", [](Request&) { return Response::json(200, R"({"status":"ok"})"); });
  router.get("/readyz", [&ops](Request&) {
    auto ping = ops.store.ping();
    auto version = ping ? ops.store.schema_version() : core::Result<int>(ping.error());
    if (!version || *version < ops.expected_schema_version) {
      return Response::json(503, R"({"status":"not_ready"})");
    }
    return Response::json(200,
                          R"({"status":"ready","database":")" + std::string(ops.store.engine()) + R"("})");
  });
  router.get("/metrics", [&ops](Request&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = ops.metrics_text ? ops.metrics_text() : std::string();
    return r;
  });
  router.get("/api/v1/openapi.json",
             [](Request&) { return Response::json(200, std::string(openapi_document())); });
}

}  // namespace motcua::api
