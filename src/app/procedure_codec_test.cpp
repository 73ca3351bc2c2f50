#include "app/procedure_codec.hpp"

#include <gtest/gtest.h>

#include "app/json_input.hpp"

namespace motcua::app {
namespace {

const char* kBirth = R"({
  "code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "field": "Hộ tịch", "levels": ["commune"],
  "online_level": "full",
  "time_limit": {"value": 0, "unit": "working_days", "note": "Trong ngày", "cutoff": "15:00"},
  "fees": [{"name": "Lệ phí", "amount_vnd": 0, "note": "Miễn"}],
  "components": [{"name": "Tờ khai", "required": true, "quantity": "1 bản chính", "template": "Mẫu 1.TK"}],
  "legal_basis": ["Luật Hộ tịch 2014"], "agency_codes": ["000.00.00.H38"]
})";

TEST(ProcedureCodecTest, RoundTrips) {
  auto p = procedure_from_json(*parse_json_object(kBirth));
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  EXPECT_EQ(p->time_limit.cutoff_minutes, 900);
  EXPECT_EQ(p->levels.size(), 1u);
  auto back = procedure_from_json(procedure_to_json(*p));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(procedure_to_json(*back), procedure_to_json(*p));
}

TEST(ProcedureCodecTest, BadInputNamesField) {
  struct Case {
    const char* from;
    const char* to;
    const char* field;
  } cases[] = {
      {"\"1.001193\"", "\"1-001193\"", "code"},
      {"[\"commune\"]", "[\"village\"]", "levels"},
      {"\"cutoff\": \"15:00\"", "\"cutoff\": \"25:00\"", "time_limit.cutoff"},
      {"\"amount_vnd\": 0", "\"amount_vnd\": -1", "fees[0].amount_vnd"},
      {"\"amount_vnd\": 0", "\"amount_vnd\": \"0\"", "fees[0].amount_vnd"},
      {"\"required\": true", "\"required\": \"yes\"", "components[0].required"},
      {"\"online_level\": \"full\"", "\"online_level\": \"full\", \"colour\": \"red\"", "colour"},
      {"\"000.00.00.H38\"", "\"H38\"", "agency_codes"},
  };
  for (const auto& c : cases) {
    std::string text = kBirth;
    text.replace(text.find(c.from), std::string(c.from).size(), c.to);
    auto p = procedure_from_json(*parse_json_object(text));
    ASSERT_FALSE(p.ok()) << c.to;
    EXPECT_EQ(p.error().field, c.field) << c.to;
  }
}

TEST(ProcedureCodecTest, TimeOfDay) {
  EXPECT_EQ(parse_time_of_day("07:30"), 450);
  EXPECT_FALSE(parse_time_of_day("7:30").has_value());
  EXPECT_FALSE(parse_time_of_day("24:00").has_value());
  EXPECT_EQ(format_time_of_day(900), "15:00");
}

}  // namespace
}  // namespace motcua::app
