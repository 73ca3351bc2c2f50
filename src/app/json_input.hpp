// Strict reading of JSON request bodies and import files. Every accessor checks the type and names the field
// (with its path, e.g. "fees[2].amount_vnd") in the error; finish() rejects fields nobody asked for, so a
// typo in a client never passes silently. Strings are checked for valid UTF-8 (the parser does it) and
// returned in NFC.
//
//   auto doc = parse_json_object(body);            // Result<nlohmann::json>
//   JsonObjectReader r(*doc);
//   auto name = r.required_string("name", 1000);
//   auto limit = r.optional_int("limit", 1, 100);
//   MOTCUA_RETURN_IF_ERROR(r.finish());            // first error of any accessor, or unknown fields
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace motcua::app {

// Parses `text` as a JSON object. InvalidArgument ("json.malformed" / "json.not_object") otherwise.
core::Result<nlohmann::json> parse_json_object(std::string_view text);

class JsonObjectReader {
 public:
  // `path` prefixes field names in errors ("" at the top level, "fees[0]" inside arrays).
  explicit JsonObjectReader(const nlohmann::json& object, std::string path = {});

  std::string required_string(const char* key, std::size_t max_chars);
  std::string optional_string(const char* key, std::size_t max_chars, std::string fallback = {});
  std::int64_t required_int(const char* key, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_int(const char* key, std::int64_t min, std::int64_t max);
  bool optional_bool(const char* key, bool fallback);
  std::vector<std::string> optional_string_array(const char* key, std::size_t max_items,
                                                 std::size_t max_chars);
  // The array at `key` (empty if absent); an error if present but not an array or longer than max_items.
  std::vector<const nlohmann::json*> optional_object_array(const char* key, std::size_t max_items);
  // The object at `key`, or null if absent; an error if present but not an object.
  const nlohmann::json* optional_object(const char* key);

  // Records an error found by the caller (e.g. an enum value that does not parse); the first error wins.
  void fail(core::Error error);
  bool failed() const { return error_.has_value(); }
  std::string field_path(std::string_view key) const;

  // The first error recorded, or an error naming the first unknown field.
  core::Status finish();

 private:
  const nlohmann::json* get(const char* key);
  void type_error(const char* key, const char* want_vi, const char* want_en);

  const nlohmann::json& object_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
  std::optional<core::Error> error_;
};

}  // namespace motcua::app
