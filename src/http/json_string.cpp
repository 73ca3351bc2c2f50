#include "http/json_string.hpp"

#include <cstdio>

#include "core/text.hpp"

namespace motcua::http {

namespace {

// `s`, valid UTF-8, as a JSON string escaped as nlohmann::json::dump does (control characters as \u00XX,
// UTF-8 kept as is).
void append_escaped(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t run = 0;  // start of the characters not yet appended, which need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {  // the other control characters
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out.push_back(kHex[(static_cast<unsigned char>(c) >> 4) & 0xf]);
        out.push_back(kHex[static_cast<unsigned char>(c) & 0xf]);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

}  // namespace

void log_error_line(std::string_view msg, std::string_view what, std::string_view request_id) {
  std::string line = "{\"level\":\"error\"";
  if (!request_id.empty()) {
    line += ",\"request_id\":";
    append_json_string(line, request_id);
  }
  line += ",\"msg\":";
  append_json_string(line, msg);
  if (!what.empty()) {
    line += ",\"what\":";
    append_json_string(line, what);
  }
  line += "}\n";
  std::fputs(line.c_str(), stderr);
}

void append_json_string(std::string& out, std::string_view s) {
  if (core::is_valid_utf8(s)) {
    append_escaped(out, s);
  } else {
    append_escaped(out, core::to_valid_utf8(s));
  }
}

}  // namespace motcua::http
