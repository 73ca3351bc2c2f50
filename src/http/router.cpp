#include "http/router.hpp"

namespace motcua::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool is_param(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

bool segments_match(const Route& r, const std::vector<std::string_view>& parts) {
  if (r.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (is_param(r.segments[i])) {
      if (parts[i].empty()) return false;
    } else if (r.segments[i] != parts[i]) {
      return false;
    }
  }
  return true;
}

void fill_params(const Route& r, const std::vector<std::string_view>& parts, Request& req) {
  req.params.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = r.segments[i];
    if (is_param(seg)) req.params.emplace_back(seg.substr(1, seg.size() - 2), std::string(parts[i]));
  }
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler) {
  auto r = std::make_unique<Route>();
  r->method = method;
  for (auto seg : split_path(pattern)) r->segments.emplace_back(seg);
  r->pattern = std::move(pattern);
  r->handler = std::move(handler);
  r->index = routes_.size();
  routes_.push_back(std::move(r));
}

Router::Match Router::match(Request& req) const {
  Match m;
  if (req.path.empty() || req.path.front() != '/') return m;
  const auto parts = split_path(req.path);
  const Method want = req.method == Method::kHead ? Method::kGet : req.method;
  for (const auto& r : routes_) {
    if (!segments_match(*r, parts)) continue;
    if (r->method != want) {
      m.path_known = true;
      continue;
    }
    fill_params(*r, parts, req);
    m.route = r.get();
    return m;
  }
  return m;
}

}  // namespace motcua::http
