#include "domain/procedure.hpp"

#include "core/text.hpp"

namespace motcua::domain {

using core::Error;
using core::Status;

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_by_name(std::string_view s, const Enum (&values)[N], const char* (*name)(Enum)) {
  for (Enum v : values)
    if (s == name(v)) return v;
  return std::nullopt;
}

Status check_text(const std::string& value, std::size_t max_chars, bool required, const char* field,
                  const char* label_vi) {
  if (required && value.empty()) {
    return Error::invalid("procedure.field_required", std::string(label_vi) + " không được để trống.",
                          std::string(field) + " is required.", field);
  }
  if (core::utf8_length(value) > max_chars) {
    return Error::invalid(
        "procedure.field_too_long",
        std::string(label_vi) + " dài quá " + std::to_string(max_chars) + " ký tự.",
        std::string(field) + " is longer than " + std::to_string(max_chars) + " characters.", field);
  }
  return {};
}

}  // namespace

const char* time_limit_unit_name(TimeLimitUnit u) {
  switch (u) {
    case TimeLimitUnit::kWorkingDays:
      return "working_days";
    case TimeLimitUnit::kWorkingHours:
      return "working_hours";
    case TimeLimitUnit::kDays:
      return "days";
    case TimeLimitUnit::kMonths:
      return "months";
  }
  return "working_days";
}

const char* time_limit_unit_label_vi(TimeLimitUnit u) {
  switch (u) {
    case TimeLimitUnit::kWorkingDays:
      return "ngày làm việc";
    case TimeLimitUnit::kWorkingHours:
      return "giờ làm việc";
    case TimeLimitUnit::kDays:
      return "ngày";
    case TimeLimitUnit::kMonths:
      return "tháng";
  }
  return "";
}

std::optional<TimeLimitUnit> parse_time_limit_unit(std::string_view s) {
  static constexpr TimeLimitUnit kAll[] = {TimeLimitUnit::kWorkingDays, TimeLimitUnit::kWorkingHours,
                                           TimeLimitUnit::kDays, TimeLimitUnit::kMonths};
  return parse_by_name(s, kAll, time_limit_unit_name);
}

const char* online_level_name(OnlineLevel l) {
  switch (l) {
    case OnlineLevel::kFull:
      return "full";
    case OnlineLevel::kPartial:
      return "partial";
    case OnlineLevel::kNone:
      return "none";
  }
  return "none";
}

const char* online_level_label_vi(OnlineLevel l) {
  switch (l) {
    case OnlineLevel::kFull:
      return "Trực tuyến toàn trình";
    case OnlineLevel::kPartial:
      return "Trực tuyến một phần";
    case OnlineLevel::kNone:
      return "Không trực tuyến";
  }
  return "";
}

std::optional<OnlineLevel> parse_online_level(std::string_view s) {
  static constexpr OnlineLevel kAll[] = {OnlineLevel::kFull, OnlineLevel::kPartial, OnlineLevel::kNone};
  return parse_by_name(s, kAll, online_level_name);
}

const char* procedure_level_name(ProcedureLevel l) {
  switch (l) {
    case ProcedureLevel::kMinistry:
      return "ministry";
    case ProcedureLevel::kProvince:
      return "province";
    case ProcedureLevel::kDistrict:
      return "district";
    case ProcedureLevel::kCommune:
      return "commune";
    case ProcedureLevel::kOther:
      return "other";
  }
  return "other";
}

const char* procedure_level_label_vi(ProcedureLevel l) {
  switch (l) {
    case ProcedureLevel::kMinistry:
      return "Cấp bộ";
    case ProcedureLevel::kProvince:
      return "Cấp tỉnh";
    case ProcedureLevel::kDistrict:
      return "Cấp huyện";
    case ProcedureLevel::kCommune:
      return "Cấp xã";
    case ProcedureLevel::kOther:
      return "Cơ quan khác";
  }
  return "";
}

std::optional<ProcedureLevel> parse_procedure_level(std::string_view s) {
  static constexpr ProcedureLevel kAll[] = {ProcedureLevel::kMinistry, ProcedureLevel::kProvince,
                                            ProcedureLevel::kDistrict, ProcedureLevel::kCommune,
                                            ProcedureLevel::kOther};
  return parse_by_name(s, kAll, procedure_level_name);
}

Status validate_procedure_code(std::string_view code) {
  bool ok = code.size() == 8 && code[0] >= '1' && code[0] <= '9' && code[1] == '.';
  for (std::size_t i = 2; ok && i < code.size(); ++i) ok = code[i] >= '0' && code[i] <= '9';
  if (!ok) {
    return Error::invalid("procedure.code_invalid",
                          "Mã thủ tục phải có dạng một chữ số, dấu chấm và sáu chữ số, ví dụ 1.001193.",
                          "The procedure code must look like 1.001193 (a digit, a dot, six digits).", "code");
  }
  return {};
}

namespace {

Status validate_time_limit(const TimeLimit& t) {
  const int max = t.unit == TimeLimitUnit::kWorkingHours ? 2000
                  : t.unit == TimeLimitUnit::kMonths     ? 120
                                                         : 3650;
  if (t.value < 0 || t.value > max) {
    return Error::invalid("procedure.time_limit_invalid",
                          "Thời hạn giải quyết phải từ 0 đến " + std::to_string(max) + " " +
                              time_limit_unit_label_vi(t.unit) + ".",
                          "time_limit.value must be between 0 and " + std::to_string(max) + ".",
                          "time_limit.value");
  }
  if (t.cutoff_minutes && (*t.cutoff_minutes < 0 || *t.cutoff_minutes >= 24 * 60)) {
    return Error::invalid("procedure.cutoff_invalid", "Giờ chốt tiếp nhận phải nằm trong khoảng 00:00-23:59.",
                          "time_limit.cutoff must be a time of day between 00:00 and 23:59.",
                          "time_limit.cutoff");
  }
  return check_text(t.note, 2000, false, "time_limit.note", "Ghi chú thời hạn");
}

Status validate_lists(const Procedure& p) {
  if (p.levels.empty()) {
    return Error::invalid("procedure.levels_required", "Phải chọn ít nhất một cấp thực hiện.",
                          "At least one level is required.", "levels");
  }
  if (p.fees.size() > 50 || p.components.size() > 100 || p.legal_basis.size() > 100 ||
      p.agency_codes.size() > 500) {
    return Error::invalid("procedure.too_many_items",
                          "Danh sách phí, thành phần hồ sơ hoặc căn cứ pháp lý quá dài.",
                          "Too many fees, components, legal bases or agencies.", "");
  }
  for (const auto& f : p.fees) {
    if (f.amount_vnd < 0 || f.amount_vnd > 1'000'000'000'000) {
      return Error::invalid("procedure.fee_invalid", "Mức phí, lệ phí phải là số tiền không âm (đồng).",
                            "fees[].amount_vnd must be a non-negative amount in VND.", "fees.amount_vnd");
    }
    MOTCUA_RETURN_IF_ERROR(check_text(f.name, 500, true, "fees.name", "Tên khoản phí"));
    MOTCUA_RETURN_IF_ERROR(check_text(f.note, 2000, false, "fees.note", "Ghi chú phí"));
  }
  for (const auto& c : p.components) {
    MOTCUA_RETURN_IF_ERROR(check_text(c.name, 2000, true, "components.name", "Tên thành phần hồ sơ"));
    MOTCUA_RETURN_IF_ERROR(check_text(c.quantity, 200, false, "components.quantity", "Số lượng"));
    MOTCUA_RETURN_IF_ERROR(
        check_text(c.template_name, 500, false, "components.template", "Mẫu đơn, tờ khai"));
  }
  for (const auto& b : p.legal_basis)
    MOTCUA_RETURN_IF_ERROR(check_text(b, 1000, true, "legal_basis", "Căn cứ pháp lý"));
  return {};
}

}  // namespace

Status validate_procedure(const Procedure& p) {
  MOTCUA_RETURN_IF_ERROR(validate_procedure_code(p.code));
  MOTCUA_RETURN_IF_ERROR(check_text(p.name, 1000, true, "name", "Tên thủ tục"));
  MOTCUA_RETURN_IF_ERROR(check_text(p.field, 200, true, "field", "Lĩnh vực"));
  MOTCUA_RETURN_IF_ERROR(validate_time_limit(p.time_limit));
  MOTCUA_RETURN_IF_ERROR(validate_lists(p));
  MOTCUA_RETURN_IF_ERROR(check_text(p.result, 4000, false, "result", "Kết quả"));
  MOTCUA_RETURN_IF_ERROR(check_text(p.steps, 50000, false, "steps", "Trình tự thực hiện"));
  MOTCUA_RETURN_IF_ERROR(check_text(p.requirements, 50000, false, "requirements", "Yêu cầu, điều kiện"));
  MOTCUA_RETURN_IF_ERROR(check_text(p.applicants, 2000, false, "applicants", "Đối tượng thực hiện"));
  MOTCUA_RETURN_IF_ERROR(check_text(p.decision, 200, false, "decision", "Quyết định công bố"));
  MOTCUA_RETURN_IF_ERROR(check_text(p.source_url, 2000, false, "source_url", "Nguồn"));
  return {};
}

}  // namespace motcua::domain
