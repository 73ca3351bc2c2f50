// JSON form of the legal calendar's stored and exchanged values: an agency's office hours and clock times.
// Used by the API (request bodies, responses) and by the storage adapters (the agency_calendars.hours
// column), so both read and write one format. Pure functions, thread-safe.
//
// Office hours, one key per weekday (a missing or empty day is a weekly rest day) and the hours of a make-up
// working day (ngày làm bù; the standard 07:30-11:30, 13:30-17:00 when absent):
//
//   {"week": {"mon": ["07:30-11:30", "13:30-17:00"], ..., "sat": ["07:30-11:30"]},
//    "makeup_day": ["07:30-11:30", "13:30-17:00"]}
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/calendar/working_calendar.hpp"

namespace motcua::app {

// "mon", "tue", "wed", "thu", "fri", "sat", "sun" for index 0..6.
const char* weekday_key(std::size_t index);

// "Thứ Hai" ... "Chủ nhật" for ISO weekday 1..7 ("" otherwise).
const char* weekday_label_vi(int iso_weekday);

// "HH:MM" (00:00..24:00) -> minutes after midnight; nullopt when malformed.
std::optional<int> parse_clock_minute(std::string_view text);
// Minutes after midnight -> "HH:MM".
std::string format_clock_minute(int minute);

nlohmann::json office_hours_to_json(const domain::calendar::AgencyCalendarConfig& config);

// Strict reading of the form above; unknown keys, malformed intervals and hours that
// domain::calendar::validate rejects are InvalidArgument naming the field under `path` ("week.sat[0]",
// "makeup_day[1]", "week").
core::Result<domain::calendar::AgencyCalendarConfig> office_hours_from_json(const nlohmann::json& doc,
                                                                            const std::string& path = {});

}  // namespace motcua::app
