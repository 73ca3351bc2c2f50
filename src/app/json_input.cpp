#include "app/json_input.hpp"

#include "core/text.hpp"

namespace motcua::app {

using core::Error;

core::Result<nlohmann::json> parse_json_object(std::string_view text) {
  auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) {
    return Error::invalid(
        "json.malformed",
        "Dữ liệu gửi lên không phải JSON hợp lệ (kiểm tra dấu ngoặc, dấu phẩy và mã hóa UTF-8).",
        "The body is not valid JSON (check brackets, commas and UTF-8 encoding).", "");
  }
  if (!doc.is_object()) {
    return Error::invalid("json.not_object", "Dữ liệu gửi lên phải là một đối tượng JSON {...}.",
                          "The body must be a JSON object {...}.", "");
  }
  return doc;
}

JsonObjectReader::JsonObjectReader(const nlohmann::json& object, std::string path)
    : object_(object), path_(std::move(path)) {}

std::string JsonObjectReader::field_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonObjectReader::fail(Error error) {
  if (!error_) error_ = std::move(error);
}

const nlohmann::json* JsonObjectReader::get(const char* key) {
  seen_.insert(key);
  auto it = object_.find(key);
  return it == object_.end() || it->is_null() ? nullptr : &*it;
}

void JsonObjectReader::type_error(const char* key, const char* want_vi, const char* want_en) {
  const auto f = field_path(key);
  fail(Error::invalid("json.wrong_type", "Trường \"" + f + "\" phải là " + want_vi + ".",
                      "Field \"" + f + "\" must be " + want_en + ".", f));
}

std::string JsonObjectReader::optional_string(const char* key, std::size_t max_chars, std::string fallback) {
  const auto* v = get(key);
  if (!v) return fallback;
  if (!v->is_string()) {
    type_error(key, "chuỗi ký tự", "a string");
    return fallback;
  }
  std::string s = core::trim(core::to_nfc(v->get_ref<const std::string&>()));
  if (core::utf8_length(s) > max_chars) {
    const auto f = field_path(key);
    fail(Error::invalid(
        "json.too_long", "Trường \"" + f + "\" dài quá " + std::to_string(max_chars) + " ký tự.",
        "Field \"" + f + "\" is longer than " + std::to_string(max_chars) + " characters.", f));
  }
  return s;
}

std::string JsonObjectReader::required_string(const char* key, std::size_t max_chars) {
  if (!get(key)) {
    const auto f = field_path(key);
    fail(Error::invalid("json.missing", "Thiếu trường bắt buộc \"" + f + "\".",
                        "Missing required field \"" + f + "\".", f));
    return {};
  }
  return optional_string(key, max_chars);
}

std::optional<std::int64_t> JsonObjectReader::optional_int(const char* key, std::int64_t min,
                                                           std::int64_t max) {
  const auto* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    type_error(key, "số nguyên", "an integer");
    return std::nullopt;
  }
  const auto n = v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)
                     ? max + (max < INT64_MAX ? 1 : 0)
                     : v->get<std::int64_t>();
  if (n < min || n > max) {
    const auto f = field_path(key);
    fail(Error::invalid(
        "json.out_of_range",
        "Trường \"" + f + "\" phải từ " + std::to_string(min) + " đến " + std::to_string(max) + ".",
        "Field \"" + f + "\" must be between " + std::to_string(min) + " and " + std::to_string(max) + ".",
        f));
    return std::nullopt;
  }
  return n;
}

std::int64_t JsonObjectReader::required_int(const char* key, std::int64_t min, std::int64_t max) {
  if (!get(key)) {
    const auto f = field_path(key);
    fail(Error::invalid("json.missing", "Thiếu trường bắt buộc \"" + f + "\".",
                        "Missing required field \"" + f + "\".", f));
    return min;
  }
  return optional_int(key, min, max).value_or(min);
}

bool JsonObjectReader::optional_bool(const char* key, bool fallback) {
  const auto* v = get(key);
  if (!v) return fallback;
  if (!v->is_boolean()) {
    type_error(key, "true hoặc false", "true or false");
    return fallback;
  }
  return v->get<bool>();
}

std::vector<std::string> JsonObjectReader::optional_string_array(const char* key, std::size_t max_items,
                                                                 std::size_t max_chars) {
  std::vector<std::string> out;
  const auto* v = get(key);
  if (!v) return out;
  if (!v->is_array() || v->size() > max_items) {
    type_error(key, ("danh sách chuỗi (tối đa " + std::to_string(max_items) + " mục)").c_str(),
               ("an array of at most " + std::to_string(max_items) + " strings").c_str());
    return out;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    const auto f = field_path(key) + "[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      fail(Error::invalid("json.wrong_type", "Trường \"" + f + "\" phải là chuỗi ký tự.",
                          "Field \"" + f + "\" must be a string.", f));
      return out;
    }
    std::string s = core::trim(core::to_nfc(item.get_ref<const std::string&>()));
    if (core::utf8_length(s) > max_chars) {
      fail(Error::invalid("json.too_long", "Trường \"" + f + "\" quá dài.",
                          "Field \"" + f + "\" is too long.", f));
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<const nlohmann::json*> JsonObjectReader::optional_object_array(const char* key,
                                                                           std::size_t max_items) {
  std::vector<const nlohmann::json*> out;
  const auto* v = get(key);
  if (!v) return out;
  if (!v->is_array() || v->size() > max_items) {
    type_error(key, ("danh sách đối tượng (tối đa " + std::to_string(max_items) + " mục)").c_str(),
               ("an array of at most " + std::to_string(max_items) + " objects").c_str());
    return out;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_object()) {
      const auto f = field_path(key) + "[" + std::to_string(i) + "]";
      fail(Error::invalid("json.wrong_type", "Trường \"" + f + "\" phải là đối tượng {...}.",
                          "Field \"" + f + "\" must be an object {...}.", f));
      return {};
    }
    out.push_back(&(*v)[i]);
  }
  return out;
}

const nlohmann::json* JsonObjectReader::optional_object(const char* key) {
  const auto* v = get(key);
  if (v && !v->is_object()) {
    type_error(key, "đối tượng {...}", "an object {...}");
    return nullptr;
  }
  return v;
}

core::Status JsonObjectReader::finish() {
  if (error_) return *error_;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!seen_.contains(it.key())) {
      const auto f = field_path(it.key());
      return Error::invalid("json.unknown_field",
                            "Trường \"" + f + "\" không được hỗ trợ; kiểm tra lại tên trường.",
                            "Unknown field \"" + f + "\"; check the field name.", f);
    }
  }
  return {};
}

}  // namespace motcua::app
