// Holiday rules and the working calendar: the days off of each year against testdata/days_off.tsv, the
// built-in data, and invalid configurations.
#include "domain/calendar/working_calendar.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "domain/calendar/test_support.hpp"

namespace motcua::domain::calendar {
namespace {

using testing::date;
using testing::named_calendar;
using testing::read_tsv;

// "date kind name" of every day of a year that is neither an ordinary working day nor an ordinary weekend.
std::set<std::string> special_days(const WorkingCalendar& cal, int year) {
  std::set<std::string> out;
  auto add = [&](const CalendarDay& d) {
    if (d.kind != DayKind::kWeeklyRest)
      out.insert(core::format_date(d.date) + " " + day_kind_name(d.kind) + " " + d.name_vi);
  };
  for (const CalendarDay& d : cal.days_off(year)) add(d);
  for (const CalendarDay& d : cal.makeup_days(year)) add(d);
  return out;
}

TEST(WorkingCalendarTest, DaysOffOfEachYearMatchTheReviewedTable) {
  std::map<std::pair<std::string, int>, std::set<std::string>> expected;
  for (const auto& row : read_tsv("days_off.tsv")) {
    expected[{row[0], std::stoi(row[1])}].insert(row[2] + " " + row[3] + " " + row[4]);
  }
  ASSERT_EQ(expected.size(), 7u);  // (calendar, year) pairs in the file
  for (const auto& [key, days] : expected) {
    EXPECT_EQ(special_days(named_calendar(key.first), key.second), days) << key.first << " " << key.second;
  }
}

TEST(WorkingCalendarTest, Rule17GioToOnSundayGivesMondayOff) {
  for (const char* name : {"official", "rules_only"}) {
    const WorkingCalendar& cal = named_calendar(name);
    EXPECT_EQ(cal.day(date("2026-04-26")).kind, DayKind::kHoliday) << name;
    EXPECT_EQ(cal.day(date("2026-04-27")).kind, DayKind::kCompensatory) << name;
    EXPECT_FALSE(cal.is_working_day(date("2026-04-27"))) << name;
  }
}

TEST(WorkingCalendarTest, DaysOffListsWeekendsWithTheirNamesAndSources) {
  const auto days = named_calendar("official").days_off(2026);
  ASSERT_FALSE(days.empty());
  EXPECT_EQ(core::format_date(days.front().date), "2026-01-01");
  EXPECT_EQ(days.front().kind, DayKind::kHoliday);
  EXPECT_EQ(days.front().source, "Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1");
  EXPECT_EQ(days[1].name_vi, "Thứ Bảy");
  EXPECT_EQ(days[2].name_vi, "Chủ nhật");
  EXPECT_STREQ(day_kind_name(days[1].kind), "weekend");
  // 104 weekend days - 1 make-up Saturday + 12 weekdays off (10 statutory, 1 compensatory, 1 swapped).
  EXPECT_EQ(days.size(), 103u + 12u);
  EXPECT_TRUE(named_calendar("official").days_off(2031).empty());
}

TEST(WorkingCalendarTest, MakeupDaysUseTheMakeupHours) {
  const WorkingCalendar& cal = named_calendar("official");
  const DayNumber saturday = day_number(date("2025-04-26"));
  EXPECT_EQ(cal.kind(saturday), DayKind::kMakeupWorking);
  EXPECT_EQ(cal.open_second(saturday), 7 * 3600 + 1800);
  EXPECT_EQ(cal.close_second(saturday), 17 * 3600);
}

TEST(WorkingCalendarTest, DefaultRulesAreValidAndCiteTheirSources) {
  const HolidayRules rules = default_holiday_rules();
  EXPECT_TRUE(validate(rules).ok());
  EXPECT_EQ(labour_code_2019_rules().size(), 6u);
  int days = 0;
  for (const HolidayRule& r : labour_code_2019_rules()) {
    days += r.length + (r.adjacent == AdjacentDay::kNone ? 0 : 1);
    EXPECT_NE(r.source.find("Điều 112"), std::string::npos) << r.occasion;
  }
  EXPECT_EQ(days, 11);  // Labour Code 2019 Art. 112(1): 11 days a year
  // Every shipped row cites a law or a notice, never only the research data set it was checked against.
  for (const OfficialDay& d : official_days_2024_2026()) {
    EXPECT_FALSE(d.source.empty()) << core::format_date(d.date);
    EXPECT_EQ(d.source.find("vacanza"), std::string::npos) << core::format_date(d.date);
    EXPECT_EQ(d.source.find("shared/"), std::string::npos) << core::format_date(d.date);
    const bool cites = d.source.find("Bộ luật Lao động") != std::string::npos ||
                       d.source.find("Công văn 2450/VPCP-KGVX") != std::string::npos ||
                       d.source.find("Thông báo 9441/TB-BNV") != std::string::npos ||
                       d.source.find("chưa có số văn bản") != std::string::npos;
    EXPECT_TRUE(cites) << core::format_date(d.date) << ": " << d.source;
  }
}

TEST(WorkingCalendarTest, KindNamesRoundTrip) {
  for (const auto k : {OfficialDayKind::kHoliday, OfficialDayKind::kCompensatory, OfficialDayKind::kSwapOff,
                       OfficialDayKind::kSwapWork, OfficialDayKind::kExtraOff}) {
    EXPECT_EQ(parse_official_day_kind(official_day_kind_name(k)), k);
  }
  EXPECT_FALSE(parse_official_day_kind("weekend").has_value());
}

TEST(WorkingCalendarTest, ANewHolidayAppliesFromItsEffectiveDate) {
  HolidayRules rules = default_holiday_rules();
  HolidayRule culture;
  culture.occasion = "van_hoa_viet_nam";
  culture.name_vi = "Ngày Văn hóa Việt Nam";
  culture.month = 11;
  culture.day = 24;
  culture.source = "hypothetical rule for this test";
  culture.effective_from = date("2026-07-01");
  rules.statutory.push_back(culture);
  auto cal = WorkingCalendar::build(AgencyCalendarConfig::standard(), rules, 2025, 2027);
  ASSERT_TRUE(cal.ok());
  EXPECT_TRUE(cal->is_working_day(date("2025-11-24")));
  EXPECT_EQ(cal->day(date("2026-11-24")).kind, DayKind::kHoliday);
  EXPECT_EQ(cal->day(date("2026-11-24")).name_vi, "Ngày Văn hóa Việt Nam");
}

TEST(WorkingCalendarTest, AnExtraDayOffFromADecision) {
  HolidayRules rules = default_holiday_rules();
  rules.official.push_back(
      {date("2025-03-10"), OfficialDayKind::kExtraOff, "", "Nghỉ theo quyết định của tỉnh", "test"});
  auto cal = WorkingCalendar::build(AgencyCalendarConfig::standard(), rules, 2025, 2025);
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(cal->day(date("2025-03-10")).kind, DayKind::kExtraOff);
}

core::Status build_status(const AgencyCalendarConfig& config, const HolidayRules& rules, int first,
                          int last) {
  auto cal = WorkingCalendar::build(config, rules, first, last);
  if (cal.ok()) return {};
  return cal.error();
}

TEST(WorkingCalendarTest, BadInputNamesTheField) {
  const AgencyCalendarConfig standard = AgencyCalendarConfig::standard();
  const HolidayRules rules = default_holiday_rules();
  EXPECT_EQ(build_status(standard, rules, 1899, 2000).error().field, "first_year");
  EXPECT_EQ(build_status(standard, rules, 2000, 2101).error().field, "last_year");
  EXPECT_EQ(build_status(standard, rules, 2026, 2025).error().field, "last_year");

  AgencyCalendarConfig overlap = standard;
  overlap.week[0] = {{8 * 60, 12 * 60}, {11 * 60, 17 * 60}};
  EXPECT_EQ(build_status(overlap, rules, 2025, 2025).error().field, "week[0][1]");
  AgencyCalendarConfig reversed = standard;
  reversed.week[2] = {{17 * 60, 8 * 60}};
  EXPECT_EQ(build_status(reversed, rules, 2025, 2025).error().field, "week[2][0]");
  AgencyCalendarConfig idle = standard;
  for (auto& d : idle.week) d.clear();
  EXPECT_EQ(build_status(idle, rules, 2025, 2025).error().field, "week");
  AgencyCalendarConfig no_makeup = standard;
  no_makeup.makeup_day.clear();
  EXPECT_EQ(build_status(no_makeup, rules, 2025, 2025).error().field, "makeup_day");

  HolidayRules twice = rules;
  twice.official.push_back(twice.official.front());
  EXPECT_EQ(build_status(standard, twice, 2025, 2025).error().field, "official.date");
  HolidayRules bad_month = rules;
  bad_month.statutory[0].month = 13;
  EXPECT_EQ(build_status(standard, bad_month, 2025, 2025).error().field, "statutory[0].month");
  HolidayRules bad_period = rules;
  bad_period.statutory[1].effective_to = date("2000-01-01");
  EXPECT_EQ(build_status(standard, bad_period, 2025, 2025).error().field, "statutory[1].effective_to");
  EXPECT_EQ(build_status(standard, bad_period, 2025, 2025).error().code, core::ErrorCode::kInvalidArgument);
}

TEST(WorkingCalendarTest, AWholeCenturyBuilds) {
  auto cal = WorkingCalendar::build(AgencyCalendarConfig::standard(), default_holiday_rules(), 1900, 2100);
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(cal->day(date("2100-02-09")).kind, DayKind::kHoliday);  // Tết 2100 (Tuesday 09/02/2100)
  EXPECT_EQ(cal->day(date("1990-01-01")).kind, DayKind::kWorking);  // no rules before 2013-05-01
}

}  // namespace
}  // namespace motcua::domain::calendar
