// Dates and instants as motcua exchanges them. Civil dates are std::chrono::year_month_day; instants are
// UnixSeconds (core/clock.hpp). Vietnam keeps UTC+7 all year (no daylight saving), so local time is a fixed
// offset. Pure functions, thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace motcua::core {

using Date = std::chrono::year_month_day;

inline constexpr std::int64_t kVietnamUtcOffsetSeconds = 7 * 3600;

// Parses "YYYY-MM-DD" (exactly that shape, a real calendar day). Returns nullopt otherwise.
std::optional<Date> parse_date(std::string_view s);

// Formats as "YYYY-MM-DD".
std::string format_date(Date d);

// Formats as Vietnamese documents write a date: "26/04/2026" (dd/mm/yyyy).
std::string format_date_vn(Date d);

// Parses an RFC 3339 instant such as "2025-04-25T10:00:00+07:00" or "...Z". Returns nullopt when malformed.
std::optional<UnixSeconds> parse_instant(std::string_view s);

// Formats an instant in Vietnam's time, e.g. "2025-04-25T10:00:00+07:00".
std::string format_instant_vn(UnixSeconds t);

// The civil date in Vietnam (UTC+7) of an instant.
Date vietnam_date_of(UnixSeconds t);

}  // namespace motcua::core
