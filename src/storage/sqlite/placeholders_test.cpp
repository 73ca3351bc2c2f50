#include "storage/sqlite/placeholders.hpp"

#include <gtest/gtest.h>

namespace motcua::storage::sqlite {
namespace {

TEST(RewritePlaceholders, NumbersBecomeQuestionMarks) {
  EXPECT_EQ(rewrite_placeholders("SELECT a FROM t WHERE b = $2 AND c = $10 OR d = $1"),
            "SELECT a FROM t WHERE b = ?2 AND c = ?10 OR d = ?1");
}

TEST(RewritePlaceholders, QuotesAndCommentsAreLeftAlone) {
  EXPECT_EQ(rewrite_placeholders("SELECT '$1', \"$2\", 'it''s $3' -- $4\n, $5 /* $6 */"),
            "SELECT '$1', \"$2\", 'it''s $3' -- $4\n, ?5 /* $6 */");
}

TEST(RewritePlaceholders, DollarWithoutDigitsIsKept) {
  EXPECT_EQ(rewrite_placeholders("SELECT $a, $"), "SELECT $a, $");
}

}  // namespace
}  // namespace motcua::storage::sqlite
