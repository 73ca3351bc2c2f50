#include "adapters/pdf/vn_number_words.hpp"

#include <gtest/gtest.h>

namespace motcua::adapters::pdf {
namespace {

struct Case {
  std::uint64_t amount;
  const char* words;
};

TEST(VnNumberWordsTest, AmountsReadAsOnOfficialDocuments) {
  const Case cases[] = {
      {0, "Không đồng"},
      {1, "Một đồng"},
      {5, "Năm đồng"},
      {10, "Mười đồng"},
      {11, "Mười một đồng"},
      {14, "Mười bốn đồng"},
      {15, "Mười lăm đồng"},
      {20, "Hai mươi đồng"},
      {21, "Hai mươi mốt đồng"},
      {24, "Hai mươi tư đồng"},
      {25, "Hai mươi lăm đồng"},
      {55, "Năm mươi lăm đồng"},
      {99, "Chín mươi chín đồng"},
      {100, "Một trăm đồng"},
      {101, "Một trăm linh một đồng"},
      {104, "Một trăm linh bốn đồng"},
      {105, "Một trăm linh năm đồng"},
      {110, "Một trăm mười đồng"},
      {115, "Một trăm mười lăm đồng"},
      {121, "Một trăm hai mươi mốt đồng"},
      {1000, "Một nghìn đồng"},
      {1005, "Một nghìn không trăm linh năm đồng"},
      {1015, "Một nghìn không trăm mười lăm đồng"},
      {1100, "Một nghìn một trăm đồng"},
      {7000, "Bảy nghìn đồng"},
      {50000, "Năm mươi nghìn đồng"},
      {215000, "Hai trăm mười lăm nghìn đồng"},
      {1000000, "Một triệu đồng"},
      {1000005, "Một triệu không trăm linh năm đồng"},
      {2500000, "Hai triệu năm trăm nghìn đồng"},
      {21031000, "Hai mươi mốt triệu không trăm ba mươi mốt nghìn đồng"},
      {1000000000, "Một tỷ đồng"},
      {1000000005, "Một tỷ không trăm linh năm đồng"},
      {1250000000, "Một tỷ hai trăm năm mươi triệu đồng"},
      {1000000000000, "Một nghìn tỷ đồng"},
      {1001000000000000, "Một triệu không trăm linh một nghìn tỷ đồng"},
      {18446744073709551615ull,
       "Mười tám tỷ bốn trăm bốn mươi sáu triệu bảy trăm bốn mươi tư nghìn không trăm bảy mươi ba tỷ "
       "bảy trăm linh chín triệu năm trăm năm mươi mốt nghìn sáu trăm mười lăm đồng"},
  };
  for (const auto& c : cases) EXPECT_EQ(amount_in_words_vi(c.amount), c.words) << c.amount;
}

TEST(VnNumberWordsTest, NumbersAreLowerCaseWithoutCurrency) {
  EXPECT_EQ(number_in_words_vi(0), "không");
  EXPECT_EQ(number_in_words_vi(2021), "hai nghìn không trăm hai mươi mốt");
}

TEST(VnNumberWordsTest, FiguresUseDotsAsThousandsSeparators) {
  EXPECT_EQ(format_amount_vi(0), "0");
  EXPECT_EQ(format_amount_vi(999), "999");
  EXPECT_EQ(format_amount_vi(7000), "7.000");
  EXPECT_EQ(format_amount_vi(2500000), "2.500.000");
  EXPECT_EQ(format_amount_vi(1000000000000), "1.000.000.000.000");
}

}  // namespace
}  // namespace motcua::adapters::pdf
