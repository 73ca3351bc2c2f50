// The legal calendar module (issue 3), in one include: Vietnamese lunar dates (lunar.hpp), holiday rules and
// official decisions as data (holidays.hpp), an agency's precomputed working calendar (working_calendar.hpp)
// and deadline arithmetic (deadline.hpp). Pure C++: no I/O, no clock. Links only motcua::core.
//
//   auto cal = WorkingCalendar::build(AgencyCalendarConfig::standard(), default_holiday_rules(), 2025, 2026);
//   auto d = compute_deadline(*cal, *core::parse_instant("2025-04-25T10:00:00+07:00"),
//                             {3, LimitUnit::kWorkingDays, std::nullopt});
//   // d->due_date == 2025-04-29 (Saturday 26/04 is a make-up working day)
#pragma once

#include "domain/calendar/deadline.hpp"
#include "domain/calendar/holidays.hpp"
#include "domain/calendar/lunar.hpp"
#include "domain/calendar/working_calendar.hpp"
