#include "domain/dossier/declaration.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/dossier/personal_id.hpp"

namespace motcua::domain {

using core::Error;
using core::Status;

const char* field_type_name(FieldType t) {
  switch (t) {
    case FieldType::kText:
      return "text";
    case FieldType::kDate:
      return "date";
    case FieldType::kPersonalId:
      return "personal_id";
    case FieldType::kNumber:
      return "number";
    case FieldType::kChoice:
      return "choice";
    case FieldType::kPhone:
      return "phone";
    case FieldType::kEmail:
      return "email";
  }
  return "text";
}

std::optional<FieldType> parse_field_type(std::string_view s) {
  for (auto t : {FieldType::kText, FieldType::kDate, FieldType::kPersonalId, FieldType::kNumber,
                 FieldType::kChoice, FieldType::kPhone, FieldType::kEmail}) {
    if (s == field_type_name(t)) return t;
  }
  return std::nullopt;
}

namespace {

Error field_error(const FormField& f, const std::string& vi, const std::string& en) {
  return Error::invalid("declaration.invalid", "Tờ khai, mục \"" + f.label + "\": " + vi,
                        "Declaration field \"" + f.key + "\": " + en, "declaration." + f.key);
}

bool all_of_chars(const std::string& v, bool (*ok)(char)) {
  return !v.empty() && std::all_of(v.begin(), v.end(), ok);
}

Status check_value(const FormField& f, const std::string& v, core::Date today) {
  if (core::utf8_length(v) > static_cast<std::size_t>(f.max_length)) {
    return field_error(f, "dài quá " + std::to_string(f.max_length) + " ký tự.",
                       "longer than " + std::to_string(f.max_length) + " characters.");
  }
  switch (f.type) {
    case FieldType::kText:
      return {};
    case FieldType::kDate: {
      auto d = core::parse_date(v);
      if (!d)
        return field_error(f, "phải là ngày có thật dạng YYYY-MM-DD.", "must be a real date YYYY-MM-DD.");
      if (*d > today)
        return field_error(f, "không được là ngày trong tương lai.", "must not be in the future.");
      return {};
    }
    case FieldType::kPersonalId: {
      auto id = parse_personal_id(v, static_cast<int>(today.year()), "declaration." + f.key);
      if (!id) return id.error();
      return {};
    }
    case FieldType::kNumber:
      if (!all_of_chars(v, [](char c) { return c >= '0' && c <= '9'; }) || v.size() > 18) {
        return field_error(f, "phải là số nguyên không âm.", "must be a non-negative integer.");
      }
      return {};
    case FieldType::kChoice:
      if (std::find(f.options.begin(), f.options.end(), v) == f.options.end()) {
        return field_error(f, "phải là một trong các lựa chọn đã cho.", "must be one of the listed options.");
      }
      return {};
    case FieldType::kPhone:
      if (!all_of_chars(v, [](char c) { return (c >= '0' && c <= '9') || c == '+'; }) || v.size() < 9 ||
          v.size() > 15) {
        return field_error(f, "phải là số điện thoại 9-15 chữ số.", "must be a phone number of 9-15 digits.");
      }
      return {};
    case FieldType::kEmail:
      if (v.find('@') == std::string::npos || v.find(' ') != std::string::npos) {
        return field_error(f, "phải là địa chỉ thư điện tử.", "must be an e-mail address.");
      }
      return {};
  }
  return {};
}

}  // namespace

Status validate_declaration(const std::vector<FormField>& fields,
                            const std::map<std::string, std::string>& values, core::Date today) {
  for (const auto& f : fields) {
    auto it = values.find(f.key);
    if (it == values.end() || it->second.empty()) {
      if (f.required) return field_error(f, "không được để trống.", "is required.");
      continue;
    }
    MOTCUA_RETURN_IF_ERROR(check_value(f, it->second, today));
  }
  for (const auto& [key, value] : values) {
    const bool known =
        std::any_of(fields.begin(), fields.end(), [&](const FormField& f) { return f.key == key; });
    if (!known) {
      return Error::invalid("declaration.unknown_field", "Tờ khai không có mục \"" + key + "\".",
                            "The declaration has no field \"" + key + "\".", "declaration." + key);
    }
  }
  return {};
}

}  // namespace motcua::domain
