// HTTP request and response values exchanged between the server adapter (H2O, confined to
// server.cpp) and handlers in api/ and web/. Handlers never see the HTTP library.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motcua::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
const char* method_name(Method m);

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::kGet;
  std::string path;   // decoded path, e.g. "/api/v1/procedures/1.001193"
  std::string query;  // raw query string without '?'
  Headers headers;    // names lower-cased
  std::string body;
  std::string remote;  // client address
  std::string request_id;
  std::vector<std::pair<std::string, std::string>> params;  // path parameters filled by the router

  // Case-insensitive header lookup (names are stored lower-case).
  std::optional<std::string_view> header(std::string_view lower_name) const;
  // Path parameter by name; empty if absent.
  std::string_view param(std::string_view name) const;
  // Decoded query parameter (first occurrence); nullopt if absent.
  std::optional<std::string> query_param(std::string_view name) const;
  // Decoded form field of an application/x-www-form-urlencoded body.
  std::optional<std::string> form_field(std::string_view name) const;
  // Value of a cookie sent in the Cookie header.
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // When set, the body is this shared, immutable text instead of `body` (cached documents are sent without a
  // copy).
  std::shared_ptr<const std::string> shared_body;
  Headers headers;  // extra headers (Set-Cookie, Location, Cache-Control...)
  // The Content-Length to announce when it differs from the body's: the answer to HEAD has no body but the
  // length the same GET's body would have.
  std::optional<std::size_t> content_length;

  std::string_view body_text() const { return shared_body ? std::string_view(*shared_body) : body; }
  // The first extra header of that name (compared without regard to ASCII case); nullopt if absent.
  std::optional<std::string_view> header(std::string_view name) const;

  static Response json(int status, std::string body);
  // A JSON response whose body is shared with a cache; `body` must not be null.
  static Response json(int status, std::shared_ptr<const std::string> body);
  static Response html(int status, std::string body);
  static Response redirect(std::string location);  // 303 See Other
};

// Percent-decodes `s` ('+' as space when `plus_as_space`). Returns nullopt for a malformed escape.
std::optional<std::string> url_decode(std::string_view s, bool plus_as_space);
// Percent-encodes everything but unreserved characters.
std::string url_encode(std::string_view s);
// Value of `name` in an "a=1&b=2" string, decoded; nullopt if absent or malformed.
std::optional<std::string> find_urlencoded(std::string_view encoded, std::string_view name);
// Escapes text for HTML element content and attribute values.
std::string html_escape(std::string_view s);

}  // namespace motcua::http
