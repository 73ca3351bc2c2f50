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

constexpr const char* kLc2019 = "Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1";
constexpr const char* kLc2012 = "Bộ luật Lao động 2012 (10/2012/QH13), Điều 115 khoản 1 [U]";

// The sources of the shipped 2024-2026 rows. A row cites the legal instrument when the project's shared
// material names it (shared/data/SOURCES.md, shared/domain/vn-domain-spec.md §3.2). Otherwise it names the
// rule that places it and says that the year's notice is not on file: its number is never guessed. An
// administrator who has the notice stores its rows through /lich/quyet-dinh or POST
// /api/v1/calendar/decisions (a stored row replaces the shipped row of its date, and a stored row naming an
// occasion replaces that occasion's shipped rows of the year). The dates themselves are those of
// shared/data/vn-official-days-off.csv (vacanza/holidays) and of the spec.
//
// Days the law fixes by date (1/1, 30/4, 1/5, 2/9, and 10/3 lunar for Giỗ Tổ): the Labour Code alone.
constexpr const char* kStatutoryDate = kLc2019;
// A holiday on a weekly rest day gives the next working day off.
constexpr const char* kCompensatory2019 = "Bộ luật Lao động 2019 (45/2019/QH14), Điều 111 khoản 3 (nghỉ bù)";
constexpr const char* kTet2024 =
    "Bộ luật Lao động 2019, Điều 112 khoản 1 và 3; lịch nghỉ Tết Giáp Thìn 2024 của cán bộ, công chức do Bộ "
    "LĐTBXH thông báo hằng năm (chưa có số văn bản trong tài liệu nguồn)";
constexpr const char* kQuocKhanh2024 =
    "Bộ luật Lao động 2019, Điều 112 khoản 1 (Quốc khánh 2 ngày); ngày liền kề 03/09/2024 theo thông báo "
    "năm 2024 của Bộ LĐTBXH (chưa có số văn bản trong tài liệu nguồn)";
constexpr const char* kSwap2024 =
    "Công văn 2450/VPCP-KGVX của Văn phòng Chính phủ (hoán đổi ngày làm việc dịp 30/4–1/5/2024)";
constexpr const char* kTet2025 =
    "Bộ luật Lao động 2019, Điều 112 khoản 1 và 3; lịch nghỉ Tết Ất Tỵ 2025 (25/01–02/02/2025) "
    "theo thông báo hằng năm (chưa có số văn bản trong tài liệu nguồn; chưa kiểm chứng)";
constexpr const char* kSwap2025 =
    "Hoán đổi ngày làm việc dịp 30/4–1/5/2025: nghỉ thứ Sáu 02/05, làm bù thứ Bảy 26/04 (chưa có số văn bản "
    "trong tài liệu nguồn; chưa kiểm chứng)";
constexpr const char* kQuocKhanh2025 =
    "Bộ luật Lao động 2019, Điều 112 khoản 1 (Quốc khánh 2 ngày); ngày liền kề 01/09/2025 theo thông báo "
    "năm 2025 (chưa có số văn bản trong tài liệu nguồn; chưa kiểm chứng)";
constexpr const char* kNotice2026 =
    "Thông báo 9441/TB-BNV của Bộ Nội vụ (theo một nguồn thứ cấp; chưa đối chiếu bản gốc)";

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
  v.push_back(row(ymd(2024, 1, 1), K::kHoliday, "tet_duong_lich", "Tết Dương lịch", kStatutoryDate));
  v.push_back(row(ymd(2024, 2, 8), K::kCompensatory, "tet_nguyen_dan",
                  "Tết Nguyên đán (nghỉ bù, 29 tháng Chạp)", kTet2024));
  v.push_back(
      row(ymd(2024, 2, 9), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (30 tháng Chạp)", kTet2024));
  v.push_back(row(ymd(2024, 2, 10), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 1)", kTet2024));
  v.push_back(row(ymd(2024, 2, 11), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 2)", kTet2024));
  v.push_back(row(ymd(2024, 2, 12), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 3)", kTet2024));
  v.push_back(row(ymd(2024, 2, 13), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 4)", kTet2024));
  v.push_back(row(ymd(2024, 2, 14), K::kCompensatory, "tet_nguyen_dan", "Tết Nguyên đán (nghỉ bù, mùng 5)",
                  kTet2024));
  v.push_back(row(ymd(2024, 4, 18), K::kHoliday, "gio_to_hung_vuong", "Giỗ Tổ Hùng Vương", kStatutoryDate));
  v.push_back(row(ymd(2024, 4, 29), K::kSwapOff, "", "Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)", kSwap2024));
  v.push_back(row(ymd(2024, 4, 30), K::kHoliday, "ngay_chien_thang", "Ngày Chiến thắng", kStatutoryDate));
  v.push_back(row(ymd(2024, 5, 1), K::kHoliday, "quoc_te_lao_dong", "Ngày Quốc tế Lao động", kStatutoryDate));
  v.push_back(row(ymd(2024, 5, 4), K::kSwapWork, "", "Làm bù cho ngày nghỉ 29/04/2024", kSwap2024));
  v.push_back(row(ymd(2024, 9, 2), K::kHoliday, "quoc_khanh", "Quốc khánh", kStatutoryDate));
  v.push_back(row(ymd(2024, 9, 3), K::kHoliday, "quoc_khanh", "Quốc khánh (ngày liền kề)", kQuocKhanh2024));
}

void append_2025(std::vector<OfficialDay>& v) {
  v.push_back(row(ymd(2025, 1, 1), K::kHoliday, "tet_duong_lich", "Tết Dương lịch", kStatutoryDate));
  v.push_back(row(ymd(2025, 1, 27), K::kCompensatory, "tet_nguyen_dan",
                  "Tết Nguyên đán (nghỉ bù, 28 tháng Chạp)", kTet2025));
  v.push_back(
      row(ymd(2025, 1, 28), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (29 tháng Chạp)", kTet2025));
  v.push_back(row(ymd(2025, 1, 29), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 1)", kTet2025));
  v.push_back(row(ymd(2025, 1, 30), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 2)", kTet2025));
  v.push_back(row(ymd(2025, 1, 31), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 3)", kTet2025));
  v.push_back(row(ymd(2025, 2, 1), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 4)", kTet2025));
  v.push_back(row(ymd(2025, 4, 7), K::kHoliday, "gio_to_hung_vuong", "Giỗ Tổ Hùng Vương", kStatutoryDate));
  v.push_back(row(ymd(2025, 4, 26), K::kSwapWork, "", "Làm bù cho ngày nghỉ 02/05/2025", kSwap2025));
  v.push_back(row(ymd(2025, 4, 30), K::kHoliday, "ngay_chien_thang", "Ngày Chiến thắng", kStatutoryDate));
  v.push_back(row(ymd(2025, 5, 1), K::kHoliday, "quoc_te_lao_dong", "Ngày Quốc tế Lao động", kStatutoryDate));
  v.push_back(row(ymd(2025, 5, 2), K::kSwapOff, "", "Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)", kSwap2025));
  v.push_back(row(ymd(2025, 9, 1), K::kHoliday, "quoc_khanh", "Quốc khánh (ngày liền kề)", kQuocKhanh2025));
  v.push_back(row(ymd(2025, 9, 2), K::kHoliday, "quoc_khanh", "Quốc khánh", kStatutoryDate));
}

void append_2026(std::vector<OfficialDay>& v) {
  v.push_back(row(ymd(2026, 1, 1), K::kHoliday, "tet_duong_lich", "Tết Dương lịch", kStatutoryDate));
  v.push_back(
      row(ymd(2026, 2, 16), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (29 tháng Chạp)", kNotice2026));
  v.push_back(row(ymd(2026, 2, 17), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 1)", kNotice2026));
  v.push_back(row(ymd(2026, 2, 18), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 2)", kNotice2026));
  v.push_back(row(ymd(2026, 2, 19), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 3)", kNotice2026));
  v.push_back(row(ymd(2026, 2, 20), K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 4)", kNotice2026));
  v.push_back(row(ymd(2026, 4, 26), K::kHoliday, "gio_to_hung_vuong", "Giỗ Tổ Hùng Vương", kStatutoryDate));
  v.push_back(row(ymd(2026, 4, 27), K::kCompensatory, "gio_to_hung_vuong", "Giỗ Tổ Hùng Vương (nghỉ bù)",
                  kCompensatory2019));
  v.push_back(row(ymd(2026, 4, 30), K::kHoliday, "ngay_chien_thang", "Ngày Chiến thắng", kStatutoryDate));
  v.push_back(row(ymd(2026, 5, 1), K::kHoliday, "quoc_te_lao_dong", "Ngày Quốc tế Lao động", kStatutoryDate));
  v.push_back(row(ymd(2026, 8, 22), K::kSwapWork, "", "Làm bù cho ngày nghỉ 31/08/2026", kNotice2026));
  v.push_back(
      row(ymd(2026, 8, 31), K::kSwapOff, "", "Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)", kNotice2026));
  v.push_back(row(ymd(2026, 9, 1), K::kHoliday, "quoc_khanh", "Quốc khánh (ngày liền kề)", kNotice2026));
  v.push_back(row(ymd(2026, 9, 2), K::kHoliday, "quoc_khanh", "Quốc khánh", kStatutoryDate));
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
