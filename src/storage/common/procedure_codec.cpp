#include "storage/common/procedure_codec.hpp"

#include <nlohmann/json.hpp>

#include "storage/common/errors.hpp"

namespace motcua::storage {

namespace {

using nlohmann::json;

// Invalid UTF-8 (which callers are meant to reject earlier) is replaced rather than thrown on.
std::string to_text(const json& doc) {
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

core::Error corrupt(const char* what) {
  return db_internal(std::string("unreadable JSON column ") + what);
}

// Parses `text` as a JSON array and converts each element with `convert` (which may throw json::exception on
// a wrong type); any failure is reported as a corrupt column.
template <typename T, typename Convert>
core::Result<std::vector<T>> array_from_json(const std::string& text, const char* what, Convert convert) {
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_array()) return corrupt(what);
  std::vector<T> out;
  out.reserve(doc.size());
  try {
    for (const json& item : doc) {
      std::optional<T> value = convert(item);
      if (!value) return corrupt(what);
      out.push_back(std::move(*value));
    }
  } catch (const json::exception&) {
    return corrupt(what);
  }
  return out;
}

}  // namespace

std::string levels_to_json(const std::vector<domain::ProcedureLevel>& levels) {
  json doc = json::array();
  for (domain::ProcedureLevel l : levels) doc.push_back(domain::procedure_level_name(l));
  return to_text(doc);
}

std::string fees_to_json(const std::vector<domain::Fee>& fees) {
  json doc = json::array();
  for (const domain::Fee& f : fees)
    doc.push_back({{"name", f.name}, {"amount_vnd", f.amount_vnd}, {"note", f.note}});
  return to_text(doc);
}

std::string components_to_json(const std::vector<domain::DossierComponent>& components) {
  json doc = json::array();
  for (const domain::DossierComponent& c : components) {
    doc.push_back({{"name", c.name},
                   {"required", c.required},
                   {"quantity", c.quantity},
                   {"template_name", c.template_name}});
  }
  return to_text(doc);
}

std::string strings_to_json(const std::vector<std::string>& strings) {
  return to_text(json(strings));
}

core::Result<std::vector<domain::ProcedureLevel>> levels_from_json(const std::string& text) {
  return array_from_json<domain::ProcedureLevel>(text, "levels", [](const json& item) {
    return domain::parse_procedure_level(item.get<std::string>());
  });
}

core::Result<std::vector<domain::Fee>> fees_from_json(const std::string& text) {
  return array_from_json<domain::Fee>(text, "fees", [](const json& item) {
    return std::optional<domain::Fee>(domain::Fee{item.at("name").get<std::string>(),
                                                  item.at("amount_vnd").get<std::int64_t>(),
                                                  item.at("note").get<std::string>()});
  });
}

core::Result<std::vector<domain::DossierComponent>> components_from_json(const std::string& text) {
  return array_from_json<domain::DossierComponent>(text, "components", [](const json& item) {
    return std::optional<domain::DossierComponent>(domain::DossierComponent{
        item.at("name").get<std::string>(), item.at("required").get<bool>(),
        item.at("quantity").get<std::string>(), item.at("template_name").get<std::string>()});
  });
}

core::Result<std::vector<std::string>> strings_from_json(const std::string& text) {
  return array_from_json<std::string>(text, "legal_basis", [](const json& item) {
    return std::optional<std::string>(item.get<std::string>());
  });
}

}  // namespace motcua::storage
