// The declaration (tờ khai) of a procedure as data: its fields, their types and whether they are required,
// e.g. the birth-registration declaration (child's name, date and place of birth, parents). A dossier's
// declaration values are validated against the form of the workflow version it starts with.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace motcua::domain {

enum class FieldType { kText, kDate, kPersonalId, kNumber, kChoice, kPhone, kEmail };
const char* field_type_name(
    FieldType t);  // "text" | "date" | "personal_id" | "number" | "choice" | "phone" | "email"
std::optional<FieldType> parse_field_type(std::string_view s);

struct FormField {
  std::string key;    // a-z0-9_: "ho_ten_tre"
  std::string label;  // "Họ, chữ đệm, tên của trẻ"
  FieldType type = FieldType::kText;
  bool required = false;
  int max_length = 500;              // text fields, in code points
  std::vector<std::string> options;  // kChoice
};

// Checks `values` against `fields`: required fields present, each value of its type (dates YYYY-MM-DD not in
// the future of `today`, personal IDs per §8.1, numbers, a choice among the options, lengths), and no key
// that the form does not declare. InvalidArgument with field "declaration.<key>".
core::Status validate_declaration(const std::vector<FormField>& fields,
                                  const std::map<std::string, std::string>& values, core::Date today);

}  // namespace motcua::domain
