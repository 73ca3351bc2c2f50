// The signature stamp: a signer's image encoded for PDF once, and the room a stamp leaves for it.
#include "adapters/pdf/stamp.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace motcua::adapters::pdf {
namespace {

std::size_t inflated_size(const std::string& flate) {
  std::string out(1 << 20, '\0');
  uLongf size = out.size();
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(flate.data()),
                 flate.size()) != Z_OK)
    return 0;
  return size;
}

TEST(StampTest, ASignatureImageIsEncodedOnceAsRgbAndAnAlphaMask) {
  auto image = encode_png_for_pdf(demo_signature_png("Bảo"));
  ASSERT_TRUE(image.ok()) << image.error().message_en;
  EXPECT_EQ(image->width, 360);
  EXPECT_EQ(image->height, 140);
  EXPECT_EQ(inflated_size(image->rgb_flate), 360u * 140 * 3);
  EXPECT_EQ(inflated_size(image->alpha_flate), 360u * 140);  // a transparent background needs a mask
}

TEST(StampTest, AnUnreadableImageIsRefused) {
  auto image = encode_png_for_pdf("not a PNG");
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().code_id, "pdf.bad_image");
}

TEST(StampTest, TheStampLeavesRoomForTheImageAboveItsText) {
  const StampSpec spec{250, 74, StampLayout::kImageAndText, {}, {"Ký bởi: Trần Quốc Bảo"}, 7, 360, 140};
  auto stamp = render_stamp(spec);
  ASSERT_TRUE(stamp.ok()) << stamp.error().message_en;
  EXPECT_EQ(stamp->pdf.rfind("%PDF-", 0), 0u);
  ASSERT_TRUE(stamp->image_box.has_value());
  const StampBox& box = *stamp->image_box;
  EXPECT_NEAR(box.width / box.height, 360.0 / 140.0, 1e-9);  // aspect ratio kept
  EXPECT_GE(box.x, 0);
  EXPECT_LE(box.x + box.width, 250 + 1e-9);
  EXPECT_LT(box.y + box.height, 74 - 5);  // the text line stays below the image

  // A seal shows its image alone: nothing for Cairo to draw, the whole box for the image.
  auto seal = render_stamp({85, 85, StampLayout::kImageAndText, {}, {}, 7, 300, 300});
  ASSERT_TRUE(seal.ok());
  EXPECT_TRUE(seal->pdf.empty());
  ASSERT_TRUE(seal->image_box.has_value());
  EXPECT_NEAR(seal->image_box->width, 85, 1e-9);
}

}  // namespace
}  // namespace motcua::adapters::pdf
