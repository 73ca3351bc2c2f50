#include "core/time.hpp"

#include <gtest/gtest.h>

namespace motcua::core {
namespace {

TEST(TimeTest, ParsesOnlyRealDates) {
  ASSERT_TRUE(parse_date("2024-02-29").has_value());
  EXPECT_FALSE(parse_date("2025-02-29").has_value());
  EXPECT_FALSE(parse_date("2025-13-01").has_value());
  EXPECT_FALSE(parse_date("2025-1-01").has_value());
  EXPECT_FALSE(parse_date("20250101").has_value());
  EXPECT_EQ(format_date(*parse_date("2025-07-01")), "2025-07-01");
}

TEST(TimeTest, InstantsRoundTripInVietnamTime) {
  auto t = parse_instant("2025-04-25T10:00:00+07:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, 1745550000);
  EXPECT_EQ(format_instant_vn(*t), "2025-04-25T10:00:00+07:00");
  EXPECT_EQ(parse_instant("2025-04-25T03:00:00Z"), t);
  EXPECT_FALSE(parse_instant("2025-04-25T25:00:00Z").has_value());
  EXPECT_FALSE(parse_instant("2025-04-25T10:00:00").has_value());
}

TEST(TimeTest, VietnamDateCrossesMidnightSevenHoursBeforeUtc) {
  EXPECT_EQ(format_date(vietnam_date_of(*parse_instant("2025-04-24T17:00:00Z"))), "2025-04-25");
  EXPECT_EQ(format_date(vietnam_date_of(*parse_instant("2025-04-24T16:59:59Z"))), "2025-04-24");
}

}  // namespace
}  // namespace motcua::core
