// Small helpers shared by the repository implementations: domain errors with fixed messages, reading enum
// columns, clamping page sizes. Internal to storage/common.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "storage/common/errors.hpp"
#include "storage/common/sql.hpp"

namespace motcua::storage {

inline core::Error make_error(core::ErrorCode code, std::string id, std::string vi, std::string en) {
  return {code, std::move(id), std::move(vi), std::move(en), {}};
}

// Parses an enum stored by name; a name the code does not know means a corrupt or newer database.
template <typename Enum>
core::Result<Enum> enum_column(std::optional<Enum> (*parse)(std::string_view), const std::string& text) {
  std::optional<Enum> v = parse(text);
  if (!v) return db_internal("unknown enum value in a stored row");
  return *v;
}

// Page sizes outside [1, max] are brought into range.
inline int clamp_limit(int limit, int max) {
  return limit < 1 ? 1 : (limit > max ? max : limit);
}

// The number of changed rows of an exec() as a Status: kNotFound `not_found` when nothing changed.
inline core::Status expect_changed(const core::Result<std::int64_t>& changed, const core::Error& not_found) {
  if (!changed) return changed.error();
  if (*changed == 0) return not_found;
  return {};
}

}  // namespace motcua::storage
