#include "domain/calendar/working_calendar.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "domain/calendar/lunar.hpp"

namespace motcua::domain::calendar {

namespace {

using core::Error;
using core::Result;
using core::Status;

constexpr std::size_t kMakeupSchedule = 8;  // schedules_: 0 = none, 1..7 = Monday..Sunday, 8 = make-up day
constexpr const char* kWeekdayNames[] = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                         "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};

Error invalid(std::string field, std::string vi, std::string en) {
  return Error::invalid("calendar.config_invalid", std::move(vi), std::move(en), std::move(field));
}

Status validate_schedule(const DaySchedule& s, const std::string& field) {
  int previous_close = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const OfficeHours& h = s[i];
    if (h.open_minute < previous_close || h.open_minute >= h.close_minute || h.close_minute > 24 * 60) {
      return invalid(field + "[" + std::to_string(i) + "]",
                     "Giờ làm việc không hợp lệ (trùng, ngược hoặc ngoài ngày).",
                     "Invalid office hours (overlapping, reversed or outside the day).");
    }
    previous_close = h.close_minute;
  }
  return {};
}

std::vector<std::pair<std::int32_t, std::int32_t>> to_seconds(const DaySchedule& s) {
  std::vector<std::pair<std::int32_t, std::int32_t>> out;
  for (const OfficeHours& h : s) out.emplace_back(h.open_minute * 60, h.close_minute * 60);
  return out;
}

Date january_first(int year) {
  return Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}};
}

bool in_force(const HolidayRule& r, Date d) {
  return d >= r.effective_from && (!r.effective_to || d <= *r.effective_to);
}

// The anchor day of a rule in a (solar or lunar) year; nullopt when that date does not exist.
std::optional<DayNumber> anchor_day(const HolidayRule& r, int year) {
  if (r.basis == DateBasis::kSolar) {
    const Date d{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(r.month)},
                 std::chrono::day{static_cast<unsigned>(r.day)}};
    return d.ok() ? std::optional<DayNumber>(day_number(d)) : std::nullopt;
  }
  const auto d = LunarCalendar::get().to_solar({year, r.month, r.day, false});
  return d ? std::optional<DayNumber>(day_number(*d)) : std::nullopt;
}

// The day added by AdjacentDay::kBridgeToWeekend: after the anchor on Monday and Thursday, else before.
DayNumber bridge_day(DayNumber anchor) {
  const int wd = iso_weekday(anchor);
  return wd == 1 || wd == 4 ? anchor + 1 : anchor - 1;
}

std::string holiday_name(const HolidayRule& r, DayNumber d, bool adjacent) {
  if (adjacent) return r.name_vi + " (ngày liền kề)";
  if (r.basis == DateBasis::kSolar) return r.name_vi;
  const auto l = LunarCalendar::get().to_lunar(date_of(d));
  return l ? r.name_vi + " (" + lunar_label_vi(*l) + ")" : r.name_vi;
}

DayKind kind_of(OfficialDayKind k) {
  switch (k) {
    case OfficialDayKind::kHoliday:
      return DayKind::kHoliday;
    case OfficialDayKind::kCompensatory:
      return DayKind::kCompensatory;
    case OfficialDayKind::kSwapOff:
      return DayKind::kSwapOff;
    case OfficialDayKind::kSwapWork:
      return DayKind::kMakeupWorking;
    case OfficialDayKind::kExtraOff:
      break;
  }
  return DayKind::kExtraOff;
}

Status validate_years(int first_year, int last_year) {
  if (first_year < LunarCalendar::kFirstSolarYear || first_year > LunarCalendar::kLastSolarYear) {
    return invalid("first_year", "Năm đầu phải trong khoảng 1900–2100.",
                   "first_year must be within 1900-2100.");
  }
  if (last_year < first_year || last_year > LunarCalendar::kLastSolarYear) {
    return invalid("last_year", "Năm cuối phải từ năm đầu đến 2100.",
                   "last_year must be within first_year..2100.");
  }
  return {};
}

}  // namespace

const char* day_kind_name(DayKind k) {
  static const char* const kNames[] = {"working",      "makeup_working", "weekend",  "holiday",
                                       "compensatory", "swap_off",       "extra_off"};
  return kNames[static_cast<std::size_t>(k)];
}

const char* day_kind_label_vi(DayKind k) {
  static const char* const kLabels[] = {"Ngày làm việc",       "Ngày làm bù", "Nghỉ hằng tuần",
                                        "Nghỉ lễ, Tết",        "Nghỉ bù",     "Nghỉ hoán đổi",
                                        "Nghỉ theo quyết định"};
  return kLabels[static_cast<std::size_t>(k)];
}

AgencyCalendarConfig AgencyCalendarConfig::standard(std::string agency) {
  AgencyCalendarConfig c;
  c.agency = std::move(agency);
  const DaySchedule office = {{7 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};
  for (std::size_t i = 0; i < 5; ++i) c.week[i] = office;
  c.makeup_day = office;
  return c;
}

Status validate(const AgencyCalendarConfig& config) {
  bool any = false;
  for (std::size_t i = 0; i < config.week.size(); ++i) {
    MOTCUA_RETURN_IF_ERROR(validate_schedule(config.week[i], "week[" + std::to_string(i) + "]"));
    any = any || !config.week[i].empty();
  }
  if (!any)
    return invalid("week", "Cần ít nhất một ngày làm việc trong tuần.",
                   "At least one weekday must have hours.");
  if (config.makeup_day.empty()) {
    return invalid("makeup_day", "Thiếu giờ làm việc của ngày làm bù.", "Make-up days need office hours.");
  }
  return validate_schedule(config.makeup_day, "makeup_day");
}

// Fills a WorkingCalendar in the order described in holidays.hpp: weekly pattern, statutory rules,
// official rows, compensatory days, then the prefix sums.
class WorkingCalendar::Builder {
 public:
  Builder(WorkingCalendar& c, const AgencyCalendarConfig& config, const HolidayRules& rules)
      : c_(c), config_(config), rules_(rules) {}

  void run() {
    mark_weeks();
    for (const OfficialDay& o : rules_.official)
      decided_.insert({o.occasion, static_cast<int>(o.date.year())});
    for (const HolidayRule& r : rules_.statutory) apply_rule(r);
    for (const OfficialDay& o : rules_.official) apply_official(o);
    if (rules_.compensatory.enabled) compensate();
    index();
  }

 private:
  void mark_weeks() {
    const std::size_t n = static_cast<std::size_t>(
        day_number(Date{std::chrono::year{c_.last_year_}, std::chrono::December, std::chrono::day{31}}) -
        c_.first_day_ + 1);
    c_.kinds_.resize(n);
    c_.label_.resize(n);
    for (const char* name : kWeekdayNames) c_.labels_.push_back({name, ""});
    for (std::size_t i = 0; i < n; ++i) {
      const int wd = iso_weekday(c_.first_day_ + static_cast<DayNumber>(i));
      const bool works = !config_.week[static_cast<std::size_t>(wd - 1)].empty();
      c_.kinds_[i] = works ? DayKind::kWorking : DayKind::kWeeklyRest;
      c_.label_[i] = static_cast<std::uint32_t>(wd - 1);
    }
  }

  void apply_rule(const HolidayRule& r) {
    for (int year = c_.first_year_ - 1; year <= c_.last_year_; ++year) {
      const std::optional<DayNumber> anchor = anchor_day(r, year);
      if (!anchor) continue;
      for (int k = 0; k < r.length; ++k) mark_holiday(r, *anchor + r.first_offset + k, false);
      if (r.adjacent == AdjacentDay::kBridgeToWeekend) mark_holiday(r, bridge_day(*anchor), true);
    }
  }

  void mark_holiday(const HolidayRule& r, DayNumber d, bool adjacent) {
    const Date date = date_of(d);
    if (!c_.contains(d) || !in_force(r, date) || decided_.count({r.occasion, static_cast<int>(date.year())}))
      return;
    const std::size_t i = c_.index(d);
    const std::string name = holiday_name(r, d, adjacent);
    if (c_.kinds_[i] == DayKind::kWeeklyRest) on_rest_day_.emplace_back(d, name);
    set(i, DayKind::kHoliday, name, r.source);
  }

  void apply_official(const OfficialDay& o) {
    if (c_.contains(o.date)) set(c_.index(day_number(o.date)), kind_of(o.kind), o.name_vi, o.source);
  }

  // Art. 111(3): each rule-derived holiday on a weekly rest day gives the next ordinary working day off.
  void compensate() {
    std::sort(on_rest_day_.begin(), on_rest_day_.end());
    for (const auto& [day, name] : on_rest_day_) {
      if (c_.kinds_[c_.index(day)] != DayKind::kHoliday) continue;  // overridden by an official row
      DayNumber d = day + 1;
      while (c_.contains(d) && c_.kinds_[c_.index(d)] != DayKind::kWorking) ++d;
      if (c_.contains(d))
        set(c_.index(d), DayKind::kCompensatory, "Nghỉ bù " + name, rules_.compensatory.source);
    }
  }

  void set(std::size_t i, DayKind kind, const std::string& name, const std::string& source) {
    c_.kinds_[i] = kind;
    c_.label_[i] = static_cast<std::uint32_t>(c_.labels_.size());
    c_.labels_.push_back({name, source});
  }

  void index() {
    c_.schedules_.push_back({});
    for (const DaySchedule& s : config_.week) c_.schedules_.push_back(to_seconds(s));
    c_.schedules_.push_back(to_seconds(config_.makeup_day));
    const std::size_t n = c_.kinds_.size();
    c_.schedule_.assign(n, 0);
    c_.working_before_.assign(n + 1, 0);
    c_.seconds_before_.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) index_day(i);
  }

  void index_day(std::size_t i) {
    const DayKind k = c_.kinds_[i];
    if (is_working(k)) {
      const int wd = iso_weekday(c_.first_day_ + static_cast<DayNumber>(i));
      c_.schedule_[i] = static_cast<std::uint8_t>(
          k == DayKind::kMakeupWorking ? kMakeupSchedule : static_cast<std::size_t>(wd));
      c_.working_days_.push_back(static_cast<std::int32_t>(i));
    }
    std::int64_t seconds = 0;
    for (const Interval& iv : c_.schedules_[c_.schedule_[i]]) seconds += iv.second - iv.first;
    c_.working_before_[i + 1] = static_cast<std::int32_t>(c_.working_days_.size());
    c_.seconds_before_[i + 1] = c_.seconds_before_[i] + seconds;
  }

  WorkingCalendar& c_;
  const AgencyCalendarConfig& config_;
  const HolidayRules& rules_;
  std::set<std::pair<std::string, int>> decided_;               // (occasion, solar year) placed by decisions
  std::vector<std::pair<DayNumber, std::string>> on_rest_day_;  // rule-derived holidays on a rest day
};

Result<WorkingCalendar> WorkingCalendar::build(const AgencyCalendarConfig& config, const HolidayRules& rules,
                                               int first_year, int last_year) {
  MOTCUA_RETURN_IF_ERROR(validate_years(first_year, last_year));
  MOTCUA_RETURN_IF_ERROR(validate(config));
  MOTCUA_RETURN_IF_ERROR(validate(rules));
  WorkingCalendar c;
  c.first_year_ = first_year;
  c.last_year_ = last_year;
  c.first_day_ = day_number(january_first(first_year));
  Builder(c, config, rules).run();
  return c;
}

CalendarDay WorkingCalendar::describe(std::size_t i) const {
  const Label& l = labels_[label_[i]];
  return {date_of(first_day_ + static_cast<DayNumber>(i)), kinds_[i], l.name_vi, l.source};
}

CalendarDay WorkingCalendar::day(Date d) const {
  return describe(index(day_number(d)));
}

std::vector<CalendarDay> WorkingCalendar::days_off(int year) const {
  std::vector<CalendarDay> out;
  if (year < first_year_ || year > last_year_) return out;
  for (DayNumber d = day_number(january_first(year)); d < day_number(january_first(year + 1)); ++d) {
    if (!is_working(kind(d))) out.push_back(describe(index(d)));
  }
  return out;
}

std::vector<CalendarDay> WorkingCalendar::makeup_days(int year) const {
  std::vector<CalendarDay> out;
  if (year < first_year_ || year > last_year_) return out;
  for (DayNumber d = day_number(january_first(year)); d < day_number(january_first(year + 1)); ++d) {
    if (kind(d) == DayKind::kMakeupWorking) out.push_back(describe(index(d)));
  }
  return out;
}

std::optional<DayNumber> WorkingCalendar::nth_working_day_after(DayNumber d, int n) const {
  const auto k = static_cast<std::size_t>(working_before_[index(d) + 1]) + static_cast<std::size_t>(n) - 1;
  if (k >= working_days_.size()) return std::nullopt;
  return first_day_ + working_days_[k];
}

std::optional<DayNumber> WorkingCalendar::first_working_day_from(DayNumber d) const {
  const auto k = static_cast<std::size_t>(working_before_[index(d)]);
  if (k >= working_days_.size()) return std::nullopt;
  return first_day_ + working_days_[k];
}

std::int64_t WorkingCalendar::worked_in_day(std::size_t i, std::int32_t second) const {
  std::int64_t s = 0;
  for (const Interval& iv : schedules_[schedule_[i]]) s += std::clamp(second, iv.first, iv.second) - iv.first;
  return s;
}

std::int64_t WorkingCalendar::working_seconds_until(UnixSeconds t) const {
  if (t <= range_begin()) return 0;
  if (t >= range_end()) return seconds_before_.back();
  const std::size_t i = index(vietnam_day(t));
  return seconds_before_[i] + worked_in_day(i, vietnam_second_of_day(t));
}

std::optional<UnixSeconds> WorkingCalendar::instant_after_working_seconds(std::int64_t total) const {
  if (total <= 0 || total > seconds_before_.back()) return std::nullopt;
  // The day j with seconds_before_[j] < total <= seconds_before_[j + 1]; then walk its intervals.
  const auto it = std::lower_bound(seconds_before_.begin(), seconds_before_.end(), total);
  const auto j = static_cast<std::size_t>(it - seconds_before_.begin()) - 1;
  std::int64_t rest = total - seconds_before_[j];
  for (const Interval& iv : schedules_[schedule_[j]]) {
    if (rest <= iv.second - iv.first)
      return vietnam_instant(first_day_ + static_cast<DayNumber>(j), iv.first + rest);
    rest -= iv.second - iv.first;
  }
  return std::nullopt;  // unreachable: the day's intervals sum to its share
}

}  // namespace motcua::domain::calendar
