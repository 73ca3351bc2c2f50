#include "http/metrics.hpp"

#include <prometheus/text_serializer.h>

namespace motcua::http {

HttpMetrics::HttpMetrics(const std::vector<std::string>& route_names)
    : registry_(std::make_shared<prometheus::Registry>()) {
  auto& requests = prometheus::BuildCounter()
                       .Name("motcua_http_requests_total")
                       .Help("HTTP requests served, by route pattern and status class.")
                       .Register(*registry_);
  auto& latency = prometheus::BuildHistogram()
                      .Name("motcua_http_request_duration_seconds")
                      .Help("Time from request parsed to response handed to the socket, by route pattern.")
                      .Register(*registry_);
  const prometheus::Histogram::BucketBoundaries buckets{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0};
  std::vector<std::string> names = route_names;
  names.emplace_back("unmatched");
  for (const auto& name : names) {
    PerRoute r;
    static constexpr const char* kClasses[] = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    for (std::size_t i = 0; i < r.by_status_class.size(); ++i) {
      r.by_status_class[i] = &requests.Add({{"route", name}, {"status", kClasses[i]}});
    }
    r.latency = &latency.Add({{"route", name}}, buckets);
    routes_.push_back(r);
  }
  in_flight_ = &prometheus::BuildGauge()
                    .Name("motcua_http_requests_in_flight")
                    .Help("Requests being handled now.")
                    .Register(*registry_)
                    .Add({});
}

void HttpMetrics::observe(std::size_t index, int status, double seconds) {
  if (index >= routes_.size()) index = routes_.size() - 1;
  const auto cls = static_cast<std::size_t>(status >= 100 && status < 600 ? status / 100 - 1 : 4);
  routes_[index].by_status_class[cls]->Increment();
  routes_[index].latency->Observe(seconds);
}

std::string HttpMetrics::render() const {
  if (in_flight_source_) in_flight_->Set(in_flight_source_->load());
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace motcua::http
