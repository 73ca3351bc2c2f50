// The Vietnamese lunisolar calendar (âm lịch), 1900-2100: conversion between solar (Gregorian) dates and
// lunar dates with leap months, computed from astronomy (astronomy.hpp), not from a typed table.
//
// Rules (the modern Chinese/Vietnamese rules, as in Hồ Ngọc Đức's description of the Vietnamese calendar):
//   1. a month starts on the local civil day that contains the true new moon;
//   2. the month containing the winter solstice is month 11;
//   3. when 13 months lie between two months 11, the first of them after month 11 that contains no major
//      solar term (trung khí: a multiple of 30° of solar longitude) is the leap month and repeats the number
//      of the month before it.
// "Local" is the meridian of the zone. Vietnam computes for 105°E (UTC+7) since lunar year 1968 (Mậu Thân);
// before that the calendar in use was the Chinese one, computed for 120°E (UTC+8). kVietnam follows that
// history: lunar years up to 1967 use UTC+8, from 1968 UTC+7 (so month 12 of Đinh Mùi 1967 ends with the
// UTC+7 Tết of 29/01/1968 and has 29 days). kUtc7 (105°E every year; Hồ Ngọc Đức's convention and most
// Vietnamese software) and kUtc8 (China) are there for comparison. The Chinese calendar before 1929 used
// Beijing local time (116°E): kUtc8 can differ from Chinese almanacs of those years (e.g. 1916).
//
// Tables are built on first use of each zone (a few milliseconds), immutable afterwards; every function is
// thread-safe. Conversions are O(1).
//
//   const auto& cal = LunarCalendar::get();
//   Result<LunarDate> l = cal.to_lunar(Date{2025y / 1 / 29});   // {2025, 1, 1, false}
//   Result<Date> tet = cal.to_solar({2030, 1, 1, false});          // 2030-02-02
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/calendar/days.hpp"

namespace motcua::domain::calendar {

struct LunarDate {
  int year = 0;       // lunar year: the Gregorian year in which its month 1 starts (2025 = Ất Tỵ)
  int month = 1;      // 1..12; 1 = tháng Giêng, 12 = tháng Chạp
  int day = 1;        // 1..29 or 1..30
  bool leap = false;  // the leap month (tháng nhuận) that repeats `month`
  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

enum class LunarZone {
  kVietnam,  // UTC+8 up to lunar year 1967, UTC+7 from 1968: the calendar Vietnam actually used (default)
  kUtc7,     // 105°E for every year
  kUtc8,     // 120°E for every year (the modern Chinese calendar)
};

class LunarCalendar {
 public:
  // Supported solar range, both ends included.
  static constexpr int kFirstSolarYear = 1900;
  static constexpr int kLastSolarYear = 2100;

  // The calendar for a zone, built on first use.
  static const LunarCalendar& get(LunarZone zone = LunarZone::kVietnam);

  // Solar -> lunar. InvalidArgument (field "date") outside 1900-01-01..2100-12-31.
  core::Result<LunarDate> to_lunar(Date solar) const;

  // Lunar -> solar. InvalidArgument naming the field: "lunar_year" (outside the range, or a date that falls
  // outside 1900..2100), "lunar_month" (not 1..12), "leap" (that year has no such leap month), "lunar_day"
  // (not 1..30, or 30 in a 29-day month).
  core::Result<Date> to_solar(const LunarDate& lunar) const;

  // The leap month of a lunar year (0 when none); lunar_year in [1899, 2100], 0 otherwise.
  int leap_month(int lunar_year) const;

  // Number of days (29 or 30) of a month; 0 when the month does not exist or is out of range.
  int month_length(int lunar_year, int month, bool leap) const;

  LunarCalendar(const LunarCalendar&) = delete;
  LunarCalendar& operator=(const LunarCalendar&) = delete;

 private:
  // One lunar year: the first day of each month (index 0 = month 1) and, after them, the next year's Tết.
  struct Year {
    std::array<DayNumber, 14> starts{};
    std::uint8_t month_count = 12;
    std::uint8_t leap = 0;  // the month number repeated by the leap month, 0 when none
  };
  explicit LunarCalendar(LunarZone zone);
  const Year* year(int lunar_year) const;
  static int month_index(const Year& y, int month, bool leap);

  int first_lunar_year_ = 0;
  std::vector<Year> years_;
};

// Vietnamese names. year_name_vi(2025) == "Ất Tỵ"; month_name_vi(1) == "Giêng", (12) == "Chạp", (4) == "Tư".
std::string year_name_vi(int lunar_year);
std::string month_name_vi(int month);

// Short label of a lunar date as printed on Vietnamese calendars: "mùng 1 tháng Giêng", "10 tháng Ba",
// "30 tháng Chạp", "15 tháng Sáu nhuận".
std::string lunar_label_vi(const LunarDate& d);

}  // namespace motcua::domain::calendar
