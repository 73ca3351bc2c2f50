// Deadline arithmetic: the reviewed cases of testdata/deadlines.tsv (spec §12 rules 17-20 among them), the
// algebraic properties, pauses, splitting across steps and the early / on-time / late mark.
#include "domain/calendar/deadline.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "domain/calendar/test_support.hpp"

namespace motcua::domain::calendar {
namespace {

using testing::date;
using testing::instant;
using testing::named_calendar;
using testing::read_tsv;

LimitUnit parse_unit(const std::string& s) {
  if (s == "working_hours") return LimitUnit::kWorkingHours;
  if (s == "calendar_days") return LimitUnit::kCalendarDays;
  if (s == "months") return LimitUnit::kMonths;
  return LimitUnit::kWorkingDays;
}

std::optional<std::int32_t> parse_cutoff(const std::string& s) {
  if (s == "-") return std::nullopt;
  return std::stoi(s.substr(0, 2)) * 60 + std::stoi(s.substr(3, 2));
}

TEST(DeadlineTest, ReviewedCases) {
  int cases = 0;
  for (const auto& row : read_tsv("deadlines.tsv")) {
    const LimitSpec limit{std::stoi(row[2]), parse_unit(row[3]), parse_cutoff(row[4])};
    const auto d = compute_deadline(named_calendar(row[0]), instant(row[1]), limit);
    const std::string got = d.ok() ? core::format_instant_vn(d->due) : "error:" + d.error().field;
    EXPECT_EQ(got, row[5]) << row.where("deadlines.tsv") << " " << row[6];
    if (d.ok()) {
      EXPECT_EQ(d->due_date, core::vietnam_date_of(d->due));
    } else {
      EXPECT_EQ(d.error().code, core::ErrorCode::kInvalidArgument);
    }
    ++cases;
  }
  EXPECT_GE(cases, 40);
}

TEST(DeadlineTest, CountingStartsAtTheOpeningOfDayOne) {
  const auto d = compute_deadline(named_calendar("official"), instant("2025-04-25T10:00:00+07:00"),
                                  {3, LimitUnit::kWorkingDays, std::nullopt});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(core::format_instant_vn(d->counting_from), "2025-04-26T07:30:00+07:00");
  EXPECT_EQ(*elapsed_working_seconds(named_calendar("official"), d->counting_from, d->due), 3 * 27000);
}

// Random receipts in 2024-2027 (seeded: failures reproduce).
class Receipts {
 public:
  UnixSeconds next() {
    return instant("2024-01-01T00:00:00+07:00") + static_cast<UnixSeconds>(seconds_(rng_)) * 60;
  }
  std::int32_t amount(int max) { return std::uniform_int_distribution<std::int32_t>(1, max)(rng_); }

 private:
  std::mt19937 rng_{20250425};
  std::uniform_int_distribution<std::int64_t> seconds_{0, 4LL * 365 * 24 * 60};
};

TEST(DeadlineTest, AddingAThenBWorkingDaysEqualsAddingAPlusB) {
  const WorkingCalendar& cal = named_calendar("official");
  Receipts r;
  for (int i = 0; i < 2000; ++i) {
    const UnixSeconds t = r.next();
    const std::int32_t a = r.amount(60), b = r.amount(60);
    const auto first = compute_deadline(cal, t, {a, LimitUnit::kWorkingDays, std::nullopt});
    const auto both = compute_deadline(cal, first->due, {b, LimitUnit::kWorkingDays, std::nullopt});
    const auto sum = compute_deadline(cal, t, {a + b, LimitUnit::kWorkingDays, std::nullopt});
    ASSERT_EQ(both->due, sum->due) << core::format_instant_vn(t) << " a=" << a << " b=" << b;
  }
}

TEST(DeadlineTest, AddingAThenBWorkingHoursEqualsAddingAPlusB) {
  const WorkingCalendar& cal = named_calendar("saturday_desk");
  Receipts r;
  for (int i = 0; i < 2000; ++i) {
    const UnixSeconds t = r.next();
    const std::int32_t a = r.amount(100), b = r.amount(100);
    const auto first = compute_deadline(cal, t, {a, LimitUnit::kWorkingHours, std::nullopt});
    const auto both = compute_deadline(cal, first->due, {b, LimitUnit::kWorkingHours, std::nullopt});
    const auto sum = compute_deadline(cal, t, {a + b, LimitUnit::kWorkingHours, std::nullopt});
    ASSERT_EQ(both->due, sum->due) << core::format_instant_vn(t) << " a=" << a << " b=" << b;
  }
}

TEST(DeadlineTest, APausedIntervalAddsExactlyItsWorkingTime) {
  const WorkingCalendar& cal = named_calendar("official");
  Receipts r;
  for (int i = 0; i < 2000; ++i) {
    const auto d = compute_deadline(cal, r.next(), {r.amount(60), LimitUnit::kWorkingDays, std::nullopt});
    const UnixSeconds from = d->counting_from + (d->due - d->counting_from) * r.amount(99) / 100;
    const PausedInterval pause{from, from + std::int64_t{r.amount(20 * 24)} * 3600};
    const std::int64_t paused = *elapsed_working_seconds(cal, pause.from, pause.to);
    const UnixSeconds extended = *extend_for_pauses(cal, d->due, {&pause, 1});
    ASSERT_EQ(*elapsed_working_seconds(cal, d->due, extended), paused);
    ASSERT_EQ(*elapsed_working_seconds(cal, d->counting_from, extended, {&pause, 1}),
              *elapsed_working_seconds(cal, d->counting_from, d->due));
  }
}

TEST(DeadlineTest, OverlappingPausesCountOnce) {
  const WorkingCalendar& cal = named_calendar("official");
  const UnixSeconds mon = instant("2025-03-03T07:30:00+07:00"), fri = instant("2025-03-07T17:00:00+07:00");
  const PausedInterval pauses[] = {
      {instant("2025-03-04T07:30:00+07:00"), instant("2025-03-05T17:00:00+07:00")},
      {instant("2025-03-05T07:30:00+07:00"), instant("2025-03-05T12:00:00+07:00")},
      {instant("2025-03-10T07:30:00+07:00"), instant("2025-03-11T17:00:00+07:00")}};
  EXPECT_EQ(*elapsed_working_seconds(cal, mon, fri), 5 * 27000);
  EXPECT_EQ(*elapsed_working_seconds(cal, mon, fri, pauses),
            3 * 27000);  // Tue and Wed paused, next week outside
  EXPECT_EQ(core::format_instant_vn(*extend_for_pauses(cal, fri, pauses)), "2025-03-13T17:00:00+07:00");
}

TEST(DeadlineTest, SplittingAcrossSteps) {
  const WorkingCalendar& cal = named_calendar("official");
  EXPECT_EQ(*apportion(10, std::vector<std::int32_t>{1, 7, 2}), (std::vector<std::int32_t>{1, 7, 2}));
  EXPECT_EQ(*apportion(10, std::vector<std::int32_t>{1, 1, 1}), (std::vector<std::int32_t>{4, 3, 3}));
  EXPECT_EQ(*apportion(0, std::vector<std::int32_t>{1, 2}), (std::vector<std::int32_t>{0, 0}));
  // Rule 19's dossier (10 working days from 24/01/2025): 1 day to receive, 7 to process, 2 to return.
  const auto d = compute_deadline(cal, instant("2025-01-24T10:00:00+07:00"),
                                  {10, LimitUnit::kWorkingDays, std::nullopt});
  const auto steps = split_deadline(cal, *d, std::vector<std::int32_t>{1, 7, 2});
  ASSERT_TRUE(steps.ok());
  ASSERT_EQ(steps->size(), 3u);
  EXPECT_EQ(core::format_instant_vn((*steps)[0]), "2025-02-03T17:00:00+07:00");
  EXPECT_EQ(core::format_instant_vn((*steps)[1]), "2025-02-12T17:00:00+07:00");
  EXPECT_EQ((*steps)[2], d->due);
}

TEST(DeadlineTest, ClassifiesLikeTheNationalPortal) {
  // Spec §12 rule 8: due 2025-05-06; finished that day is on time, the next day late.
  EXPECT_EQ(classify_by_date(date("2025-05-06"), date("2025-05-06")), Timeliness::kOnTime);
  EXPECT_EQ(classify_by_date(date("2025-05-07"), date("2025-05-06")), Timeliness::kLate);
  EXPECT_EQ(classify_by_date(date("2025-05-05"), date("2025-05-06")), Timeliness::kEarly);
  EXPECT_EQ(classify(instant("2025-05-06T16:59:00+07:00"), instant("2025-05-06T17:00:00+07:00")),
            Timeliness::kOnTime);
  EXPECT_EQ(classify(instant("2025-05-06T18:00:00+07:00"), instant("2025-05-06T17:00:00+07:00")),
            Timeliness::kOnTime);
  EXPECT_EQ(classify(instant("2025-05-06T17:30:00Z"), instant("2025-05-06T17:00:00+07:00")),
            Timeliness::kLate);
  EXPECT_EQ(classify_by_working_time(3600, 7200), Timeliness::kEarly);
  EXPECT_EQ(classify_by_working_time(7200, 7200), Timeliness::kOnTime);
  EXPECT_EQ(classify_by_working_time(7201, 7200), Timeliness::kLate);
  EXPECT_STREQ(timeliness_label_vi(Timeliness::kLate), "Quá hạn");
  EXPECT_STREQ(timeliness_name(Timeliness::kOnTime), "on_time");
}

TEST(DeadlineTest, BadInputNamesTheField) {
  const WorkingCalendar& cal = named_calendar("official");
  const UnixSeconds t = instant("2025-03-03T10:00:00+07:00");
  EXPECT_EQ(elapsed_working_seconds(cal, t, t - 1).error().field, "end");
  EXPECT_EQ(elapsed_working_seconds(cal, instant("2019-01-01T00:00:00Z"), t).error().field, "start");
  const PausedInterval backwards{t, t - 60};
  EXPECT_EQ(elapsed_working_seconds(cal, t, t + 60, {&backwards, 1}).error().field, "paused");
  EXPECT_EQ(apportion(-1, std::vector<std::int32_t>{1}).error().field, "total");
  EXPECT_EQ(apportion(5, std::vector<std::int32_t>{}).error().field, "weights");
  EXPECT_EQ(apportion(5, std::vector<std::int32_t>{0, 0}).error().field, "weights");
  EXPECT_EQ(apportion(5, std::vector<std::int32_t>{2, -1}).error().field, "weights");
  const Deadline d{t, t + 3600, date("2025-03-03")};
  EXPECT_EQ(split_deadline(cal, d, std::vector<std::int32_t>{}).error().field, "weights");
}

}  // namespace
}  // namespace motcua::domain::calendar
