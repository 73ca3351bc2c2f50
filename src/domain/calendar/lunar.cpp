#include "domain/calendar/lunar.hpp"

#include <cmath>
#include <optional>

#include "domain/calendar/astronomy.hpp"

namespace motcua::domain::calendar {

namespace {

using core::Error;
using core::Result;

constexpr double kUnixEpochJd = 2440587.5;  // 1970-01-01 00:00 UT
constexpr int kVietnamZoneFromYear = 1968;  // first lunar year computed for UTC+7 in Vietnam
constexpr int kFirstLunarYear = LunarCalendar::kFirstSolarYear - 1;  // 1900-01-01 is in lunar year 1899
constexpr int kLastLunarYear = LunarCalendar::kLastSolarYear;

// A month as the builder produces it, before it is grouped into lunar years.
struct Month {
  DayNumber start;
  int year;
  int number;
  bool leap;
};

// Builds the months of one zone from the astronomy. See the rules in lunar.hpp.
class MonthBuilder {
 public:
  explicit MonthBuilder(int zone_hours) : zone_hours_(zone_hours) {}

  // Every month from month 11 of (first_year - 1) up to month 11 of last_year, in order.
  std::vector<Month> months(int first_year, int last_year) const {
    std::vector<Month> out;
    int from = month11(first_year - 1);
    for (int y = first_year; y <= last_year; ++y) {
      const int to = month11(y);
      append_segment(y, from, to, out);
      from = to;
    }
    return out;
  }

 private:
  DayNumber new_moon_day(int k) const { return local_day(astronomy::new_moon_ut(k)); }

  DayNumber local_day(double jd_ut) const {
    return static_cast<DayNumber>(std::floor(jd_ut - kUnixEpochJd + zone_hours_ / 24.0));
  }

  // Index (0..11) of the 30° arc the Sun is in at local midnight starting `day`.
  int sun_arc(DayNumber day) const {
    const double jd = day + kUnixEpochJd - zone_hours_ / 24.0;
    return static_cast<int>(astronomy::sun_longitude(jd) / 30.0);
  }

  bool has_major_term(int k) const { return sun_arc(new_moon_day(k)) != sun_arc(new_moon_day(k + 1)); }

  // Lunation number of month 11 of `year`: the month that contains the December solstice.
  int month11(int year) const {
    const DayNumber dec31 =
        day_number(Date{std::chrono::year{year}, std::chrono::December, std::chrono::day{31}});
    int k = astronomy::lunation_before(dec31 + kUnixEpochJd);
    while (new_moon_day(k + 1) <= dec31) ++k;
    while (new_moon_day(k) > dec31) --k;
    // The Sun past 270° at the start of that month means the solstice fell in the month before.
    return sun_arc(new_moon_day(k)) >= 9 ? k - 1 : k;
  }

  // The months from month 11 of year-1 (lunation `from`) to month 11 of year (lunation `to`, excluded).
  void append_segment(int year, int from, int to, std::vector<Month>& out) const {
    const std::optional<int> leap = to - from == 13 ? first_month_without_term(from, to) : std::nullopt;
    int number = 11, owner = year - 1;
    for (int k = from; k < to; ++k) {
      const bool is_leap = k == leap;
      if (k != from && !is_leap && ++number == 13) {
        number = 1;
        owner = year;
      }
      out.push_back({new_moon_day(k), owner, number, is_leap});
    }
  }

  std::optional<int> first_month_without_term(int from, int to) const {
    for (int k = from + 1; k < to; ++k) {
      if (!has_major_term(k)) return k;
    }
    return std::nullopt;  // cannot happen: 13 lunations hold only 12 major terms
  }

  int zone_hours_;
};

Error invalid(const char* id, std::string vi, std::string en, const char* field) {
  return Error::invalid(id, std::move(vi), std::move(en), field);
}

bool in_solar_range(Date d) {
  const int y = static_cast<int>(d.year());
  return d.ok() && y >= LunarCalendar::kFirstSolarYear && y <= LunarCalendar::kLastSolarYear;
}

}  // namespace

LunarCalendar::LunarCalendar(LunarZone zone) : first_lunar_year_(kFirstLunarYear) {
  // Months of every needed lunar year for the zone(s), then grouped by lunar year; the last entry is a
  // sentinel holding only the first day of kLastLunarYear + 1.
  const std::vector<Month> utc8 = zone == LunarZone::kUtc7
                                      ? std::vector<Month>{}
                                      : MonthBuilder(8).months(kFirstLunarYear, kLastLunarYear + 2);
  const std::vector<Month> utc7 = zone == LunarZone::kUtc8
                                      ? std::vector<Month>{}
                                      : MonthBuilder(7).months(kFirstLunarYear, kLastLunarYear + 2);
  const auto source_for = [&](int lunar_year) -> const std::vector<Month>& {
    if (zone == LunarZone::kVietnam) return lunar_year < kVietnamZoneFromYear ? utc8 : utc7;
    return zone == LunarZone::kUtc7 ? utc7 : utc8;
  };
  years_.resize(static_cast<std::size_t>(kLastLunarYear - kFirstLunarYear + 2));
  for (int y = kFirstLunarYear; y <= kLastLunarYear + 1; ++y) {
    Year& out = years_[static_cast<std::size_t>(y - kFirstLunarYear)];
    std::uint8_t n = 0;
    for (const Month& m : source_for(y)) {
      if (m.year != y) continue;
      if (m.leap) out.leap = static_cast<std::uint8_t>(m.number);
      out.starts[n++] = m.start;
    }
    out.month_count = n;
  }
  for (std::size_t i = 0; i + 1 < years_.size(); ++i)
    years_[i].starts[years_[i].month_count] = years_[i + 1].starts[0];
  years_.pop_back();
}

const LunarCalendar& LunarCalendar::get(LunarZone zone) {
  // One function-local static per zone: each table is built the first time its zone is asked for.
  switch (zone) {
    case LunarZone::kUtc7: {
      static const LunarCalendar utc7(LunarZone::kUtc7);
      return utc7;
    }
    case LunarZone::kUtc8: {
      static const LunarCalendar utc8(LunarZone::kUtc8);
      return utc8;
    }
    case LunarZone::kVietnam:
      break;
  }
  static const LunarCalendar vietnam(LunarZone::kVietnam);
  return vietnam;
}

const LunarCalendar::Year* LunarCalendar::year(int lunar_year) const {
  if (lunar_year < first_lunar_year_ || lunar_year > kLastLunarYear) return nullptr;
  return &years_[static_cast<std::size_t>(lunar_year - first_lunar_year_)];
}

int LunarCalendar::month_index(const Year& y, int month, bool leap) {
  if (leap) return y.leap == month ? month : -1;
  return y.leap != 0 && month > y.leap ? month : month - 1;
}

Result<LunarDate> LunarCalendar::to_lunar(Date solar) const {
  if (!in_solar_range(solar)) {
    return invalid("calendar.date_out_of_range", "Ngày phải nằm trong khoảng 1900-01-01 đến 2100-12-31.",
                   "The date must be between 1900-01-01 and 2100-12-31.", "date");
  }
  const DayNumber d = day_number(solar);
  int lunar_year = static_cast<int>(solar.year());
  if (d < years_[static_cast<std::size_t>(lunar_year - first_lunar_year_)].starts[0]) --lunar_year;
  const Year& y = years_[static_cast<std::size_t>(lunar_year - first_lunar_year_)];
  int i = y.month_count - 1;
  while (y.starts[static_cast<std::size_t>(i)] > d) --i;
  const bool leap = y.leap != 0 && i == y.leap;
  const int month = y.leap != 0 && i >= y.leap ? i : i + 1;
  return LunarDate{lunar_year, month, d - y.starts[static_cast<std::size_t>(i)] + 1, leap};
}

Result<Date> LunarCalendar::to_solar(const LunarDate& lunar) const {
  const Year* y = year(lunar.year);
  if (y == nullptr) {
    return invalid("calendar.lunar_year_out_of_range", "Năm âm lịch phải nằm trong khoảng 1899–2100.",
                   "The lunar year must be between 1899 and 2100.", "lunar_year");
  }
  if (lunar.month < 1 || lunar.month > 12) {
    return invalid("calendar.lunar_month_invalid", "Tháng âm lịch phải từ 1 đến 12.",
                   "The lunar month must be between 1 and 12.", "lunar_month");
  }
  const int i = month_index(*y, lunar.month, lunar.leap);
  if (i < 0) {
    return invalid("calendar.leap_month_not_found", "Năm âm lịch này không có tháng nhuận như đã nêu.",
                   "That lunar year has no such leap month.", "leap");
  }
  const auto idx = static_cast<std::size_t>(i);
  if (lunar.day < 1 || lunar.day > y->starts[idx + 1] - y->starts[idx]) {
    return invalid("calendar.lunar_day_invalid",
                   "Ngày âm lịch không tồn tại trong tháng này (tháng có 29 hoặc 30 ngày).",
                   "That lunar day does not exist in this month (months have 29 or 30 days).", "lunar_day");
  }
  const Date solar = date_of(y->starts[idx] + lunar.day - 1);
  if (!in_solar_range(solar)) {
    return invalid("calendar.lunar_date_out_of_range",
                   "Ngày âm lịch này nằm ngoài khoảng 1900–2100 dương lịch.",
                   "That lunar date falls outside the solar years 1900-2100.", "lunar_year");
  }
  return solar;
}

int LunarCalendar::leap_month(int lunar_year) const {
  const Year* y = year(lunar_year);
  return y == nullptr ? 0 : y->leap;
}

int LunarCalendar::month_length(int lunar_year, int month, bool leap) const {
  const Year* y = year(lunar_year);
  if (y == nullptr || month < 1 || month > 12) return 0;
  const int i = month_index(*y, month, leap);
  if (i < 0) return 0;
  const auto idx = static_cast<std::size_t>(i);
  return y->starts[idx + 1] - y->starts[idx];
}

std::string year_name_vi(int lunar_year) {
  static const char* const kStems[] = {"Giáp", "Ất",   "Bính", "Đinh", "Mậu",
                                       "Kỷ",   "Canh", "Tân",  "Nhâm", "Quý"};
  static const char* const kBranches[] = {"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                          "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
  const int stem = ((lunar_year + 6) % 10 + 10) % 10;
  const int branch = ((lunar_year + 8) % 12 + 12) % 12;
  return std::string(kStems[stem]) + " " + kBranches[branch];
}

std::string month_name_vi(int month) {
  static const char* const kNames[] = {"Giêng", "Hai", "Ba",   "Tư",   "Năm",      "Sáu",
                                       "Bảy",   "Tám", "Chín", "Mười", "Mười Một", "Chạp"};
  return month >= 1 && month <= 12 ? kNames[month - 1] : std::string();
}

std::string lunar_label_vi(const LunarDate& d) {
  const std::string day = d.day <= 10 ? "mùng " + std::to_string(d.day) : std::to_string(d.day);
  return day + " tháng " + month_name_vi(d.month) + (d.leap ? " nhuận" : "");
}

}  // namespace motcua::domain::calendar
