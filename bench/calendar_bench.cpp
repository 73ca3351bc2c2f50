// Legal calendar benchmarks (issue 3), each printed beside its target:
//   - deadline computation for 1-60 working-day limits: at least 5 million per second on one core;
//   - lunar conversion of every day 1900-01-01..2100-12-31: under 1 second (table build included once).
// Run a Release build: build/<dir>/bench/calendar_bench
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "domain/calendar/calendar.hpp"

namespace cal = motcua::domain::calendar;

namespace {

constexpr double kDeadlinesPerSecondTarget = 5e6;
constexpr double kLunarAllDaysSecondsTarget = 1.0;

double g_lunar_build_seconds = 0;  // first use of LunarCalendar::get(), measured once in main()

const cal::WorkingCalendar& calendar() {
  static const cal::WorkingCalendar c = cal::WorkingCalendar::build(cal::AgencyCalendarConfig::standard(),
                                                                    cal::default_holiday_rules(), 2020, 2030)
                                            .value();
  return c;
}

// 4096 receipts spread over 2024-2027 at random minutes, with limits of 1-60 working days.
struct Case {
  cal::UnixSeconds received;
  cal::LimitSpec limit;
};

std::vector<Case> cases() {
  std::mt19937 rng(42);
  std::uniform_int_distribution<std::int64_t> minute(0, 4LL * 365 * 24 * 60);
  std::uniform_int_distribution<std::int32_t> days(1, 60);
  const cal::UnixSeconds start = *motcua::core::parse_instant("2024-01-01T00:00:00+07:00");
  std::vector<Case> out;
  for (int i = 0; i < 4096; ++i)
    out.push_back({start + minute(rng) * 60, {days(rng), cal::LimitUnit::kWorkingDays, {}}});
  return out;
}

void BM_DeadlineWorkingDays(benchmark::State& state) {
  const cal::WorkingCalendar& c = calendar();
  const std::vector<Case> all = cases();
  std::size_t i = 0;
  for (auto _ : state) {
    const Case& k = all[i++ & 4095];
    auto d = cal::compute_deadline(c, k.received, k.limit);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["target_per_s"] = kDeadlinesPerSecondTarget;
}
BENCHMARK(BM_DeadlineWorkingDays);

void BM_DeadlineWorkingHours(benchmark::State& state) {
  const cal::WorkingCalendar& c = calendar();
  std::vector<Case> all = cases();
  for (Case& k : all) k.limit.unit = cal::LimitUnit::kWorkingHours;
  std::size_t i = 0;
  for (auto _ : state) {
    const Case& k = all[i++ & 4095];
    auto d = cal::compute_deadline(c, k.received, k.limit);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_DeadlineWorkingHours);

void BM_LunarEveryDay1900To2100(benchmark::State& state) {
  const cal::LunarCalendar& lunar = cal::LunarCalendar::get();
  const cal::DayNumber first =
      cal::day_number(cal::Date{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}});
  const cal::DayNumber last =
      cal::day_number(cal::Date{std::chrono::year{2100}, std::chrono::December, std::chrono::day{31}});
  for (auto _ : state) {
    for (cal::DayNumber d = first; d <= last; ++d) {
      auto l = lunar.to_lunar(cal::date_of(d));
      benchmark::DoNotOptimize(l);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * (last - first + 1));
  state.counters["table_build_s"] = g_lunar_build_seconds;
  state.counters["target_s"] = kLunarAllDaysSecondsTarget;
}
BENCHMARK(BM_LunarEveryDay1900To2100)->Unit(benchmark::kMillisecond);

// Prints the measured figure next to its target once the runs are done.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      const std::string name = r.benchmark_name();
      if (name == "BM_DeadlineWorkingDays") deadlines_per_s_ = r.counters.at("items_per_second");
      if (name == "BM_LunarEveryDay1900To2100") lunar_all_days_s_ = r.GetAdjustedRealTime() / 1e3;
    }
  }
  void print_summary() const {
    std::printf("\nfigure                                          measured        target      verdict\n");
    std::printf("deadline, 1-60 working days (per second)        %10.2f M    >= %5.1f M    %s\n",
                deadlines_per_s_ / 1e6, kDeadlinesPerSecondTarget / 1e6,
                deadlines_per_s_ >= kDeadlinesPerSecondTarget ? "ok" : "MISSED");
    const double total = lunar_all_days_s_ + g_lunar_build_seconds;
    std::printf("lunar, every day 1900-2100 + table build (s)    %10.4f      <  %5.1f     %s\n", total,
                kLunarAllDaysSecondsTarget, total < kLunarAllDaysSecondsTarget ? "ok" : "MISSED");
  }

 private:
  double deadlines_per_s_ = 0;
  double lunar_all_days_s_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const auto t0 = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(&cal::LunarCalendar::get());
  g_lunar_build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  benchmark::Initialize(&argc, argv);
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_summary();
  benchmark::Shutdown();
  return 0;
}
