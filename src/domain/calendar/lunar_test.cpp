// Lunar calendar: spec examples (testdata/lunar_cases.tsv), every Tết, Giỗ Tổ and leap month 1900-2100 and
// every month start against an independent ephemeris (lunar_years.tsv, lunar_months.tsv), round trips of
// every day, and bad input.
#include "domain/calendar/lunar.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "domain/calendar/test_support.hpp"

namespace motcua::domain::calendar {
namespace {

using testing::date;
using testing::read_tsv;

const LunarCalendar& zone(const std::string& name) {
  if (name == "utc7") return LunarCalendar::get(LunarZone::kUtc7);
  if (name == "utc8") return LunarCalendar::get(LunarZone::kUtc8);
  return LunarCalendar::get(LunarZone::kVietnam);
}

// "2025/6L/1" -> {2025, 6, 1, true}
LunarDate parse_lunar(const std::string& s) {
  LunarDate d;
  char* p = nullptr;
  d.year = static_cast<int>(std::strtol(s.c_str(), &p, 10));
  d.month = static_cast<int>(std::strtol(p + 1, &p, 10));
  d.leap = *p == 'L';
  if (d.leap) ++p;
  d.day = static_cast<int>(std::strtol(p + 1, &p, 10));
  return d;
}

std::string format_lunar(const LunarDate& d) {
  return std::to_string(d.year) + "/" + std::to_string(d.month) + (d.leap ? "L" : "") + "/" +
         std::to_string(d.day);
}

template <typename T>
std::string outcome(const core::Result<T>& r, std::string (*format)(const T&)) {
  return r.ok() ? format(*r) : "error:" + r.error().field;
}

std::string format_solar(const Date& d) {
  return core::format_date(d);
}

TEST(LunarTest, SpecExamplesAndBadInput) {
  for (const auto& row : read_tsv("lunar_cases.tsv")) {
    const LunarCalendar& cal = zone(row[2]);
    const std::string got = row[0] == "to_lunar" ? outcome(cal.to_lunar(date(row[1])), format_lunar)
                                                 : outcome(cal.to_solar(parse_lunar(row[1])), format_solar);
    EXPECT_EQ(got, row[3]) << row.where("lunar_cases.tsv") << " " << row[4];
  }
}

TEST(LunarTest, EveryTetGioToAndLeapMonthMatchesTheIndependentTable) {
  const auto rows = read_tsv("lunar_years.tsv");
  ASSERT_EQ(rows.size(), 201u);
  for (const auto& row : rows) {
    const int y = std::stoi(row[0]);
    const std::string at = row.where("lunar_years.tsv");
    EXPECT_EQ(year_name_vi(y), row[1]) << at;
    const LunarCalendar& vn = LunarCalendar::get();
    EXPECT_EQ(outcome(vn.to_solar({y, 1, 1, false}), format_solar), row[2]) << at << " Tết";
    EXPECT_EQ(outcome(vn.to_solar({y, 3, 10, false}), format_solar), row[3]) << at << " Giỗ Tổ";
    EXPECT_EQ(vn.leap_month(y), std::stoi(row[4])) << at;
    EXPECT_EQ(outcome(zone("utc7").to_solar({y, 1, 1, false}), format_solar), row[5]) << at << " Tết UTC+7";
    EXPECT_EQ(zone("utc7").leap_month(y), std::stoi(row[6])) << at;
    EXPECT_EQ(outcome(zone("utc8").to_solar({y, 1, 1, false}), format_solar), row[7]) << at << " Tết UTC+8";
    EXPECT_EQ(zone("utc8").leap_month(y), std::stoi(row[8])) << at;
  }
}

TEST(LunarTest, VietnamAndChinaDifferInExactlyTheseYearsSince1968) {
  std::string years;
  for (int y = 1968; y <= 2100; ++y) {
    if (*zone("utc7").to_solar({y, 1, 1, false}) != *zone("utc8").to_solar({y, 1, 1, false})) {
      years += std::to_string(y) + " ";
    }
  }
  EXPECT_EQ(years, "1968 1969 1985 2007 2030 2053 ");
}

// Seconds between a new moon's local time and the nearest midnight.
int seconds_from_midnight(const std::string& hhmmss) {
  const int s = std::stoi(hhmmss.substr(0, 2)) * 3600 + std::stoi(hhmmss.substr(3, 2)) * 60 +
                std::stoi(hhmmss.substr(6, 2));
  return std::min(s, 86400 - s);
}

TEST(LunarTest, EveryMonthStartMatchesTheEphemerisOutsideCloseCalls) {
  int checked = 0, close_calls = 0;
  for (const auto& row : read_tsv("lunar_months.tsv")) {
    const LunarDate expected{std::stoi(row[1]), std::stoi(row[2]), 1, row[3] == "1"};
    const auto got = zone(row[0] == "7" ? "utc7" : "utc8").to_lunar(date(row[4]));
    ASSERT_TRUE(got.ok()) << row.where("lunar_months.tsv");
    ++checked;
    if (*got == expected) continue;
    ++close_calls;
    EXPECT_LE(seconds_from_midnight(row[5]), 180)
        << row.where("lunar_months.tsv") << " got " << format_lunar(*got);
    std::printf("close call (new moon %s local, UTC+%s): %s starts a day apart\n", row[5].c_str(),
                row[0].c_str(), row[4].c_str());
  }
  EXPECT_EQ(checked, 4970);  // 2485 months in each zone
  EXPECT_LE(close_calls, 6);
}

TEST(LunarTest, EveryDayRoundTripsAndMonthsAreWellFormed) {
  for (const LunarZone z : {LunarZone::kVietnam, LunarZone::kUtc7, LunarZone::kUtc8}) {
    const LunarCalendar& cal = LunarCalendar::get(z);
    const DayNumber first = day_number(date("1900-01-01")), last = day_number(date("2100-12-31"));
    LunarDate previous = *cal.to_lunar(date_of(first));
    for (DayNumber d = first; d <= last; ++d) {
      const auto l = cal.to_lunar(date_of(d));
      ASSERT_TRUE(l.ok());
      ASSERT_EQ(*cal.to_solar(*l), date_of(d)) << core::format_date(date_of(d));
      if (d == first) continue;
      const bool next_day =
          l->day == previous.day + 1 && l->month == previous.month && l->leap == previous.leap;
      ASSERT_TRUE(next_day || (l->day == 1 && (previous.day == 29 || previous.day == 30)))
          << core::format_date(date_of(d)) << " after " << format_lunar(previous);
      previous = *l;
    }
  }
}

TEST(LunarTest, YearsHaveTwelveMonthsOrThirteenWithALeapMonth) {
  for (const LunarZone z : {LunarZone::kVietnam, LunarZone::kUtc7, LunarZone::kUtc8}) {
    const LunarCalendar& cal = LunarCalendar::get(z);
    for (int y = 1900; y <= 2099; ++y) {
      int days = 0;
      for (int m = 1; m <= 12; ++m) days += cal.month_length(y, m, false);
      if (cal.leap_month(y) != 0) days += cal.month_length(y, cal.leap_month(y), true);
      const int expected_months = cal.leap_month(y) != 0 ? 13 : 12;
      EXPECT_GE(days, expected_months * 29) << y;
      EXPECT_LE(days, expected_months * 30) << y;
      EXPECT_EQ(day_number(*cal.to_solar({y + 1, 1, 1, false})) - day_number(*cal.to_solar({y, 1, 1, false})),
                days)
          << y;
    }
  }
}

TEST(LunarTest, VietnameseNames) {
  EXPECT_EQ(year_name_vi(2025), "Ất Tỵ");
  EXPECT_EQ(year_name_vi(2026), "Bính Ngọ");
  EXPECT_EQ(year_name_vi(1968), "Mậu Thân");
  EXPECT_EQ(month_name_vi(1), "Giêng");
  EXPECT_EQ(month_name_vi(12), "Chạp");
  EXPECT_EQ(month_name_vi(13), "");
  EXPECT_EQ(lunar_label_vi({2025, 1, 1, false}), "mùng 1 tháng Giêng");
  EXPECT_EQ(lunar_label_vi({2025, 3, 10, false}), "mùng 10 tháng Ba");
  EXPECT_EQ(lunar_label_vi({2025, 6, 15, true}), "15 tháng Sáu nhuận");
}

TEST(LunarTest, ErrorsNameTheFieldAndAreInvalidArgument) {
  const auto e = LunarCalendar::get().to_solar({2025, 2, 30, false});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(e.error().field, "lunar_day");
  EXPECT_FALSE(e.error().message_vi.empty());
  EXPECT_EQ(LunarCalendar::get().month_length(2025, 5, true), 0);
  EXPECT_EQ(LunarCalendar::get().leap_month(1800), 0);
}

}  // namespace
}  // namespace motcua::domain::calendar
