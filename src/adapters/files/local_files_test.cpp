#include "adapters/files/local_files.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

namespace motcua::adapters {
namespace {

TEST(LocalFilesTest, ContentAddressedAndDurable) {
  char tmpl[] = "/tmp/motcua-blobs-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  auto store = make_local_blob_store(tmpl);
  ASSERT_TRUE(store.ok());
  auto ref = (*store)->put("abc");
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(ref->size, 3);
  EXPECT_TRUE((*store)->put("abc").ok());  // idempotent
  EXPECT_EQ(*(*store)->get(ref->sha256), "abc");
  EXPECT_FALSE((*store)->get("../../etc/passwd").ok());
  EXPECT_FALSE((*store)->exists(std::string(64, 'g')));
  std::filesystem::remove_all(tmpl);
}

TEST(LocalFilesTest, SniffsContentNotNames) {
  auto sniffer = make_magic_sniffer();
  ASSERT_TRUE(sniffer.ok());
  EXPECT_EQ((*sniffer)->sniff("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n"), "application/pdf");
  EXPECT_EQ((*sniffer)->sniff(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), "image/png");
  // A ZIP archive named "giay-khai-sinh.pdf" is still a ZIP archive.
  EXPECT_EQ((*sniffer)->sniff(std::string("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10) + std::string(40, '\0')),
            "application/zip");
  EXPECT_EQ((*sniffer)->sniff("just some words, not a PDF"), "text/plain");
}

}  // namespace
}  // namespace motcua::adapters
