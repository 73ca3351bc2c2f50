// JSON strings for the log lines the HTTP layer writes by hand (the access log, error lines): faster than
// building a nlohmann tree per request, and unable to throw on the bytes a client or an exception brings.
#pragma once

#include <string>
#include <string_view>

namespace motcua::http {

// Appends `s` to `out` as a JSON string, escaped as nlohmann::json::dump does (control characters as \u00XX,
// UTF-8 kept as is); ill-formed UTF-8 is written with U+FFFD in place of the bad bytes (core::to_valid_utf8),
// as nlohmann's error_handler_t::replace does.
void append_json_string(std::string& out, std::string_view s);

// Writes one error line to stderr: {"level":"error","request_id":...,"msg":...,"what":...}, without
// "request_id" or "what" when they are empty. Any bytes are safe (append_json_string), so a caller that
// caught an exception cannot throw again from here.
void log_error_line(std::string_view msg, std::string_view what = {}, std::string_view request_id = {});

}  // namespace motcua::http
