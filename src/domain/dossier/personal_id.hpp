// The 12-digit personal identification number (số định danh cá nhân, printed on the CCCD), spec §8.1:
// digits 1-3 the province of birth registration (the 63 pre-2025 codes, never re-issued), digit 4 century and
// sex, digits 5-6 the birth year's last two digits, digits 7-12 random. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace motcua::domain {

enum class Sex { kMale, kFemale };

struct PersonalIdInfo {
  std::string province_code;  // "079"
  std::string province_name;  // "TP Hồ Chí Minh"
  Sex sex = Sex::kMale;
  int birth_year = 0;
};

// Decodes and validates `id`. InvalidArgument (field `field`) when it is not 12 digits, the province code is
// unknown, or the birth year lies after `current_year` (the century digit and year in the future).
core::Result<PersonalIdInfo> parse_personal_id(std::string_view id, int current_year,
                                               std::string_view field = "personal_id");

}  // namespace motcua::domain
