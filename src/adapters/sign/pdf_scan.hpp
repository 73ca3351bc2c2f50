// A small, defensive reader for the signature-related parts of an untrusted PDF: it never builds an object
// graph, never decompresses streams and never follows references further than one lookup. It finds every
// signature dictionary (/ByteRange + /Contents), checks that the byte range is sane and that its gap is
// exactly that dictionary's /Contents hex string, decodes the CMS, and reads /SubFilter, /M, /Name and the
// field's /T. It also tells what later revisions changed after a given offset. Pure functions over the bytes;
// thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/documents_port.hpp"

namespace motcua::adapters::sign {

struct PdfSignatureCandidate {
  std::size_t object_offset = 0;
  std::array<std::uint64_t, 4> byte_range{};
  bool well_formed = false;  // byte range sane and its gap is this dictionary's /Contents
  std::string problem;       // English reason when not well formed
  std::string cms_der;       // the decoded /Contents with its zero padding removed
  std::string sub_filter;
  std::string claimed_time;  // raw PDF date "D:20260310101530+07'00'"
  std::string name;          // /Name, UTF-8
  std::string field_name;    // /T of the field whose /V is this dictionary, UTF-8 (may be empty)
  std::uint64_t signed_end() const { return byte_range[2] + byte_range[3]; }
};

struct PdfScan {
  std::size_t size = 0;
  std::vector<PdfSignatureCandidate> signatures;  // in file order
};

// Errors (InvalidArgument, Vietnamese and English): "signature.not_pdf" (no %PDF- header),
// "signature.corrupt" (no %%EOF near the end, or a /ByteRange that cannot be read), "signature.encrypted",
// "signature.none" (no signature dictionary).
core::Result<PdfScan> scan_pdf(std::string_view pdf);

// What happened after `signed_until` (the end of a signature's byte range): nothing, only signature revisions
// (new objects, and redefinitions of the catalog, the form, widgets and pages whose /Contents and /Resources
// are unchanged, each revision ending inside a later signature), or anything else, including unsigned bytes
// at the end. `signed_ends` are the ends of every signature's byte range.
app::Modification modification_after(std::string_view pdf, std::uint64_t signed_until,
                                     const std::vector<std::uint64_t>& signed_ends);

// A PDF date "D:YYYYMMDDHHmmSS+07'00'" (or Z, or no zone = UTC) as Unix seconds; nullopt when unreadable.
std::optional<core::UnixSeconds> parse_pdf_date(std::string_view date);

}  // namespace motcua::adapters::sign
