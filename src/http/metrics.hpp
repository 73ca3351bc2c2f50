// Prometheus metrics of the HTTP surface, on prometheus-cpp's registry: request counts per route, method
// class and status class, and a latency histogram per route. Handles are created once per route at start-up
// so that serving a request only touches atomics. Thread-safe.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace motcua::http {

class HttpMetrics {
 public:
  // `route_names` are the patterns of the route table, in index order; one more slot counts unmatched paths.
  explicit HttpMetrics(const std::vector<std::string>& route_names);

  // Records one finished request for route `index` (route_names.size() for unmatched).
  void observe(std::size_t index, int status, double seconds);
  // The gauge of requests being handled reads `counter` when the metrics are rendered (not on every request).
  void track_in_flight(const std::atomic<int>* counter) { in_flight_source_ = counter; }

  // Text exposition format (version 0.0.4) of every registered metric.
  std::string render() const;

  prometheus::Registry& registry() { return *registry_; }

 private:
  struct PerRoute {
    std::array<prometheus::Counter*, 5> by_status_class{};  // 1xx..5xx
    prometheus::Histogram* latency = nullptr;
  };
  std::shared_ptr<prometheus::Registry> registry_;
  std::vector<PerRoute> routes_;
  prometheus::Gauge* in_flight_ = nullptr;
  const std::atomic<int>* in_flight_source_ = nullptr;
};

}  // namespace motcua::http
