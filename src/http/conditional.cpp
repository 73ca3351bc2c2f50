#include "http/conditional.hpp"

#include <zlib.h>

#include <cstdint>
#include <functional>

#include "http/field_text.hpp"

namespace motcua::http {

namespace {

void append_hex(std::string& out, std::uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out += kHex[(v >> (4 * i)) & 0xf];
}

// The opaque tag of an entity tag ("\"x\"" or "W/\"x\""), quotes included; empty if malformed.
std::string_view opaque(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') return {};
  if (tag.substr(1, tag.size() - 2).find('"') != std::string_view::npos) return {};
  return tag;
}

}  // namespace

std::string entity_tag(std::string_view body) {
  // libstdc++'s std::hash of bytes is a fixed function (no per-process seed); zlib's CRC-32 is another.
  const std::uint64_t h = std::hash<std::string_view>{}(body);
  const auto crc = crc32_z(crc32_z(0, nullptr, 0), reinterpret_cast<const Bytef*>(body.data()), body.size());
  std::string tag = "\"";
  append_hex(tag, h, 16);
  append_hex(tag, crc, 8);
  tag += '"';
  return tag;
}

std::string gzip_entity_tag(std::string_view identity_tag) {
  std::string tag(identity_tag.substr(0, identity_tag.size() - 1));
  tag += "-gz\"";
  return tag;
}

bool none_match_fails(std::string_view if_none_match, std::string_view etag) {
  const auto mine = opaque(etag);
  std::size_t i = 0;
  const auto skip = [&](auto pred) {
    while (i < if_none_match.size() && pred(if_none_match[i])) ++i;
  };
  skip(is_ows);
  if (if_none_match.substr(i, 1) == "*") {
    ++i;
    skip(is_ows);
    return i == if_none_match.size();
  }
  // 1#entity-tag: tags separated by commas and optional spaces; a tag may itself contain commas.
  while (true) {
    skip([](char c) { return is_ows(c) || c == ','; });
    if (i == if_none_match.size()) return false;
    const std::size_t start = i;
    if (if_none_match.substr(i, 2) == "W/") i += 2;
    if (if_none_match.substr(i, 1) != "\"") return false;
    const auto close = if_none_match.find('"', i + 1);
    if (close == std::string_view::npos) return false;
    i = close + 1;
    if (!mine.empty() && opaque(if_none_match.substr(start, i - start)) == mine) return true;
  }
}

}  // namespace motcua::http
