// `motcua serve`: builds the route table (one line per route, in one place), starts the HTTP server and runs
// until SIGTERM/SIGINT, then drains in-flight requests.
#pragma once

#include "http/router.hpp"
#include "server/runtime.hpp"

namespace motcua::server {

int serve(Runtime& rt);

}  // namespace motcua::server
