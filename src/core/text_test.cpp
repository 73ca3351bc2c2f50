#include "core/text.hpp"

#include <gtest/gtest.h>

namespace motcua::core {
namespace {

TEST(TextTest, RejectsMalformedUtf8) {
  EXPECT_TRUE(is_valid_utf8("Đăng ký khai sinh"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(TextTest, ReplacesIllFormedUtf8) {
  EXPECT_EQ(to_valid_utf8("Hồ sơ"), "Hồ sơ");
  EXPECT_EQ(to_valid_utf8("a\xff"
                          "b"),
            "a\xef\xbf\xbd"
            "b");                                                     // a stray byte
  EXPECT_EQ(to_valid_utf8("x\xe1\xbb"), "x\xef\xbf\xbd");             // a truncated sequence (of "ồ")
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8("\xc0\xaf\xed\xa0\x80")));  // overlong, surrogate
}

TEST(TextTest, NormalisesToNfc) {
  // "ế" as e + circumflex (U+0302) + acute (U+0301) composes to U+1EBF.
  EXPECT_EQ(to_nfc("Nguy\x65\xCC\x82\xCC\x81n"), "Nguy\xE1\xBA\xBFn");
  EXPECT_EQ(to_nfc("Hà Nội"), "Hà Nội");
  EXPECT_EQ(to_nfc("1.001193"), "1.001193");
  EXPECT_EQ(to_nfc(""), "");
  // "ộ" as o + dot below (U+0323) + circumflex (U+0302), after NFC text: only the decomposed part changes.
  EXPECT_EQ(to_nfc("Hà N\x6F\xCC\xA3\xCC\x82i"), "Hà Nội");
}

TEST(TextTest, FoldsCaseDiacriticsAndDStroke) {
  EXPECT_EQ(fold_for_search("Đăng ký khai sinh"), "dang ky khai sinh");
  EXPECT_EQ(fold_for_search("ĐỒNG THÁP"), "dong thap");
  EXPECT_EQ(fold_for_search("đường"), "duong");
}

TEST(TextTest, TrimsUnicodeSpace) {
  EXPECT_EQ(trim("\xC2\xA0 Lào Cai \t"), "Lào Cai");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim("Lào Cai"), "Lào Cai");
  EXPECT_EQ(trim("x"), "x");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\xE3\x80\x80Sa Pa"), "Sa Pa");  // ideographic space first, ASCII last
  EXPECT_EQ(trim("Sa Pa\xC2\xA0"), "Sa Pa");      // ASCII first, no-break space last
  EXPECT_EQ(trim("\nHồ sơ\r"), "Hồ sơ");
}

}  // namespace
}  // namespace motcua::core
