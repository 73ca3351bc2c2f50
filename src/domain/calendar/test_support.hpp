// Test-only helpers shared by the calendar tests: reading the tab-separated case files of testdata/ and
// building the named calendars those files refer to. Not part of the library.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "domain/calendar/calendar.hpp"

namespace motcua::domain::calendar::testing {

// One data line: its cells and its line number in the file (for failure messages).
struct Row {
  std::vector<std::string> cells;
  int line = 0;
  const std::string& operator[](std::size_t i) const { return cells.at(i); }
  std::string where(const std::string& file) const { return file + ":" + std::to_string(line); }
};

// The rows of testdata/<name>: '#' lines are comments, the first other line is the column header.
inline std::vector<Row> read_tsv(const std::string& name) {
  std::ifstream in(std::string(CALENDAR_TESTDATA) + "/" + name);
  EXPECT_TRUE(in.good()) << "cannot open " << name;
  std::vector<Row> rows;
  std::string text;
  bool header = true;
  for (int line = 1; std::getline(in, text); ++line) {
    if (text.empty() || text[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    Row row{{}, line};
    std::stringstream cells(text);
    for (std::string cell; std::getline(cells, cell, '\t');) row.cells.push_back(cell);
    rows.push_back(std::move(row));
  }
  return rows;
}

inline Date date(const std::string& s) {
  const auto d = core::parse_date(s);
  EXPECT_TRUE(d.has_value()) << "bad date " << s;
  return d.value_or(Date{});
}

inline UnixSeconds instant(const std::string& s) {
  const auto t = core::parse_instant(s);
  EXPECT_TRUE(t.has_value()) << "bad instant " << s;
  return t.value_or(0);
}

// The calendar variants named in days_off.tsv and deadlines.tsv, built once for 2020-2030.
inline const WorkingCalendar& named_calendar(const std::string& name) {
  static const std::map<std::string, WorkingCalendar> calendars = [] {
    std::map<std::string, WorkingCalendar> m;
    const auto build = [&](const std::string& n, const AgencyCalendarConfig& config,
                           const HolidayRules& rules) {
      auto c = WorkingCalendar::build(config, rules, 2020, 2030);
      EXPECT_TRUE(c.ok()) << n << ": " << (c.ok() ? "" : c.error().message_en);
      if (c.ok()) m.emplace(n, std::move(c).value());
    };
    const AgencyCalendarConfig standard = AgencyCalendarConfig::standard("test");
    build("official", standard, default_holiday_rules());
    HolidayRules rules_only = default_holiday_rules();
    rules_only.official.clear();
    build("rules_only", standard, rules_only);
    HolidayRules no_swap = default_holiday_rules();
    std::erase_if(no_swap.official, [](const OfficialDay& d) {
      return d.date.year() == std::chrono::year{2025} &&
             (d.kind == OfficialDayKind::kSwapOff || d.kind == OfficialDayKind::kSwapWork);
    });
    build("no_swap_2025", standard, no_swap);
    AgencyCalendarConfig saturday = standard;
    saturday.week[5] = {{7 * 60 + 30, 11 * 60 + 30}};
    build("saturday_desk", saturday, default_holiday_rules());
    return m;
  }();
  return calendars.at(name);
}

}  // namespace motcua::domain::calendar::testing
