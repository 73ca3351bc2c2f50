// Deadline arithmetic on a WorkingCalendar: the due time of a dossier or step, its split across workflow
// steps, the working time elapsed between two instants less paused intervals, and the early / on-time / late
// mark. Pure functions of their arguments (no clock); thread-safe.
//
// Counting rules (the choices, with their sources):
//   - Working days (spec §3.4.1; Civil Code 2015 Art. 147(1): the day of the event is not counted): day 1 is
//     the first working day strictly after the (effective) receipt day, whatever the hour of receipt and even
//     when the receipt day is a rest day. The time limit ends at the CLOSE OF OFFICE HOURS of the last day
//     (17:00 by default): `due` is that instant, `due_date` the appointment date (ngày hẹn trả).
//   - "Trong ngày" (0 working days): due at the close of the receipt day when it is a working day and the
//     receipt is before its close; otherwise at the close of the next working day.
//   - Cut-off (per procedure, spec §3.4.2, e.g. 15:00 for certified copies): a receipt at or after the
//     cut-off minute of a working day is deemed received at the opening of the next working day. On a rest
//     day the cut-off changes nothing (counting starts on the next working day anyway). Without a cut-off no
//     hour-of-day rule applies (spec §3.4.3: the receipt is when the officer accepts the dossier).
//   - Working hours: counted from the receipt instant (or the deemed receipt after a cut-off) through office
//     hours only; due when the last working second is used up (11:30 rather than 13:30 if it ends at noon).
//   - Calendar days and months (Civil Code Art. 147-148 [U]): the receipt day is not counted; a period ending
//     on a rest day or holiday ends on the next working day; a month period ends on the same day-of-month
//     (the month's last day when it has none). Due at the close of office hours of that day.
//   - Pauses (spec §3.4.4): time between a supplementation request and the supplement is not the agency's;
//     elapsed time subtracts the working time of the (merged) paused intervals, and extend_for_pauses() moves
//     a due time later by exactly that working time.
//   - Early / on time / late: by date, as the national portal reports (spec §3.5: on time iff end date <= due
//     date): before the due date is early (trước hạn), on it is on time (đúng hạn), after is late (quá hạn).
//     classify_by_working_time() is the per-step comparison of minutes used and allowed (spec §1.4).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/result.hpp"
#include "domain/calendar/working_calendar.hpp"

namespace motcua::domain::calendar {

enum class LimitUnit { kWorkingDays, kWorkingHours, kCalendarDays, kMonths };

// "working_days" | "working_hours" | "calendar_days" | "months": also the field named by errors.
const char* limit_unit_name(LimitUnit u);

// Largest accepted amounts; larger limits are rejected as absurd.
inline constexpr std::int32_t kMaxWorkingDays = 1000;
inline constexpr std::int32_t kMaxWorkingHours = 8000;
inline constexpr std::int32_t kMaxCalendarDays = 3660;
inline constexpr std::int32_t kMaxMonths = 120;

struct LimitSpec {
  std::int32_t amount = 0;  // 0 working days = "trong ngày"
  LimitUnit unit = LimitUnit::kWorkingDays;
  std::optional<std::int32_t> cutoff_minute;  // e.g. 900: received at or after 15:00 -> next working day
};

struct Deadline {
  UnixSeconds counting_from = 0;  // the counted time starts here (opening of day 1; the receipt for hours)
  UnixSeconds due = 0;            // the time limit ends here
  Date due_date;                  // Vietnam date of `due`: the appointment date
};

// The deadline of a limit for a dossier received at `received`. InvalidArgument naming the field: the unit's
// name (negative, above the maximum, or ending past the calendar's last year), "cutoff_minute" (not 0..1440),
// "start" (receipt outside the calendar's years).
core::Result<Deadline> compute_deadline(const WorkingCalendar& cal, UnixSeconds received,
                                        const LimitSpec& limit);

// A closed-open interval [from, to) during which the dossier waits for the applicant.
struct PausedInterval {
  UnixSeconds from = 0;
  UnixSeconds to = 0;
};

// Working seconds in [from, to) not covered by `paused` (intervals may overlap or lie partly outside).
// InvalidArgument: "start"/"end" outside the calendar, "end" before "start", "paused" with to < from.
core::Result<std::int64_t> elapsed_working_seconds(const WorkingCalendar& cal, UnixSeconds from,
                                                   UnixSeconds to,
                                                   std::span<const PausedInterval> paused = {});

// `due` moved later by the working time of the (merged) paused intervals.
core::Result<UnixSeconds> extend_for_pauses(const WorkingCalendar& cal, UnixSeconds due,
                                            std::span<const PausedInterval> paused);

// Splits `total` into integer shares proportional to `weights` (largest remainder; ties to the earlier step),
// e.g. 10 working days over {1, 7, 2}. InvalidArgument "weights" when empty, negative or all zero; the unit
// field "total" when negative.
core::Result<std::vector<std::int32_t>> apportion(std::int32_t total, std::span<const std::int32_t> weights);

// The due instant of each workflow step when the deadline's working time is shared by `weights`; the last
// step's due is the deadline's. Shares are whole seconds of working time.
core::Result<std::vector<UnixSeconds>> split_deadline(const WorkingCalendar& cal, const Deadline& deadline,
                                                      std::span<const std::int32_t> weights);

enum class Timeliness { kEarly, kOnTime, kLate };
const char* timeliness_name(Timeliness t);      // "early" | "on_time" | "late"
const char* timeliness_label_vi(Timeliness t);  // "Trước hạn" | "Đúng hạn" | "Quá hạn"

Timeliness classify_by_date(Date finished, Date due);
// Compares the Vietnam dates of the two instants (the national portal's rule).
Timeliness classify(UnixSeconds finished, UnixSeconds due);
// Per-step: less working time than allowed is early, equal on time, more late.
Timeliness classify_by_working_time(std::int64_t used_seconds, std::int64_t allowed_seconds);

}  // namespace motcua::domain::calendar
