#include "app/json_input.hpp"

#include <gtest/gtest.h>

namespace motcua::app {
namespace {

TEST(JsonInputTest, MalformedAndNonObjectBodies) {
  for (const char* bad : {"", "{", "{\"a\":1,}", "[1,2]", "\"text\"", "{\"a\": \"\xC3\x28\"}"}) {
    auto r = parse_json_object(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_FALSE(r.error().message_vi.empty());
  }
}

TEST(JsonInputTest, WrongTypesNameTheField) {
  auto doc = parse_json_object(R"({"name": 5, "limit": "10"})");
  ASSERT_TRUE(doc.ok());
  JsonObjectReader r(*doc, "item");
  r.required_string("name", 10);
  r.optional_int("limit", 1, 100);
  auto st = r.finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code_id, "json.wrong_type");
  EXPECT_EQ(st.error().field, "item.name");
}

TEST(JsonInputTest, UnknownFieldsAreRejected) {
  auto doc = parse_json_object(R"({"name": "x", "nmae": "typo"})");
  JsonObjectReader r(*doc);
  EXPECT_EQ(r.required_string("name", 10), "x");
  auto st = r.finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code_id, "json.unknown_field");
  EXPECT_EQ(st.error().field, "nmae");
}

TEST(JsonInputTest, RangesLengthsAndNfc) {
  auto doc =
      parse_json_object("{\"n\": 1000, \"s\": \"Nguye\xCC\x82\xCC\x83n\", \"big\": 18446744073709551615}");
  JsonObjectReader r(*doc);
  EXPECT_EQ(r.optional_string("s", 10), "Nguyễn");
  r.optional_int("big", 0, 100);
  auto st = r.finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().field, "big");
  JsonObjectReader r2(*doc);
  r2.optional_int("n", 0, 999);
  r2.optional_string("s", 3);
  r2.optional_int("big", 0, INT64_MAX);
  EXPECT_EQ(r2.finish().error().field, "n");
}

}  // namespace
}  // namespace motcua::app
