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

// The segment routes are bucketed by: the third ("/api/v1/<resource>"), or the last of a shorter path.
std::size_t key_position(std::size_t segments) {
  return segments > 3 ? 2 : segments - 1;
}

}  // namespace

std::string Router::bucket_key(std::size_t segments, const std::string& key_segment) {
  return std::to_string(segments) + "/" + key_segment;
}

void Router::add(Method method, std::string pattern, Handler handler) {
  auto r = std::make_unique<Route>();
  r->method = method;
  for (auto seg : split_path(pattern)) r->segments.emplace_back(seg);
  r->pattern = std::move(pattern);
  r->handler = std::move(handler);
  r->index = routes_.size();
  const std::string& key = r->segments[key_position(r->segments.size())];
  buckets_[bucket_key(r->segments.size(), is_param(key) ? "{}" : key)].push_back(r.get());
  routes_.push_back(std::move(r));
}

Router::Match Router::match(Request& req) const {
  Match m;
  if (req.path.empty() || req.path.front() != '/') return m;
  const auto parts = split_path(req.path);
  const Method want = req.method == Method::kHead ? Method::kGet : req.method;
  const std::string key(parts[key_position(parts.size())]);
  // The first matching route of each candidate bucket; of those, the one earlier in the table.
  const Route* best = nullptr;
  for (const std::string& k : {bucket_key(parts.size(), key), bucket_key(parts.size(), "{}")}) {
    const auto bucket = buckets_.find(k);
    if (bucket == buckets_.end()) continue;
    for (const Route* r : bucket->second) {
      if (best != nullptr && r->index > best->index) break;
      if (!segments_match(*r, parts)) continue;
      if (r->method != want) {
        m.path_known = true;
        continue;
      }
      best = r;
      break;
    }
  }
  if (best == nullptr) return m;
  fill_params(*best, parts, req);
  m.route = best;
  return m;
}

}  // namespace motcua::http
