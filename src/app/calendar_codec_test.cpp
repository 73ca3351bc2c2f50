#include "app/calendar_codec.hpp"

#include <gtest/gtest.h>

#include "app/calendar_service.hpp"

namespace motcua::app {
namespace {

namespace cal = domain::calendar;

std::string field_of(const core::Result<cal::AgencyCalendarConfig>& r) {
  return r.ok() ? "ok" : r.error().field;
}

TEST(CalendarCodec, ClockMinutes) {
  EXPECT_EQ(parse_clock_minute("07:30"), 450);
  EXPECT_EQ(parse_clock_minute("00:00"), 0);
  EXPECT_EQ(parse_clock_minute("24:00"), 1440);
  for (const char* bad : {"24:01", "7:30", "07:60", "07-30", "0730", "", "ab:cd", "-1:00", "07:3x"})
    EXPECT_FALSE(parse_clock_minute(bad).has_value()) << bad;
  EXPECT_EQ(format_clock_minute(450), "07:30");
  EXPECT_EQ(format_clock_minute(1020), "17:00");
}

TEST(CalendarCodec, OfficeHoursRoundTrip) {
  auto config = cal::AgencyCalendarConfig::standard();
  config.week[5] = {{450, 690}};
  const nlohmann::json doc = office_hours_to_json(config);
  EXPECT_EQ(doc["week"]["sat"], nlohmann::json::parse(R"(["07:30-11:30"])"));
  EXPECT_EQ(doc["week"]["sun"], nlohmann::json::array());
  auto back = office_hours_from_json(doc);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->week[5].size(), 1u);
  EXPECT_EQ(back->week[0][1].close_minute, 1020);
  EXPECT_EQ(back->makeup_day.size(), 2u);
}

TEST(CalendarCodec, MissingDaysRestAndMakeupDefaultsToStandardHours) {
  auto config = office_hours_from_json(nlohmann::json::parse(R"({"week": {"mon": ["08:00-12:00"]}})"));
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->week[1].empty());
  EXPECT_EQ(config->makeup_day.size(), 2u);
}

TEST(CalendarCodec, ErrorsNameTheFieldByWeekdayKey) {
  auto parse = [](const char* text) { return office_hours_from_json(nlohmann::json::parse(text)); };
  EXPECT_EQ(field_of(parse(R"({"week": {"sat": ["11:30-07:30"]}})")), "week.sat[0]");
  EXPECT_EQ(field_of(parse(R"({"week": {"sat": "07:30-11:30"}})")), "week.sat");
  EXPECT_EQ(field_of(parse(R"({"week": {"mon": ["07:30-11:30", "11:00-12:00"]}})")), "week.mon[1]");
  EXPECT_EQ(field_of(parse(R"({"week": {"thu7": []}})")), "week.thu7");
  EXPECT_EQ(field_of(parse(R"({"week": {}})")), "week");
  EXPECT_EQ(field_of(parse(R"({"makeup_day": ["07:30-11:30"]})")), "week");
  EXPECT_EQ(field_of(parse(R"({"week": {"mon": ["07:30-11:30"]}, "makeup_day": []})")), "makeup_day");
  EXPECT_EQ(field_of(parse(R"({"week": {"mon": ["07:30-11:30"]}, "note": 1})")), "note");
}

cal::OfficialDay day(const char* date, const char* source = "Thông báo") {
  return {*core::parse_date(date), cal::OfficialDayKind::kExtraOff, "", "Nghỉ", source};
}

std::string decision_field(const DecisionInput& input) {
  auto st = validate_decision(input);
  return st.ok() ? "ok" : st.error().field;
}

TEST(CalendarDecision, Validation) {
  EXPECT_EQ(decision_field({2027, {day("2027-06-11")}, false}), "ok");
  EXPECT_EQ(decision_field({2101, {day("2101-06-11")}, false}), "year");
  EXPECT_EQ(decision_field({2027, {}, false}), "days");
  EXPECT_EQ(decision_field({2027, {day("2027-06-11"), day("2028-01-03")}, false}), "days[1].date");
  EXPECT_EQ(decision_field({2027, {day("2027-06-11", "")}, false}), "days[0].source");
  EXPECT_EQ(decision_field({2027, {day("2027-06-11"), day("2027-06-11")}, false}), "days[1].date");
  auto odd = day("2027-06-11");
  odd.occasion = "Quốc khánh";
  EXPECT_EQ(decision_field({2027, {odd}, false}), "days[0].occasion");
  odd.occasion = "quoc_khanh";
  odd.name_vi.clear();
  EXPECT_EQ(decision_field({2027, {odd}, false}), "days[0].name");
}

}  // namespace
}  // namespace motcua::app
