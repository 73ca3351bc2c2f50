// Route table: one line per route, built explicitly in main (see server/routes.cpp). Patterns are literal
// segments and `{name}` parameters: "/api/v1/procedures/{code}". Not thread-safe to build; matching is
// read-only and thread-safe once serving starts.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/types.hpp"

namespace motcua::http {

using Handler = std::function<Response(Request&)>;
// How a handler that answers later hands over its response: call it exactly once, from any thread.
using Respond = std::function<void(Response)>;
// A handler that may answer after it returns (a write waiting for its commit, without holding the server's
// thread): it calls `respond` exactly once, now or later, from any thread. `req` stays valid until then.
using AsyncHandler = std::function<void(Request& req, Respond respond)>;

struct Route {
  Method method = Method::kGet;
  std::string pattern;                // also the route's name in metrics and logs
  Handler handler;                    // set for a route that answers before it returns
  AsyncHandler async_handler;         // set instead for one that may answer later
  std::vector<std::string> segments;  // "{x}" marks a parameter
  std::size_t index = 0;              // position in the table, for per-route metrics
  bool upload = false;                // takes files: the dispatcher's upload body limit applies
};

class Router {
 public:
  void add(Method method, std::string pattern, Handler handler);
  void get(std::string pattern, Handler h) { add(Method::kGet, std::move(pattern), std::move(h)); }
  void post(std::string pattern, Handler h) { add(Method::kPost, std::move(pattern), std::move(h)); }
  // A POST whose handler may answer after it returns (AsyncHandler).
  void post_async(std::string pattern, AsyncHandler h) {
    add(Method::kPost, std::move(pattern), Handler{});
    routes_.back()->async_handler = std::move(h);
  }
  // A POST that takes a file (DispatcherOptions::max_upload_bytes instead of max_body_bytes).
  void post_upload(std::string pattern, Handler h) {
    add(Method::kPost, std::move(pattern), std::move(h));
    routes_.back()->upload = true;
  }
  void put(std::string pattern, Handler h) { add(Method::kPut, std::move(pattern), std::move(h)); }
  void del(std::string pattern, Handler h) { add(Method::kDelete, std::move(pattern), std::move(h)); }

  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    bool path_known = false;       // the path matched a route with another method (405)
  };
  // Finds the route for req.method and req.path and fills req.params. HEAD falls back to GET.
  Match match(Request& req) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  // Routes are bucketed by their number of segments and their key segment (the third, or the last of a
  // shorter path; "{}" when it is a parameter), each bucket in table order. A path can only match routes of
  // its own bucket and of the parameter bucket of its length, so matching scans a handful of routes instead
  // of the whole table, with the same answer: the first matching route in table order.
  static std::string bucket_key(std::size_t segments, const std::string& key_segment);
  std::vector<std::unique_ptr<Route>> routes_;
  std::unordered_map<std::string, std::vector<const Route*>> buckets_;
};

}  // namespace motcua::http
