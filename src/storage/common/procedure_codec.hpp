// The list fields of a procedure as the JSON documents stored in its row (TEXT on SQLite, JSONB on
// PostgreSQL):
//   levels      ["province", "commune"]
//   fees        [{"name": "...", "amount_vnd": 8000, "note": "..."}]
//   components  [{"name": "...", "required": true, "quantity": "...", "template_name": "..."}]
//   legal_basis ["Luật Hộ tịch 2014", ...]
// Decoding fails with kInternal on a document the code cannot read (a corrupt or foreign row). Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/procedure.hpp"

namespace motcua::storage {

std::string levels_to_json(const std::vector<domain::ProcedureLevel>& levels);
std::string fees_to_json(const std::vector<domain::Fee>& fees);
std::string components_to_json(const std::vector<domain::DossierComponent>& components);
std::string strings_to_json(const std::vector<std::string>& strings);

core::Result<std::vector<domain::ProcedureLevel>> levels_from_json(const std::string& json);
core::Result<std::vector<domain::Fee>> fees_from_json(const std::string& json);
core::Result<std::vector<domain::DossierComponent>> components_from_json(const std::string& json);
core::Result<std::vector<std::string>> strings_from_json(const std::string& json);

}  // namespace motcua::storage
