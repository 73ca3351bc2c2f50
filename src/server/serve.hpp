// `motcua serve`: builds the route table (one line per route, in one place), starts the HTTP server and runs
// until SIGTERM/SIGINT, then drains in-flight requests.
#pragma once

#include <cstdio>
#include <memory>

#include "api/context.hpp"
#include "api/ops.hpp"
#include "http/dispatcher.hpp"
#include "http/router.hpp"
#include "server/runtime.hpp"
#include "web/pages.hpp"

namespace motcua::server {

// The route table and the contexts its handlers borrow. Holds references into `rt`, which must outlive it.
struct Routes {
  api::ApiContext api;
  api::OpsContext ops;
  web::WebContext web;
  http::Router router;
};

// Builds every route of the server (also used by the HTTP end-to-end tests).
std::unique_ptr<Routes> build_routes(Runtime& rt);

// Loads the demo province when the database is empty; a no-op otherwise.
core::Status load_demo_if_empty(Runtime& rt);

// The HTTP limits of `config`, shared by serve() and the end-to-end test server: the dispatcher answers 413
// (JSON) above max_body_bytes, or max_upload_bytes on upload routes; the parser reads bodies up to
// hard_body_limit() to be able to answer so, and drops connections sending more.
http::DispatcherOptions dispatcher_options(const Config& config, std::FILE* access_log);
std::size_t hard_body_limit(const Config& config);

int serve(Runtime& rt);

}  // namespace motcua::server
