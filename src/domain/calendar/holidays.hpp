// Public holidays as data: the statutory rules (solar or lunar dates, with legal source and effective dates),
// the compensatory-day rule, and the rows of official per-year decisions (days off, compensatory days,
// swapped working days). A WorkingCalendar (working_calendar.hpp) is built from a HolidayRules value; nothing
// here reads files or the clock. Plain value types; functions are pure and thread-safe.
//
// How a year is resolved (implemented in working_calendar.cpp):
//   1. every statutory rule in force on a day gives that day off, unless an official row of the same solar
//      year names the rule's occasion: then the official rows alone place that occasion (and its
//      compensatory days) for that year. This is how a year's decision fixes the five Tết days or the day
//      next to Quốc khánh;
//   2. official rows apply as written (swap_work turns a rest day into a make-up working day);
//   3. a rule-derived holiday that falls on the agency's weekly rest day gives a compensatory day on the next
//      working day (Labour Code 2019 Art. 111(3)), when the compensatory rule is enabled.
// Default Tết placement when no decision exists: the last day of the lunar year plus mùng 1 to mùng 4
// (first_offset = -1, length = 5); the placement decided for every year 2023-2026.
// Default Quốc khánh adjacent day: 3/9 when 2/9 is a Monday or Thursday, else 1/9 (what the decisions
// 2021-2026 chose: it joins the break to a weekend).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/calendar/days.hpp"

namespace motcua::domain::calendar {

enum class DateBasis { kSolar, kLunar };

// Placement of the extra day of a holiday "with one adjacent day" (Quốc khánh: 2/9 and 1/9 or 3/9).
enum class AdjacentDay { kNone, kBridgeToWeekend };

struct HolidayRule {
  std::string occasion;  // stable id that decisions refer to, e.g. "tet_nguyen_dan"
  std::string name_vi;   // "Tết Nguyên đán"
  DateBasis basis = DateBasis::kSolar;
  int month = 1;         // month of the anchor day, solar or lunar (non-leap) month
  int day = 1;           // day of the anchor day
  int first_offset = 0;  // first day off relative to the anchor day (Tết: -1, the last day of the lunar year)
  int length = 1;        // consecutive days off (Tết: 5)
  AdjacentDay adjacent = AdjacentDay::kNone;
  std::string source;                // legal basis, with its reliability tag from the domain spec
  Date effective_from;               // first day the rule applies
  std::optional<Date> effective_to;  // last day it applies, when repealed or replaced
};

struct CompensatoryRule {
  bool enabled = true;
  std::string source = "Bộ luật Lao động 2019 (45/2019/QH14), Điều 111 khoản 3 (nghỉ bù)";
};

enum class OfficialDayKind {
  kHoliday,       // a statutory holiday placed by the decision
  kCompensatory,  // nghỉ bù for a holiday on a weekly rest day
  kSwapOff,       // a working day given off in exchange for a make-up day (hoán đổi)
  kSwapWork,      // a make-up working day (ngày làm bù), usually a Saturday
  kExtraOff,      // any other day off decided for the year
};

const char* official_day_kind_name(OfficialDayKind k);  // "holiday" | "compensatory" | "swap_off" | ...
std::optional<OfficialDayKind> parse_official_day_kind(std::string_view s);

struct OfficialDay {
  Date date;
  OfficialDayKind kind = OfficialDayKind::kHoliday;
  std::string occasion;  // the rule's occasion this row places ("tet_nguyen_dan"), empty for other rows
  std::string name_vi;
  std::string source;  // the decision or notice, with its reliability tag
};

// Everything a calendar is built from, besides the agency's working week.
struct HolidayRules {
  std::vector<HolidayRule> statutory;
  CompensatoryRule compensatory;
  std::vector<OfficialDay> official;
};

// Labour Code 2019 (45/2019/QH14) Art. 112(1), in force from 2021-01-01: 11 days.
std::vector<HolidayRule> labour_code_2019_rules();

// Labour Code 2012 (10/2012/QH13) Art. 115(1), 2013-05-01 to 2020-12-31: 10 days (Quốc khánh one day) [U].
std::vector<HolidayRule> labour_code_2012_rules();

// The official schedules known for 2024-2026 (shared/data/vn-official-days-off.csv and spec §3.2).
std::vector<OfficialDay> official_days_2024_2026();

// The built-in default: both Labour Codes, the compensatory rule, and the 2024-2026 schedules.
HolidayRules default_holiday_rules();

// Checks a rule set: names and occasions present, months/days/lengths in range, effective_to not before
// effective_from, official rows on real dates with at most one row per date. InvalidArgument names the field
// ("statutory[2].month", "official[5].date", ...).
core::Status validate(const HolidayRules& rules);

}  // namespace motcua::domain::calendar
