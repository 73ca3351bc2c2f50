// WorkingCalendar: one agency's working days and office hours over a range of years, precomputed from its
// working week and a HolidayRules value (holidays.hpp) so that deadline arithmetic (deadline.hpp) is O(1) for
// working days and O(log n) for working hours.
//
// A day is a working day when the agency's week gives it office hours and no holiday, compensatory or
// swapped-off day covers it, or when an official row makes it a make-up working day (ngày làm bù), which then
// has `makeup_day` hours. A weekday without office hours is a weekly rest day. A desk that also receives on
// Saturday morning is an agency whose week has Saturday 07:30-11:30: Saturday then counts as a working day
// for its deadlines. Holidays on a working Saturday give no compensatory day (Art. 111(3) compensates a
// holiday on the weekly rest day only).
//
// Immutable after build(); copyable; every const function is thread-safe. Memory: about 25 bytes per day
// (a 200-year calendar is about 2 MB).
//
//   auto cal = WorkingCalendar::build(AgencyCalendarConfig::standard(), default_holiday_rules(), 2024, 2026);
//   if (!cal) return cal.error();
//   for (const CalendarDay& d : cal->days_off(2026)) print(d.date, day_kind_name(d.kind), d.name_vi);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/calendar/days.hpp"
#include "domain/calendar/holidays.hpp"

namespace motcua::domain::calendar {

enum class DayKind : std::uint8_t {
  kWorking,        // a normal working day
  kMakeupWorking,  // a rest day made a working day by an official swap (ngày làm bù)
  kWeeklyRest,     // the agency's weekly rest day (usually Saturday and Sunday)
  kHoliday,        // statutory holiday
  kCompensatory,   // nghỉ bù
  kSwapOff,        // working day given off in a swap (nghỉ hoán đổi)
  kExtraOff,       // any other day off by official decision
};

// "working" | "makeup_working" | "weekend" | "holiday" | "compensatory" | "swap_off" | "extra_off"
const char* day_kind_name(DayKind k);
// "Ngày làm việc" | "Ngày làm bù" | "Nghỉ hằng tuần" | "Nghỉ lễ, Tết" | "Nghỉ bù" | "Nghỉ hoán đổi" | "Nghỉ
// theo quyết định"
const char* day_kind_label_vi(DayKind k);
inline bool is_working(DayKind k) {
  return k == DayKind::kWorking || k == DayKind::kMakeupWorking;
}

// Office hours [open, close) in minutes after midnight, Vietnam time.
struct OfficeHours {
  int open_minute = 0;
  int close_minute = 0;
};
using DaySchedule = std::vector<OfficeHours>;  // sorted, non-overlapping; empty = weekly rest day

struct AgencyCalendarConfig {
  std::string agency;               // agency code; informational
  std::array<DaySchedule, 7> week;  // [0] = Monday ... [6] = Sunday
  DaySchedule makeup_day;           // office hours of a make-up working day

  // Monday to Friday 07:30-11:30 and 13:30-17:00; make-up days the same.
  static AgencyCalendarConfig standard(std::string agency = {});
};

// InvalidArgument naming the field ("week[5][0].close_minute", "makeup_day", "week") when an interval is
// empty, unsorted, overlapping or outside the day, or when no weekday has office hours.
core::Status validate(const AgencyCalendarConfig& config);

// One day of the calendar, as listed for people.
struct CalendarDay {
  Date date;
  DayKind kind = DayKind::kWorking;
  std::string name_vi;  // "Chủ nhật", "Tết Nguyên đán (mùng 1 tháng Giêng)", "Nghỉ bù Giỗ Tổ Hùng Vương ..."
  std::string source;  // legal basis or decision; empty for ordinary days
};

class WorkingCalendar {
 public:
  // Builds the calendar for the solar years [first_year, last_year], within 1900..2100. InvalidArgument
  // naming the field ("first_year", "last_year", or the config/rules field at fault).
  static core::Result<WorkingCalendar> build(const AgencyCalendarConfig& config, const HolidayRules& rules,
                                             int first_year, int last_year);

  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  DayNumber first_day() const { return first_day_; }
  DayNumber last_day() const { return first_day_ + static_cast<DayNumber>(kinds_.size()) - 1; }
  bool contains(DayNumber d) const { return d >= first_day() && d <= last_day(); }
  bool contains(Date d) const { return d.ok() && contains(day_number(d)); }

  // Kind of a day; precondition contains(d).
  DayKind kind(DayNumber d) const { return kinds_[index(d)]; }
  bool is_working_day(Date d) const { return contains(d) && is_working(kind(day_number(d))); }

  // Kind, name and source of one day; precondition contains(d).
  CalendarDay day(Date d) const;

  // Every non-working day of a year (weekly rest days included), in date order; empty outside the range.
  std::vector<CalendarDay> days_off(int year) const;
  // The make-up working days of a year.
  std::vector<CalendarDay> makeup_days(int year) const;

  // --- Arithmetic primitives (deadline.hpp builds on them) ---

  // The n-th working day strictly after day d (n >= 1; d may be any day in range), nullopt past the range.
  std::optional<DayNumber> nth_working_day_after(DayNumber d, int n) const;
  // d itself when it is a working day, else the next one; nullopt past the range.
  std::optional<DayNumber> first_working_day_from(DayNumber d) const;
  // Opening and closing second (after midnight) of a working day d.
  std::int32_t open_second(DayNumber d) const { return schedules_[schedule_[index(d)]].front().first; }
  std::int32_t close_second(DayNumber d) const { return schedules_[schedule_[index(d)]].back().second; }
  // Working seconds from the start of the range to instant t (clamped to the range).
  std::int64_t working_seconds_until(UnixSeconds t) const;
  // The earliest instant at which working_seconds_until() reaches `total` (> 0); nullopt past the range.
  std::optional<UnixSeconds> instant_after_working_seconds(std::int64_t total) const;
  // Start and end instants of the range.
  UnixSeconds range_begin() const { return vietnam_instant(first_day(), 0); }
  UnixSeconds range_end() const { return vietnam_instant(last_day() + 1, 0); }

 private:
  using Interval = std::pair<std::int32_t, std::int32_t>;  // [open, close) in seconds after midnight
  struct Label {
    std::string name_vi;
    std::string source;
  };
  class Builder;

  WorkingCalendar() = default;
  std::size_t index(DayNumber d) const { return static_cast<std::size_t>(d - first_day_); }
  std::int64_t worked_in_day(std::size_t i, std::int32_t second) const;
  CalendarDay describe(std::size_t i) const;

  int first_year_ = 0;
  int last_year_ = 0;
  DayNumber first_day_ = 0;
  std::vector<DayKind> kinds_;                // per day
  std::vector<std::uint8_t> schedule_;        // per day: index into schedules_ (0 = no hours)
  std::vector<std::uint32_t> label_;          // per day: index into labels_
  std::vector<std::int32_t> working_before_;  // per day + 1: working days strictly before day i
  std::vector<std::int32_t> working_days_;    // index of the k-th working day of the range
  std::vector<std::int64_t> seconds_before_;  // per day + 1: working seconds strictly before day i
  std::vector<std::vector<Interval>> schedules_;
  std::vector<Label> labels_;
};

}  // namespace motcua::domain::calendar
