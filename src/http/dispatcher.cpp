#include "http/dispatcher.hpp"

#include <chrono>
#include <exception>
#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "http/error_mapping.hpp"

namespace motcua::http {

namespace {

std::vector<std::string> route_names(const Router& router) {
  std::vector<std::string> names;
  for (const auto& r : router.routes()) names.push_back(std::string(method_name(r->method)) + " " + r->pattern);
  return names;
}

Response method_not_allowed() {
  return Response::json(405, error_json(method_not_allowed_error()));
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, DispatcherOptions options)
    : router_(router), options_(options), metrics_(std::make_unique<HttpMetrics>(route_names(router))) {}

Response Dispatcher::route(Request& req, std::size_t& route_index) {
  route_index = router_.routes().size();
  const auto match = router_.match(req);
  if (!match.route) return match.path_known ? method_not_allowed() : error_response(route_not_found_error());
  route_index = match.route->index;
  if (req.body.size() > options_.max_body_bytes) return error_response(body_too_large_error(options_.max_body_bytes));
  try {
    return match.route->handler(req);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "{\"level\":\"error\",\"request_id\":\"%s\",\"msg\":\"unhandled exception\",\"what\":%s}\n",
                 req.request_id.c_str(), nlohmann::json(e.what()).dump().c_str());
    return error_response(core::Error::internal("unhandled exception"));
  }
}

Response Dispatcher::dispatch(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  metrics_->set_in_flight(++in_flight_);
  std::size_t route_index = 0;
  Response resp = route(req, route_index);
  if (req.method == Method::kHead) resp.body.clear();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_->observe(route_index, resp.status, seconds);
  metrics_->set_in_flight(--in_flight_);
  if (options_.access_log) log_access(req, route_index, resp.status, resp.body.size(), seconds);
  return resp;
}

void Dispatcher::log_access(const Request& req, std::size_t route_index, int status, std::size_t bytes,
                            double seconds) {
  const auto& routes = router_.routes();
  nlohmann::json line = {
      {"ts", std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count()},
      {"level", "info"},
      {"msg", "access"},
      {"request_id", req.request_id},
      {"method", method_name(req.method)},
      {"path", req.path},
      {"route", route_index < routes.size() ? routes[route_index]->pattern : "unmatched"},
      {"status", status},
      {"bytes", bytes},
      {"duration_us", static_cast<std::int64_t>(seconds * 1e6)},
      {"remote", req.remote},
  };
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(log_mutex_);
  std::fwrite(text.data(), 1, text.size(), options_.access_log);
}

}  // namespace motcua::http
