// Day numbers: the civil dates motcua::calendar computes with, as days since 1970-01-01
// (std::chrono::sys_days), plus the Vietnam-time conversions between instants and (day, second-of-day). Pure,
// thread-safe.
#pragma once

#include <chrono>
#include <cstdint>

#include "core/time.hpp"

namespace motcua::domain::calendar {

using core::Date;
using core::UnixSeconds;

// Days since 1970-01-01 (negative before).
using DayNumber = std::int32_t;

inline constexpr std::int64_t kSecondsPerDay = 86400;

inline DayNumber day_number(Date d) {
  return static_cast<DayNumber>(std::chrono::sys_days(d).time_since_epoch().count());
}
inline Date date_of(DayNumber n) {
  return Date(std::chrono::sys_days(std::chrono::days(n)));
}

// ISO weekday of a day number: 1 = Monday ... 7 = Sunday.
inline int iso_weekday(DayNumber n) {
  return static_cast<int>(std::chrono::weekday(date_of(n)).iso_encoding());
}

// The Vietnam (UTC+7) day that contains instant t.
inline DayNumber vietnam_day(UnixSeconds t) {
  const std::int64_t local = t + core::kVietnamUtcOffsetSeconds;
  return static_cast<DayNumber>(local >= 0 ? local / kSecondsPerDay
                                           : (local - kSecondsPerDay + 1) / kSecondsPerDay);
}

// Seconds since Vietnam midnight of the day that contains t, in [0, 86400).
inline std::int32_t vietnam_second_of_day(UnixSeconds t) {
  return static_cast<std::int32_t>(t + core::kVietnamUtcOffsetSeconds -
                                   std::int64_t{vietnam_day(t)} * kSecondsPerDay);
}

// The instant at `second_of_day` seconds after Vietnam midnight of day n.
inline UnixSeconds vietnam_instant(DayNumber n, std::int64_t second_of_day) {
  return std::int64_t{n} * kSecondsPerDay + second_of_day - core::kVietnamUtcOffsetSeconds;
}

}  // namespace motcua::domain::calendar
