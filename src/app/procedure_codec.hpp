// JSON form of catalogue entries, shared by the API, the import/export files and the demo data:
//   {"code": "1.001193", "name": "...", "field": "Hộ tịch", "levels": ["commune"], "online_level": "full",
//    "time_limit": {"value": 0, "unit": "working_days", "note": "...", "cutoff": "15:00"},
//    "fees": [{"name", "amount_vnd", "note"}], "components": [{"name", "required", "quantity", "template"}],
//    "result", "legal_basis": [...], "steps", "requirements", "applicants", "decision", "agency_codes":
//    [...], "source_url", "version" (read-only on output; required on update), "updated_at" (output only)}
// Decoding is strict: wrong types and unknown fields are errors naming the field; the result is validated
// with domain::validate_procedure.
#pragma once

#include <nlohmann/json.hpp>

#include "app/ports.hpp"
#include "domain/procedure.hpp"

namespace motcua::app {

core::Result<domain::Procedure> procedure_from_json(const nlohmann::json& object,
                                                    const std::string& path = {});
nlohmann::json procedure_to_json(const domain::Procedure& p);
nlohmann::json procedure_summary_to_json(const ProcedureSummary& s);

// "15:00" <-> 900 minutes after midnight.
std::optional<std::int32_t> parse_time_of_day(std::string_view hhmm);
std::string format_time_of_day(std::int32_t minutes);

}  // namespace motcua::app
