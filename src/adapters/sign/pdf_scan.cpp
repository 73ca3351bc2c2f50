#include "adapters/sign/pdf_scan.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <optional>

namespace motcua::adapters::sign {

namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr int kMaxDepth = 32;

bool is_ws(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool is_delim(char c) {
  return c != '\0' && std::strchr("()<>[]{}/%", c) != nullptr;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) {
  return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

core::Error invalid(const char* id, const char* vi, const char* en) {
  return core::Error::invalid(id, vi, en);
}

core::Error corrupt(const char* en) {
  return invalid("signature.corrupt", "Tệp PDF bị hỏng hoặc không đúng cấu trúc.", en);
}

// Skips whitespace and comments from `pos` (bounded by `limit`).
std::size_t skip_ws(std::string_view s, std::size_t pos, std::size_t limit) {
  while (pos < limit) {
    if (is_ws(s[pos])) {
      ++pos;
    } else if (s[pos] == '%') {
      while (pos < limit && s[pos] != '\n' && s[pos] != '\r') ++pos;
    } else {
      break;
    }
  }
  return pos;
}

std::size_t literal_string_end(std::string_view s, std::size_t pos, std::size_t limit) {
  int depth = 0;
  for (; pos < limit; ++pos) {
    if (s[pos] == '\\') {
      ++pos;
    } else if (s[pos] == '(') {
      ++depth;
    } else if (s[pos] == ')' && --depth == 0) {
      return pos + 1;
    }
  }
  return npos;
}

// The end of the PDF value (or token) that starts at `pos`; npos if it runs past `limit` or nests too deep.
std::size_t value_end(std::string_view s, std::size_t pos, std::size_t limit, int depth = 0) {
  if (pos >= limit || depth > kMaxDepth) return npos;
  const char c = s[pos];
  if (c == '(') return literal_string_end(s, pos, limit);
  if (c == '<' && pos + 1 < limit && s[pos + 1] == '<') {
    for (std::size_t p = skip_ws(s, pos + 2, limit); p < limit; p = skip_ws(s, p, limit)) {
      if (p + 1 < limit && s[p] == '>' && s[p + 1] == '>') return p + 2;
      p = value_end(s, p, limit, depth + 1);
      if (p == npos) return npos;
    }
    return npos;
  }
  if (c == '<') {
    const std::size_t close = s.find('>', pos);
    return close == npos || close >= limit ? npos : close + 1;
  }
  if (c == '[') {
    for (std::size_t p = skip_ws(s, pos + 1, limit); p < limit; p = skip_ws(s, p, limit)) {
      if (s[p] == ']') return p + 1;
      p = value_end(s, p, limit, depth + 1);
      if (p == npos) return npos;
    }
    return npos;
  }
  std::size_t p = pos + 1;  // a name ("/Type") or a regular token (number, R, true, obj...)
  while (p < limit && !is_ws(s[p]) && !is_delim(s[p])) ++p;
  return p;
}

// The offset of `key`'s value in the dictionary starting at `dict` ("<<"), or npos.
std::size_t dict_value(std::string_view s, std::size_t dict, std::size_t limit, std::string_view key) {
  if (dict + 1 >= limit || s.substr(dict, 2) != "<<") return npos;
  for (std::size_t p = skip_ws(s, dict + 2, limit); p < limit;) {
    if (s.substr(p, 2) == ">>") return npos;
    const std::size_t key_end = value_end(s, p, limit);
    if (key_end == npos) return npos;
    const std::size_t v = skip_ws(s, key_end, limit);
    if (s[p] == '/' && s.substr(p + 1, key_end - p - 1) == key) return v;
    const std::size_t v_end = value_end(s, v, limit);
    if (v_end == npos) return npos;
    p = skip_ws(s, v_end, limit);
  }
  return npos;
}

std::string_view token_at(std::string_view s, std::size_t pos, std::size_t limit) {
  const std::size_t end = value_end(s, pos, limit);
  return end == npos ? std::string_view() : s.substr(pos, end - pos);
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The bytes of a literal "(...)" or hex "<...>" string token.
std::string string_bytes(std::string_view tok) {
  std::string out;
  if (tok.size() >= 2 && tok.front() == '<') {
    int half = -1;
    for (const char c : tok.substr(1, tok.size() - 2)) {
      if (!is_hex(c)) continue;
      if (half < 0) {
        half = hex_value(c);
      } else {
        out += static_cast<char>(half * 16 + hex_value(c));
        half = -1;
      }
    }
    if (half >= 0) out += static_cast<char>(half * 16);
    return out;
  }
  if (tok.size() < 2 || tok.front() != '(') return out;
  const std::string_view body = tok.substr(1, tok.size() - 2);
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i];
      continue;
    }
    const char e = body[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case '\r':
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        break;
      case '\n':
        break;
      default:
        if (e >= '0' && e <= '7') {
          int v = e - '0';
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
            v = v * 8 + (body[++i] - '0');
          out += static_cast<char>(v & 0xFF);
        } else {
          out += e;
        }
    }
  }
  return out;
}

unsigned byte_at(const std::string& b, std::size_t i) {
  return static_cast<unsigned char>(b[i]);
}

// A PDF text string as UTF-8: UTF-16BE with a byte-order mark, else PDFDocEncoding (read as Latin-1).
std::string text_string(std::string_view tok) {
  const std::string b = string_bytes(tok);
  std::string out;
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFE && static_cast<unsigned char>(b[1]) == 0xFF) {
    for (std::size_t i = 2; i + 1 < b.size(); i += 2) {
      unsigned cp = byte_at(b, i) << 8 | byte_at(b, i + 1);
      if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < b.size()) {
        const unsigned lo = byte_at(b, i + 2) << 8 | byte_at(b, i + 3);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      }
      append_utf8(out, cp);
    }
    return out;
  }
  for (const char c : b) append_utf8(out, static_cast<unsigned char>(c));
  return out;
}

struct ObjectDef {
  std::uint64_t number = 0;
  std::size_t header = 0;  // offset of the object number
  std::size_t body = 0;    // just after "obj"
  std::size_t end = 0;     // offset of "endobj" (or the limit)
};

// Reads "N G obj" ending just before `obj_pos`; returns the object number and header offset.
std::optional<std::pair<std::uint64_t, std::size_t>> object_header(std::string_view s, std::size_t obj_pos) {
  std::size_t p = obj_pos;
  auto back_ws = [&] {
    while (p > 0 && is_ws(s[p - 1])) --p;
  };
  auto back_digits = [&] {
    const std::size_t end = p;
    while (p > 0 && is_digit(s[p - 1])) --p;
    return s.substr(p, end - p);
  };
  back_ws();
  if (back_digits().empty()) return std::nullopt;
  back_ws();
  const std::string_view num = back_digits();
  if (num.empty() || (p > 0 && !is_ws(s[p - 1]) && !is_delim(s[p - 1]))) return std::nullopt;
  std::uint64_t n = 0;
  if (std::from_chars(num.data(), num.data() + num.size(), n).ec != std::errc()) return std::nullopt;
  return std::make_pair(n, p);
}

// Every top-level "N G obj ... endobj" in [from, to), skipping over object bodies (and so over stream data).
std::vector<ObjectDef> objects_in(std::string_view s, std::size_t from, std::size_t to) {
  std::vector<ObjectDef> out;
  for (std::size_t p = s.find("obj", from); p != npos && p < to; p = s.find("obj", p + 3)) {
    const bool keyword = p + 3 >= s.size() || is_ws(s[p + 3]) || is_delim(s[p + 3]);
    if (!keyword || (p >= 3 && s.substr(p - 3, 3) == "end")) continue;
    const auto header = object_header(s, p);
    if (!header || header->second < from) continue;
    const std::size_t end = s.find("endobj", p + 3);
    out.push_back({header->first, header->second, p + 3, end == npos ? to : std::min(end, to)});
    if (end == npos) break;
    p = end + 3;
  }
  return out;
}

// The object whose body contains `pos`.
std::optional<ObjectDef> enclosing_object(std::string_view s, std::size_t pos) {
  for (std::size_t p = s.rfind("obj", pos); p != npos && p > 0; p = s.rfind("obj", p - 1)) {
    if (p >= 3 && s.substr(p - 3, 3) == "end") return std::nullopt;  // pos is between objects
    const bool keyword = p + 3 >= s.size() || is_ws(s[p + 3]) || is_delim(s[p + 3]);
    if (!keyword) continue;
    const auto header = object_header(s, p);
    if (!header) continue;
    const std::size_t end = s.find("endobj", p);
    return ObjectDef{header->first, header->second, p + 3, end == npos ? s.size() : end};
  }
  return std::nullopt;
}

std::size_t object_dict(std::string_view s, const ObjectDef& o) {
  const std::size_t d = skip_ws(s, o.body, o.end);
  return s.substr(d, 2) == "<<" ? d : npos;
}

std::string_view dict_name(std::string_view s, std::size_t dict, std::size_t limit, std::string_view key) {
  const std::size_t v = dict_value(s, dict, limit, key);
  if (v == npos || s[v] != '/') return {};
  return token_at(s, v, limit).substr(1);
}

bool read_byte_range(std::string_view s, std::size_t v, std::size_t limit,
                     std::array<std::uint64_t, 4>& out) {
  if (v == npos || s[v] != '[') return false;
  std::size_t p = v + 1;
  for (auto& n : out) {
    p = skip_ws(s, p, limit);
    const auto r = std::from_chars(s.data() + p, s.data() + limit, n);
    if (r.ec != std::errc()) return false;
    p = static_cast<std::size_t>(r.ptr - s.data());
  }
  p = skip_ws(s, p, limit);
  return p < limit && s[p] == ']';
}

// The DER length of a CMS (outer SEQUENCE) at the start of `der`, to strip the zero padding of /Contents.
std::size_t der_total_length(std::string_view der) {
  if (der.size() < 2 || static_cast<unsigned char>(der[0]) != 0x30) return der.size();
  const auto first = static_cast<unsigned char>(der[1]);
  if (first < 0x80) return std::min<std::size_t>(der.size(), 2u + first);
  const std::size_t n = first & 0x7F;
  if (n == 0 || n > 4 || der.size() < 2 + n) return der.size();
  std::size_t len = 0;
  for (std::size_t i = 0; i < n; ++i) len = len << 8 | static_cast<unsigned char>(der[2 + i]);
  return std::min(der.size(), 2 + n + len);
}

// Checks the byte range against the file and the dictionary's own /Contents; fills cms_der.
void check_candidate(std::string_view s, std::size_t dict, std::size_t limit, PdfSignatureCandidate& c) {
  const auto& br = c.byte_range;
  const std::uint64_t size = s.size();
  if (br[0] != 0 || br[1] >= br[2] || br[2] > size || br[3] > size - br[2] || br[2] - br[1] < 2) {
    c.problem = "the /ByteRange does not describe two ranges inside the file";
    return;
  }
  const auto gap = static_cast<std::size_t>(br[1]), gap_end = static_cast<std::size_t>(br[2]);
  if (dict_value(s, dict, limit, "Contents") != gap || value_end(s, gap, limit) != gap_end || s[gap] != '<' ||
      s[gap_end - 1] != '>') {
    c.problem = "the gap of the /ByteRange is not this signature's /Contents";
    return;
  }
  const std::string_view hex = s.substr(gap + 1, gap_end - gap - 2);
  if (hex.size() % 2 != 0 || !std::all_of(hex.begin(), hex.end(), is_hex)) {
    c.problem = "/Contents is not a hex string";
    return;
  }
  std::string der = string_bytes(s.substr(gap, gap_end - gap));
  const std::size_t used = der_total_length(der);
  if (std::any_of(der.begin() + static_cast<std::ptrdiff_t>(used), der.end(),
                  [](char b) { return b != 0; })) {
    c.problem = "/Contents holds bytes after the signature that are not zero padding";
    return;
  }
  der.resize(used);
  c.cms_der = std::move(der);
  c.well_formed = true;
}

// /T of the field whose /V refers to object `number`.
std::string field_name_of(std::string_view s, std::uint64_t number) {
  const std::string ref = std::to_string(number) + " 0 R";
  for (std::size_t p = s.find("/V", 0); p != npos; p = s.find("/V", p + 2)) {
    const std::size_t v = skip_ws(s, p + 2, s.size());
    if (p + 2 < s.size() && !is_ws(s[p + 2]) && !is_delim(s[p + 2])) continue;  // "/Version" etc.
    if (s.substr(v, ref.size()) != ref) continue;
    const auto obj = enclosing_object(s, p);
    if (!obj) continue;
    const std::size_t dict = object_dict(s, *obj);
    const std::size_t t = dict == npos ? npos : dict_value(s, dict, obj->end, "T");
    if (t != npos) return text_string(token_at(s, t, obj->end));
  }
  return {};
}

bool is_encrypted(std::string_view s) {
  for (std::size_t p = s.find("/Encrypt"); p != npos; p = s.find("/Encrypt", p + 8)) {
    const std::size_t v = skip_ws(s, p + 8, s.size());
    if (v < s.size() && (is_digit(s[v]) || s.substr(v, 2) == "<<")) return true;
  }
  return false;
}

bool duplicate(const std::vector<PdfSignatureCandidate>& found, const std::array<std::uint64_t, 4>& br) {
  return std::any_of(found.begin(), found.end(), [&](const auto& c) { return c.byte_range == br; });
}

}  // namespace

core::Result<PdfScan> scan_pdf(std::string_view pdf) {
  if (pdf.substr(0, 1024).find("%PDF-") == npos)
    return invalid("signature.not_pdf", "Tệp tải lên không phải PDF.", "The uploaded file is not a PDF.");
  if (pdf.substr(pdf.size() > 2048 ? pdf.size() - 2048 : 0).find("%%EOF") == npos)
    return corrupt("The PDF is truncated or corrupt (no %%EOF at its end).");
  if (is_encrypted(pdf))
    return invalid("signature.encrypted", "Tệp PDF được mã hóa; không kiểm tra được chữ ký.",
                   "The PDF is encrypted; its signatures cannot be checked.");
  PdfScan scan{pdf.size(), {}};
  for (std::size_t p = pdf.find("/ByteRange"); p != npos; p = pdf.find("/ByteRange", p + 10)) {
    const auto obj = enclosing_object(pdf, p);
    if (!obj) continue;
    const std::size_t dict = object_dict(pdf, *obj);
    const std::size_t v = dict == npos ? npos : dict_value(pdf, dict, obj->end, "ByteRange");
    if (v == npos) continue;  // not a key of a top-level dictionary: text inside a stream
    PdfSignatureCandidate c;
    c.object_offset = obj->header;
    if (!read_byte_range(pdf, v, obj->end, c.byte_range))
      return corrupt("A signature's /ByteRange cannot be read.");
    if (duplicate(scan.signatures, c.byte_range))
      continue;  // the same dictionary rewritten by a later revision
    check_candidate(pdf, dict, obj->end, c);
    c.sub_filter = std::string(dict_name(pdf, dict, obj->end, "SubFilter"));
    if (const auto m = dict_value(pdf, dict, obj->end, "M"); m != npos)
      c.claimed_time = string_bytes(token_at(pdf, m, obj->end));
    if (const auto n = dict_value(pdf, dict, obj->end, "Name"); n != npos)
      c.name = text_string(token_at(pdf, n, obj->end));
    c.field_name = field_name_of(pdf, obj->number);
    scan.signatures.push_back(std::move(c));
  }
  if (scan.signatures.empty())
    return invalid("signature.none", "Tệp PDF không có chữ ký số nào.", "The PDF has no digital signature.");
  return scan;
}

namespace {

enum class ObjectKind {
  kOther,
  kCatalog,
  kPage,
  kForm,
  kAnnotation,
  kSignature,
  kXRef,
  kInfo,
  kObjectStream
};

ObjectKind kind_of(std::string_view s, const ObjectDef& o) {
  const std::size_t dict = object_dict(s, o);
  if (dict == npos) return ObjectKind::kOther;
  const std::string_view type = dict_name(s, dict, o.end, "Type");
  if (type == "Catalog") return ObjectKind::kCatalog;
  if (type == "Page") return ObjectKind::kPage;
  if (type == "Sig") return ObjectKind::kSignature;
  if (type == "XRef") return ObjectKind::kXRef;
  if (type == "ObjStm") return ObjectKind::kObjectStream;
  if (type == "Annot" || dict_name(s, dict, o.end, "Subtype") == "Widget" ||
      dict_name(s, dict, o.end, "FT") == "Sig")
    return ObjectKind::kAnnotation;
  if (dict_value(s, dict, o.end, "Fields") != npos) return ObjectKind::kForm;
  if (type.empty() &&
      (dict_value(s, dict, o.end, "Producer") != npos || dict_value(s, dict, o.end, "ModDate") != npos))
    return ObjectKind::kInfo;
  return ObjectKind::kOther;
}

std::string_view raw_value(std::string_view s, const ObjectDef& o, std::string_view key) {
  const std::size_t dict = object_dict(s, o);
  const std::size_t v = dict == npos ? npos : dict_value(s, dict, o.end, key);
  return v == npos ? std::string_view() : token_at(s, v, o.end);
}

// A redefined page may gain annotations, nothing else that shows.
bool same_page_content(std::string_view s, const ObjectDef& before, const ObjectDef& after) {
  return raw_value(s, before, "Contents") == raw_value(s, after, "Contents") &&
         raw_value(s, before, "Resources") == raw_value(s, after, "Resources");
}

bool allowed_change(std::string_view s, const ObjectDef& def,
                    const std::map<std::uint64_t, ObjectDef>& before) {
  const ObjectKind kind = kind_of(s, def);
  if (kind == ObjectKind::kObjectStream)
    return false;  // compressed objects cannot be inspected without inflating
  const auto previous = before.find(def.number);
  if (previous == before.end()) return true;  // a new object changes nothing already shown
  switch (kind) {
    case ObjectKind::kPage:
      return same_page_content(s, previous->second, def);
    case ObjectKind::kCatalog:
    case ObjectKind::kForm:
    case ObjectKind::kAnnotation:
    case ObjectKind::kSignature:
    case ObjectKind::kXRef:
    case ObjectKind::kInfo:
      return true;
    case ObjectKind::kOther:
    case ObjectKind::kObjectStream:
      break;
  }
  return false;
}

}  // namespace

app::Modification modification_after(std::string_view pdf, std::uint64_t signed_until,
                                     const std::vector<std::uint64_t>& signed_ends) {
  std::size_t effective = pdf.size();
  while (effective > 0 && is_ws(pdf[effective - 1])) --effective;
  if (signed_until >= effective) return app::Modification::kNone;
  const std::uint64_t last =
      signed_ends.empty() ? 0 : *std::max_element(signed_ends.begin(), signed_ends.end());
  if (last < effective) return app::Modification::kChanged;  // unsigned bytes at the end
  const auto until = static_cast<std::size_t>(signed_until);
  std::map<std::uint64_t, ObjectDef> before;
  for (const auto& o : objects_in(pdf, 0, until)) before[o.number] = o;
  for (const auto& o : objects_in(pdf, until, pdf.size()))
    if (!allowed_change(pdf, o, before)) return app::Modification::kChanged;
  return app::Modification::kSignaturesAdded;
}

std::optional<core::UnixSeconds> parse_pdf_date(std::string_view d) {
  if (d.substr(0, 2) == "D:") d.remove_prefix(2);
  if (d.size() < 14 || !std::all_of(d.begin(), d.begin() + 14, is_digit)) return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    std::from_chars(d.data() + pos, d.data() + pos + len, v);
    return v;
  };
  struct tm tm {};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(8, 2);
  tm.tm_min = num(10, 2);
  tm.tm_sec = num(12, 2);
  auto t = static_cast<core::UnixSeconds>(timegm(&tm));
  if (d.size() >= 20 && (d[14] == '+' || d[14] == '-') && is_digit(d[15]) && is_digit(d[16])) {
    const int offset = num(15, 2) * 3600 + num(18, 2) * 60;
    t += d[14] == '+' ? -offset : offset;
  }
  return t;
}

}  // namespace motcua::adapters::sign
