#include "domain/calendar/holidays.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace motcua::domain::calendar {

namespace {

using core::Error;
using core::Status;

constexpr Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

constexpr const char* kLc2019 = "Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1 [V-3p]";
constexpr const char* kLc2012 = "Bộ luật Lao động 2012 (10/2012/QH13), Điều 115 khoản 1 [U]";
constexpr const char* kCsv = "vacanza/holidays (Vietnam), shared/data/vn-official-days-off.csv [V-3p]";
constexpr const char* kSwap2024 = "Hoán đổi 29/04 ↔ 04/05/2024, shared/data/vn-official-days-off.csv [V-3p]";
constexpr const char* kSwap2025 = "Hoán đổi 02/05 ↔ 26/04/2025, domain spec §3.2 [U]";
constexpr const char* kNotice2026 = "Thông báo 9441/TB-BNV (Bộ Nội vụ), domain spec §3.2 [V-3p, one source]";

HolidayRule solar(std::string occasion, std::string name, unsigned month, unsigned day) {
  HolidayRule r;
  r.occasion = std::move(occasion);
  r.name_vi = std::move(name);
  r.month = static_cast<int>(month);
  r.day = static_cast<int>(day);
  return r;
}

HolidayRule lunar(std::string occasion, std::string name, int month, int day) {
  HolidayRule r = solar(std::move(occasion), std::move(name), 1, 1);
  r.basis = DateBasis::kLunar;
  r.month = month;
  r.day = day;
  return r;
}

HolidayRule tet(int length) {
  HolidayRule r = lunar("tet_nguyen_dan", "Tết Nguyên đán", 1, 1);
  r.first_offset = -1;
  r.length = length;
  return r;
}

// The six occasions of both codes; the 2019 code gives Quốc khánh an adjacent day.
std::vector<HolidayRule> labour_code_rules(AdjacentDay national_day, const char* source, Date from,
                                           std::optional<Date> to) {
  HolidayRule quoc_khanh = solar("quoc_khanh", "Quốc khánh", 9, 2);
  quoc_khanh.adjacent = national_day;
  std::vector<HolidayRule> rules = {
      solar("tet_duong_lich", "Tết Dương lịch", 1, 1),
      tet(5),
      lunar("gio_to_hung_vuong", "Giỗ Tổ Hùng Vương", 3, 10),
      solar("ngay_chien_thang", "Ngày Chiến thắng", 4, 30),
      solar("quoc_te_lao_dong", "Ngày Quốc tế Lao động", 5, 1),
      quoc_khanh,
  };
  for (HolidayRule& r : rules) {
    r.source = source;
    r.effective_from = from;
    r.effective_to = to;
  }
  return rules;
}

OfficialDay row(Date date, OfficialDayKind kind, std::string occasion, std::string name, const char* source) {
  return {date, kind, std::move(occasion), std::move(name), source};
}

using K = OfficialDayKind;

void append_2024(std::vector<OfficialDay>& v) {
  v.push_back(row(ymd(2024, 1, 1), K::kHoliday, "tet_duong_lich", "Tết Dương lịch", kCsv));
  v.push_back(row(ymd(2024, 2, 8), K::kCompensatory, "tet_nguyen_dan",
                  "Tết Nguyên đán (nghỉ bù, 29 tháng Chạp)", kCsv));
  v.push_back(row(ymd(2024, 2, 9), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (30 tháng Chạp)", kCsv));
  v.push_back(row(ymd(2024, 2, 10), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 1)", kCsv));
  v.push_back(row(ymd(2024, 2, 11), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 2)", kCsv));
  v.push_back(row(ymd(2024, 2, 12), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 3)", kCsv));
  v.push_back(row(ymd(2024, 2, 13), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 4)", kCsv));
  v.push_back(
      row(ymd(2024, 2, 14), K::kCompensatory, "tet_nguyen_dan", "Tết Nguyên đán (nghỉ bù, mùng 5)", kCsv));
  v.push_back(row(ymd(2024, 4, 18), K::kHoliday, "gio_to_hung_vuong", "Giỗ Tổ Hùng Vương", kCsv));
  v.push_back(row(ymd(2024, 4, 29), K::kSwapOff, "", "Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)", kSwap2024));
  v.push_back(row(ymd(2024, 4, 30), K::kHoliday, "ngay_chien_thang", "Ngày Chiến thắng", kCsv));
  v.push_back(row(ymd(2024, 5, 1), K::kHoliday, "quoc_te_lao_dong", "Ngày Quốc tế Lao động", kCsv));
  v.push_back(row(ymd(2024, 5, 4), K::kSwapWork, "", "Làm bù cho ngày nghỉ 29/04/2024", kSwap2024));
  v.push_back(row(ymd(2024, 9, 2), K::kHoliday, "quoc_khanh", "Quốc khánh", kCsv));
  v.push_back(row(ymd(2024, 9, 3), K::kHoliday, "quoc_khanh", "Quốc khánh (ngày liền kề)", kCsv));
}

void append_2025(std::vector<OfficialDay>& v) {
  v.push_back(row(ymd(2025, 1, 1), K::kHoliday, "tet_duong_lich", "Tết Dương lịch", kCsv));
  v.push_back(row(ymd(2025, 1, 27), K::kCompensatory, "tet_nguyen_dan",
                  "Tết Nguyên đán (nghỉ bù, 28 tháng Chạp)", kCsv));
  v.push_back(row(ymd(2025, 1, 28), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (29 tháng Chạp)", kCsv));
  v.push_back(row(ymd(2025, 1, 29), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 1)", kCsv));
  v.push_back(row(ymd(2025, 1, 30), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 2)", kCsv));
  v.push_back(row(ymd(2025, 1, 31), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 3)", kCsv));
  v.push_back(row(ymd(2025, 2, 1), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 4)", kCsv));
  v.push_back(row(ymd(2025, 4, 7), K::kHoliday, "gio_to_hung_vuong", "Giỗ Tổ Hùng Vương", kCsv));
  v.push_back(row(ymd(2025, 4, 26), K::kSwapWork, "", "Làm bù cho ngày nghỉ 02/05/2025", kSwap2025));
  v.push_back(row(ymd(2025, 4, 30), K::kHoliday, "ngay_chien_thang", "Ngày Chiến thắng", kCsv));
  v.push_back(row(ymd(2025, 5, 1), K::kHoliday, "quoc_te_lao_dong", "Ngày Quốc tế Lao động", kCsv));
  v.push_back(row(ymd(2025, 5, 2), K::kSwapOff, "", "Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)", kSwap2025));
  v.push_back(row(ymd(2025, 9, 1), K::kHoliday, "quoc_khanh", "Quốc khánh (ngày liền kề)", kCsv));
  v.push_back(row(ymd(2025, 9, 2), K::kHoliday, "quoc_khanh", "Quốc khánh", kCsv));
}

void append_2026(std::vector<OfficialDay>& v) {
  v.push_back(row(ymd(2026, 1, 1), K::kHoliday, "tet_duong_lich", "Tết Dương lịch", kCsv));
  v.push_back(row(ymd(2026, 2, 16), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (29 tháng Chạp)", kCsv));
  v.push_back(row(ymd(2026, 2, 17), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 1)", kCsv));
  v.push_back(row(ymd(2026, 2, 18), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 2)", kCsv));
  v.push_back(row(ymd(2026, 2, 19), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 3)", kCsv));
  v.push_back(row(ymd(2026, 2, 20), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 4)", kCsv));
  v.push_back(row(ymd(2026, 4, 26), K::kHoliday, "gio_to_hung_vuong", "Giỗ Tổ Hùng Vương", kCsv));
  v.push_back(
      row(ymd(2026, 4, 27), K::kCompensatory, "gio_to_hung_vuong", "Giỗ Tổ Hùng Vương (nghỉ bù)", kCsv));
  v.push_back(row(ymd(2026, 4, 30), K::kHoliday, "ngay_chien_thang", "Ngày Chiến thắng", kCsv));
  v.push_back(row(ymd(2026, 5, 1), K::kHoliday, "quoc_te_lao_dong", "Ngày Quốc tế Lao động", kCsv));
  v.push_back(row(ymd(2026, 8, 22), K::kSwapWork, "", "Làm bù cho ngày nghỉ 31/08/2026", kNotice2026));
  v.push_back(
      row(ymd(2026, 8, 31), K::kSwapOff, "", "Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)", kNotice2026));
  v.push_back(row(ymd(2026, 9, 1), K::kHoliday, "quoc_khanh", "Quốc khánh (ngày liền kề)", kCsv));
  v.push_back(row(ymd(2026, 9, 2), K::kHoliday, "quoc_khanh", "Quốc khánh", kCsv));
}

constexpr std::array<std::pair<OfficialDayKind, const char*>, 5> kKindNames = {{
    {OfficialDayKind::kHoliday, "holiday"},
    {OfficialDayKind::kCompensatory, "compensatory"},
    {OfficialDayKind::kSwapOff, "swap_off"},
    {OfficialDayKind::kSwapWork, "swap_work"},
    {OfficialDayKind::kExtraOff, "extra_off"},
}};

Error invalid_field(std::string field, std::string vi, std::string en) {
  return Error::invalid("calendar.rules_invalid", std::move(vi), std::move(en), std::move(field));
}

std::string indexed(const char* list, std::size_t i, const char* member) {
  return std::string(list) + "[" + std::to_string(i) + "]." + member;
}

Status validate_rule(const HolidayRule& r, std::size_t i) {
  if (r.occasion.empty())
    return invalid_field(indexed("statutory", i, "occasion"), "Thiếu mã dịp nghỉ lễ.",
                         "Missing occasion id.");
  if (r.name_vi.empty())
    return invalid_field(indexed("statutory", i, "name_vi"), "Thiếu tên ngày lễ.", "Missing holiday name.");
  if (r.month < 1 || r.month > 12)
    return invalid_field(indexed("statutory", i, "month"), "Tháng phải từ 1 đến 12.", "Month must be 1-12.");
  if (r.day < 1 || r.day > (r.basis == DateBasis::kLunar ? 30 : 31)) {
    return invalid_field(indexed("statutory", i, "day"), "Ngày không hợp lệ.", "Invalid day of month.");
  }
  if (r.length < 1 || r.length > 15 || r.first_offset < -15 || r.first_offset > 15) {
    return invalid_field(indexed("statutory", i, "length"), "Số ngày nghỉ phải từ 1 đến 15.",
                         "Length must be 1-15 days.");
  }
  if (!r.effective_from.ok() ||
      (r.effective_to && (!r.effective_to->ok() || *r.effective_to < r.effective_from))) {
    return invalid_field(indexed("statutory", i, "effective_to"), "Thời gian hiệu lực không hợp lệ.",
                         "Invalid effective period.");
  }
  return {};
}

Status validate_official(const std::vector<OfficialDay>& rows) {
  std::vector<DayNumber> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].date.ok())
      return invalid_field(indexed("official", i, "date"), "Ngày không hợp lệ.", "Invalid date.");
    if (rows[i].name_vi.empty())
      return invalid_field(indexed("official", i, "name_vi"), "Thiếu tên ngày nghỉ.", "Missing name.");
    seen.push_back(day_number(rows[i].date));
  }
  std::sort(seen.begin(), seen.end());
  const auto dup = std::adjacent_find(seen.begin(), seen.end());
  if (dup != seen.end()) {
    return invalid_field("official.date",
                         "Một ngày được khai báo hai lần: " + core::format_date(date_of(*dup)),
                         "A date is declared twice: " + core::format_date(date_of(*dup)));
  }
  return {};
}

}  // namespace

const char* official_day_kind_name(OfficialDayKind k) {
  for (const auto& [kind, name] : kKindNames) {
    if (kind == k) return name;
  }
  return "holiday";
}

std::optional<OfficialDayKind> parse_official_day_kind(std::string_view s) {
  for (const auto& [kind, name] : kKindNames) {
    if (s == name) return kind;
  }
  return std::nullopt;
}

std::vector<HolidayRule> labour_code_2019_rules() {
  return labour_code_rules(AdjacentDay::kBridgeToWeekend, kLc2019, ymd(2021, 1, 1), std::nullopt);
}

std::vector<HolidayRule> labour_code_2012_rules() {
  return labour_code_rules(AdjacentDay::kNone, kLc2012, ymd(2013, 5, 1), ymd(2020, 12, 31));
}

std::vector<OfficialDay> official_days_2024_2026() {
  std::vector<OfficialDay> v;
  append_2024(v);
  append_2025(v);
  append_2026(v);
  return v;
}

HolidayRules default_holiday_rules() {
  HolidayRules rules;
  rules.statutory = labour_code_2012_rules();
  for (HolidayRule& r : labour_code_2019_rules()) rules.statutory.push_back(std::move(r));
  rules.official = official_days_2024_2026();
  return rules;
}

Status validate(const HolidayRules& rules) {
  for (std::size_t i = 0; i < rules.statutory.size(); ++i)
    MOTCUA_RETURN_IF_ERROR(validate_rule(rules.statutory[i], i));
  return validate_official(rules.official);
}

}  // namespace motcua::domain::calendar
