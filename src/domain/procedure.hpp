// The administrative-procedure catalogue (thủ tục hành chính, TTHC) entry as published to citizens: national
// code, name, field, level, legal time limit, fees, dossier components, result, legal basis and online level.
// Plain value types and pure validation; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace motcua::domain {

enum class TimeLimitUnit { kWorkingDays, kWorkingHours, kDays, kMonths };
const char* time_limit_unit_name(TimeLimitUnit u);  // "working_days" | "working_hours" | "days" | "months"
const char* time_limit_unit_label_vi(TimeLimitUnit u);  // "ngày làm việc", "giờ làm việc", "ngày", "tháng"
std::optional<TimeLimitUnit> parse_time_limit_unit(std::string_view s);

enum class OnlineLevel { kFull, kPartial, kNone };  // Decree 42/2022: toàn trình / một phần / none
const char* online_level_name(OnlineLevel l);       // "full" | "partial" | "none"
const char* online_level_label_vi(OnlineLevel l);  // "Toàn trình" | "Một phần" | "Không trực tuyến"
std::optional<OnlineLevel> parse_online_level(std::string_view s);

// Levels that perform a procedure (cấp thực hiện). "other" covers "Cơ quan khác".
enum class ProcedureLevel { kMinistry, kProvince, kDistrict, kCommune, kOther };
const char* procedure_level_name(
    ProcedureLevel l);  // "ministry" | "province" | "district" | "commune" | "other"
const char* procedure_level_label_vi(
    ProcedureLevel l);  // "Cấp bộ", "Cấp tỉnh", "Cấp huyện", "Cấp xã", "Cơ quan khác"
std::optional<ProcedureLevel> parse_procedure_level(std::string_view s);

struct TimeLimit {
  std::int32_t value = 0;  // 0 with kWorkingDays means "within the day" (trong ngày)
  TimeLimitUnit unit = TimeLimitUnit::kWorkingDays;
  std::string note;  // the legal wording, e.g. "Trong ngày; nếu tiếp nhận sau 15 giờ thì trả trong ngày làm
                     // việc tiếp theo"
  std::optional<std::int32_t> cutoff_minutes;  // "received after 15:00 counts from the next working day": 900
};

struct Fee {
  std::string name;  // "Lệ phí đăng ký khai sinh"
  std::int64_t amount_vnd = 0;
  std::string note;  // "2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang"
};

struct DossierComponent {
  std::string name;  // "Tờ khai đăng ký khai sinh"
  bool required = true;
  std::string quantity;       // "1 bản chính"
  std::string template_name;  // form or template the citizen fills, if any
};

struct Procedure {
  std::string code;  // national code "1.001193"
  std::string name;
  std::string field;  // lĩnh vực: "Hộ tịch"
  std::vector<ProcedureLevel> levels;
  OnlineLevel online_level = OnlineLevel::kNone;
  TimeLimit time_limit;
  std::vector<Fee> fees;
  std::vector<DossierComponent> components;
  std::string result;  // "Giấy khai sinh"
  std::vector<std::string> legal_basis;
  std::string steps;                      // trình tự thực hiện
  std::string requirements;               // yêu cầu, điều kiện
  std::string applicants;                 // đối tượng thực hiện
  std::string decision;                   // publishing decision, "163/QĐ-BTP"
  std::vector<std::string> agency_codes;  // agencies of this deployment that perform it
  std::string source_url;
  std::int64_t version = 0;     // optimistic version, bumped by every update
  std::int64_t updated_at = 0;  // UnixSeconds
};

// National procedure codes look like "1.001193": one digit, a dot, six digits.
core::Status validate_procedure_code(std::string_view code);

// Full validation of an entry (code, non-empty name and field, at least one level, a time limit in a sane
// range, non-negative fees, components with names, lengths bounded). Errors name the offending field.
core::Status validate_procedure(const Procedure& p);

}  // namespace motcua::domain
