#include "storage/common/search_terms.hpp"

#include <gtest/gtest.h>

namespace motcua::storage {
namespace {

using Terms = std::vector<std::string>;

TEST(SplitSearchTerms, SplitsOnEverythingButWordCharacters) {
  EXPECT_EQ(split_search_terms("Đăng ký  khai-sinh"), (Terms{"Đăng", "ký", "khai", "sinh"}));
  EXPECT_EQ(split_search_terms("1.001193"), (Terms{"1", "001193"}));
  EXPECT_EQ(split_search_terms("khai\" OR 1=1 --"), (Terms{"khai", "OR", "1", "1"}));
  EXPECT_EQ(split_search_terms("NEAR("), (Terms{"NEAR"}));
}

TEST(SplitSearchTerms, NoWordCharactersGiveNoTerms) {
  EXPECT_TRUE(split_search_terms("").empty());
  EXPECT_TRUE(split_search_terms("'").empty());
  EXPECT_TRUE(split_search_terms("% * \" ( ) -- ;").empty());
}

TEST(SplitSearchTerms, CapsTermCountAndLength) {
  std::string many;
  for (int i = 0; i < 40; ++i) many += "t" + std::to_string(i) + " ";
  EXPECT_EQ(split_search_terms(many).size(), kMaxSearchTerms);
  const std::string long_term(500, 'a');
  EXPECT_EQ(split_search_terms(long_term).front().size(), kMaxSearchTermBytes);
  std::string vietnamese;
  for (int i = 0; i < 100; ++i) vietnamese += "đ";  // two bytes each: never cut inside a character
  EXPECT_EQ(split_search_terms(vietnamese).front().size(), kMaxSearchTermBytes);
}

TEST(SplitSearchTerms, InvalidUtf8OnlySeparates) {
  EXPECT_EQ(split_search_terms("ab\xff\xfe"
                               "cd"),
            (Terms{"ab", "cd"}));
}

TEST(Fts5MatchExpression, QuotesEveryTermAndPrefixesTheLast) {
  EXPECT_EQ(fts5_match_expression({"dang", "ky"}), "\"dang\" \"ky\"*");
  EXPECT_EQ(fts5_match_expression({"a\"b"}), "\"a\"\"b\"*");
  EXPECT_EQ(fts5_match_expression({}), "");
}

TEST(TsqueryPrefixTerm, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(tsquery_prefix_term("sinh"), "'sinh':*");
  EXPECT_EQ(tsquery_prefix_term("a'b\\c"), "'a\\'b\\\\c':*");
}

}  // namespace
}  // namespace motcua::storage
