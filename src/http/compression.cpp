#include "http/compression.hpp"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "http/field_text.hpp"

namespace motcua::http {

namespace {

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_iequals(s.substr(0, prefix.size()), prefix);
}

// The quality of one "coding;q=0.5" element: 1 when absent, 0 when malformed (a malformed weight is not
// consent).
double quality(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    const auto param = trim_ows(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.size() < 2 || ascii_lower(param[0]) != 'q') continue;
    const auto eq = param.find('=');
    if (eq == std::string_view::npos || trim_ows(param.substr(1, eq - 1)).size() != 0) continue;
    const auto value = trim_ows(param.substr(eq + 1));
    double q = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
    if (ec != std::errc() || ptr != value.data() + value.size() || q < 0 || q > 1) return 0;
    return q;
  }
  return 1;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  double gzip_q = -1;  // -1: not listed
  double star_q = -1;
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const auto element = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    const auto semi = element.find(';');
    const auto coding = trim_ows(element.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1.0 : quality(element.substr(semi + 1));
    if (ascii_iequals(coding, "gzip") || ascii_iequals(coding, "x-gzip")) {
      gzip_q = std::max(gzip_q, q);
    } else if (coding == "*") {
      star_q = std::max(star_q, q);
    }
  }
  return gzip_q >= 0 ? gzip_q > 0 : star_q > 0;
}

bool compressible_type(std::string_view content_type) {
  const auto media = trim_ows(content_type.substr(0, content_type.find(';')));
  return istarts_with(media, "text/") || ascii_iequals(media, "application/json") ||
         ascii_iequals(media, "application/problem+json") || ascii_iequals(media, "application/javascript") ||
         ascii_iequals(media, "application/xml") || ascii_iequals(media, "image/svg+xml");
}

std::string gzip_compress(std::string_view data, int level) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

std::optional<std::string> gzip_decompress(std::string_view data) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  const bool complete = rc == Z_STREAM_END && z.avail_in == 0;
  inflateEnd(&z);
  if (!complete) return std::nullopt;
  return out;
}

}  // namespace motcua::http
