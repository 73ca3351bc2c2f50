// JSON written straight to a string, for the hot paths: a dossier's stored document (written at every
// submission and action) and its API view. Over RapidJSON's SAX writer, so no tree of values is built: about
// ten times faster than building an nlohmann::json and dumping it (see docs/benchmarks.md, issue 4).
//
// Contract: the calls must nest as JSON does (begin/end pairs, a key before each member's value); RapidJSON
// asserts it in debug builds and the tests run those. Output is compact, non-ASCII UTF-8 is written as it is
// (not \u-escaped), and a string that is not well-formed UTF-8 is written with U+FFFD in place of the bad
// bytes, as the nlohmann responses do (error_handler_t::replace).
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace motcua::app {

class JsonWriter {
 public:
  JsonWriter() : writer_(buffer_) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object() {
    writer_.StartObject();
    return *this;
  }
  JsonWriter& end_object() {
    writer_.EndObject();
    return *this;
  }
  JsonWriter& begin_array() {
    writer_.StartArray();
    return *this;
  }
  JsonWriter& end_array() {
    writer_.EndArray();
    return *this;
  }

  // A member's name; its value is the next call.
  JsonWriter& key(std::string_view k) {
    writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    return *this;
  }

  JsonWriter& value(std::string_view s) {
    if (core::is_valid_utf8(s)) {
      writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    } else {
      const std::string valid = core::to_valid_utf8(s);
      writer_.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
    }
    return *this;
  }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t n) {
    writer_.Int64(n);
    return *this;
  }
  JsonWriter& value(int n) {
    writer_.Int(n);
    return *this;
  }
  JsonWriter& value(bool b) {
    writer_.Bool(b);
    return *this;
  }
  // An array of strings.
  JsonWriter& value(const std::vector<std::string>& items) {
    begin_array();
    for (const auto& s : items) value(s);
    return end_array();
  }
  // An object of string members, in key order.
  JsonWriter& value(const std::map<std::string, std::string>& members) {
    begin_object();
    for (const auto& [k, v] : members) key(k).value(v);
    return end_object();
  }

  // key(k).value(v).
  template <typename T>
  JsonWriter& member(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  // The text written so far (complete once every begin has its end).
  std::string str() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace motcua::app
