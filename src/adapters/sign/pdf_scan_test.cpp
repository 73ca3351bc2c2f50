// The defensive reader of uploaded PDFs: errors for files that are not PDFs, truncated, encrypted or
// unsigned; byte ranges that lie; strings in both encodings; and what later revisions change.
#include "adapters/sign/pdf_scan.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

namespace motcua::adapters::sign {
namespace {

// A one-page PDF with one signature dictionary (object 5, field object 4) whose /ByteRange is computed for
// real; the /Contents is a fake CMS (a DER SEQUENCE) followed by zero padding.
std::string synthetic_signed_pdf(const std::string& field_title = "(Chu ky 1)") {
  std::string head =
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>\nendobj\n"
      "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
      "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Annots [4 0 R] "
      ">>\nendobj\n"
      "4 0 obj\n<< /FT /Sig /Subtype /Widget /T " +
      field_title +
      " /V 5 0 R /Rect [0 0 0 0] >>\nendobj\n"
      "6 0 obj\n<< /Length 0 >>\nstream\n\nendstream\nendobj\n"
      "5 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M "
      "(D:20260310101530+07'00') "
      "/Name <FEFF00421EA3006F> /ByteRange [0 AAAAAAAAAA BBBBBBBBBB CCCCCCCCCC]          /Contents <";
  const std::string cms_hex = "3003020105" + std::string(64, '0');
  const std::string tail = ">\n>>\nendobj\ntrailer\n<< /Root 1 0 R /Size 7 >>\n%%EOF\n";
  const std::size_t gap = head.size() - 1, gap_end = head.size() + cms_hex.size() + 1;
  const std::size_t total = head.size() + cms_hex.size() + tail.size();
  char ranges[64];
  std::snprintf(ranges, sizeof ranges, "[0 %zu %zu %zu]", gap, gap_end, total - gap_end);
  std::string padded = ranges;
  padded.resize(std::string("[0 AAAAAAAAAA BBBBBBBBBB CCCCCCCCCC]          ").size(), ' ');
  head.replace(head.find("[0 AAAA"), padded.size(), padded);
  return head + cms_hex + tail;
}

TEST(PdfScanTest, ReadsASignatureDictionary) {
  const std::string pdf = synthetic_signed_pdf();
  auto scan = scan_pdf(pdf);
  ASSERT_TRUE(scan.ok()) << scan.error().message_en;
  ASSERT_EQ(scan->signatures.size(), 1u);
  const auto& s = scan->signatures[0];
  EXPECT_TRUE(s.well_formed) << s.problem;
  EXPECT_EQ(s.cms_der, std::string("\x30\x03\x02\x01\x05", 5));  // zero padding stripped
  EXPECT_EQ(s.sub_filter, "ETSI.CAdES.detached");
  EXPECT_EQ(s.claimed_time, "D:20260310101530+07'00'");
  EXPECT_EQ(s.name, "Bảo");  // UTF-16BE decoded
  EXPECT_EQ(s.field_name, "Chu ky 1");
  EXPECT_EQ(s.signed_end(), pdf.size());
  EXPECT_EQ(modification_after(pdf, s.signed_end(), {s.signed_end()}), app::Modification::kNone);
}

TEST(PdfScanTest, ClearErrorsForBadFiles) {
  EXPECT_EQ(scan_pdf("GIF89a....").error().code_id, "signature.not_pdf");
  const std::string pdf = synthetic_signed_pdf();
  auto truncated = scan_pdf(pdf.substr(0, pdf.size() / 2));
  EXPECT_EQ(truncated.error().code_id, "signature.corrupt");
  EXPECT_NE(truncated.error().message_vi.find("hỏng"), std::string::npos);
  std::string encrypted = pdf;
  encrypted.insert(encrypted.find("/Root 1 0 R"), "/Encrypt 9 0 R ");
  EXPECT_EQ(scan_pdf(encrypted).error().code_id, "signature.encrypted");
  const std::string unsigned_pdf =
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
  auto none = scan_pdf(unsigned_pdf);
  EXPECT_EQ(none.error().code_id, "signature.none");
  EXPECT_EQ(none.error().message_en, "The PDF has no digital signature.");
  std::string unreadable = pdf;
  unreadable.replace(unreadable.find("/ByteRange [0 ") + 12, 2, "[x");
  EXPECT_EQ(scan_pdf(unreadable).error().code_id, "signature.corrupt");
}

TEST(PdfScanTest, TextThatMentionsByteRangeInAStreamIsNotASignature) {
  const std::string pdf =
      "%PDF-1.4\n1 0 obj\n<< /Length 40 >>\nstream\n/ByteRange [0 1 2 3] /Contents <00>\nendstream\nendobj\n"
      "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
  EXPECT_EQ(scan_pdf(pdf).error().code_id, "signature.none");
}

TEST(PdfScanTest, LyingByteRangesAreNotWellFormed) {
  std::string pdf = synthetic_signed_pdf();
  const std::size_t at = pdf.find("/ByteRange [0 ") + 14;
  pdf[at] = pdf[at] == '9' ? '8' : static_cast<char>(pdf[at] + 1);  // the gap no longer is /Contents
  auto scan = scan_pdf(pdf);
  ASSERT_TRUE(scan.ok());
  EXPECT_FALSE(scan->signatures[0].well_formed);
  EXPECT_FALSE(scan->signatures[0].problem.empty());

  std::string padded = synthetic_signed_pdf();
  padded[padded.find(">\n>>\nendobj\ntrailer") - 3] = '7';  // a non-zero byte hidden in the padding
  auto scan2 = scan_pdf(padded);
  ASSERT_TRUE(scan2.ok());
  EXPECT_FALSE(scan2->signatures[0].well_formed);
  EXPECT_NE(scan2->signatures[0].problem.find("padding"), std::string::npos);
}

TEST(PdfScanTest, LaterRevisionsAreClassified) {
  const std::string pdf = synthetic_signed_pdf();
  const std::uint64_t end = pdf.size();
  // A later revision that only adds an annotation to the page and a new widget, signed by a later signature.
  const std::string benign =
      pdf +
      "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R "
      "/Annots [4 0 R 7 0 R] >>\nendobj\n7 0 obj\n<< /Type /Annot /Subtype /Widget >>\nendobj\n"
      "%%EOF\n";
  EXPECT_EQ(modification_after(benign, end, {end, benign.size()}), app::Modification::kSignaturesAdded);
  // The same, but the page's content stream is replaced.
  std::string swapped = benign;
  swapped.replace(swapped.rfind("/Contents 6 0 R"), 15, "/Contents 8 0 R");
  EXPECT_EQ(modification_after(swapped, end, {end, swapped.size()}), app::Modification::kChanged);
  // A content stream redefined in place.
  const std::string rewritten = pdf + "6 0 obj\n<< /Length 5 >>\nstream\nBT ET\nendstream\nendobj\n%%EOF\n";
  EXPECT_EQ(modification_after(rewritten, end, {end, rewritten.size()}), app::Modification::kChanged);
  // Nothing signs the new revision.
  EXPECT_EQ(modification_after(benign, end, {end}), app::Modification::kChanged);
}

// Mutated, truncated and nested inputs must give a result or an error, never a crash (run under ASan/UBSan).
TEST(PdfScanTest, SurvivesMutatedInput) {
  const std::string pdf = synthetic_signed_pdf();
  std::mt19937 rng(5);
  const std::string alphabet = "<>[]()/\\ 0123456789RobjendstreamByteRangeContents\n%";
  for (int i = 0; i < 3000; ++i) {
    std::string m = pdf;
    for (int k = 0; k < 1 + i % 8; ++k) m[rng() % m.size()] = alphabet[rng() % alphabet.size()];
    if (i % 5 == 0) m.resize(rng() % m.size());
    auto scan = scan_pdf(m);
    if (scan.ok())
      for (const auto& c : scan->signatures) (void)modification_after(m, c.signed_end(), {c.signed_end()});
  }
  const std::string deep = "%PDF-1.4\n1 0 obj\n<< /ByteRange " + std::string(5000, '[') + "\nendobj\n%%EOF\n";
  EXPECT_FALSE(scan_pdf(deep).ok());
}

TEST(PdfScanTest, PdfDates) {
  EXPECT_EQ(parse_pdf_date("D:20260310101530+07'00'"), 1773112530);  // 2026-03-10T03:15:30Z
  EXPECT_EQ(parse_pdf_date("D:20260310031530Z"), 1773112530);
  EXPECT_EQ(parse_pdf_date("D:20260310031530"), 1773112530);
  EXPECT_FALSE(parse_pdf_date("hôm nay").has_value());
}

}  // namespace
}  // namespace motcua::adapters::sign
