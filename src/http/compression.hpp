// Response compression (Content-Encoding: gzip, RFC 9110 §8.4) for clients that ask for it: every browser and
// phone does, and on a slow rural link a 16 KB procedure detail shrinks to about 4 KB. zlib does the
// compressing; this module decides when (SharedBodyCache keeps the compressed form of cached bodies).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace motcua::http {

// True if an Accept-Encoding value admits gzip: "gzip" (or its alias "x-gzip", or "*") listed with a quality
// above zero. Tokens are case-insensitive; an explicit "gzip;q=0" refuses it even when "*" is listed.
bool accepts_gzip(std::string_view accept_encoding);

// True for textual media types worth compressing (text/*, JSON, JavaScript, XML, SVG); false for PDFs,
// images and anything already compressed.
bool compressible_type(std::string_view content_type);

// The gzip member (RFC 1952) of `data` at zlib `level` (1 fastest .. 9 smallest).
std::string gzip_compress(std::string_view data, int level);

// The data of a gzip member; nullopt if `data` is not a complete, valid one. (Used by tests and clients.)
std::optional<std::string> gzip_decompress(std::string_view data);

}  // namespace motcua::http
