// Column lists shared by the procedure queries and the decoding of their rows. Internal to storage/common.
#pragma once

#include <cstddef>
#include <string_view>

#include "app/ports.hpp"
#include "storage/common/sql.hpp"

namespace motcua::storage {

// The summary columns (0..8) of a procedure row, table alias p.
inline constexpr std::string_view kSummaryColumns =
    "p.code, p.name, p.field, p.levels, p.online_level, p.time_limit_value, p.time_limit_unit, "
    "p.time_limit_note, "
    "p.time_limit_cutoff_minutes";

// The summary columns followed by the details (from column kDetailFirstColumn on).
inline constexpr std::string_view kDetailSelect =
    "SELECT p.code, p.name, p.field, p.levels, p.online_level, p.time_limit_value, p.time_limit_unit, "
    "p.time_limit_note, p.time_limit_cutoff_minutes, p.fees, p.components, p.result, p.legal_basis, p.steps, "
    "p.requirements, p.applicants, p.decision, p.source_url, p.version, p.updated_at FROM procedures p ";
inline constexpr std::size_t kDetailFirstColumn = 9;

// Decodes the summary columns of a row.
core::Result<app::ProcedureSummary> summary_from_row(const Row& row);

}  // namespace motcua::storage
