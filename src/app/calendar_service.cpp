#include "app/calendar_service.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include "app/calendar_codec.hpp"
#include "app/permissions.hpp"

namespace motcua::app {

using core::Error;
using core::ErrorCode;

namespace {

constexpr int kFirstYear = cal::LunarCalendar::kFirstSolarYear;
constexpr int kLastYear = cal::LunarCalendar::kLastSolarYear;
constexpr std::size_t kMaxDecisionRows = 366;
constexpr std::size_t kMaxOccasionChars = 40;

std::string row_field(std::size_t i, const char* member) {
  return "days[" + std::to_string(i) + "]." + member;
}

Error row_error(std::size_t i, const char* member, std::string vi, std::string en) {
  return Error::invalid("calendar.decision_invalid", std::move(vi), std::move(en), row_field(i, member));
}

Error year_error() {
  return Error::invalid("calendar.year_out_of_range", "Năm phải trong khoảng 1900–2100.",
                        "The year must be within 1900-2100.", "year");
}

Error unknown_agency(const std::string& code) {
  return {ErrorCode::kNotFound, "calendar.agency_unknown", "Không có cơ quan mã " + code + ".",
          "No agency with code " + code + ".", "agency"};
}

bool valid_occasion(const std::string& s) {
  return s.size() <= kMaxOccasionChars && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

core::Status validate_row(const cal::OfficialDay& d, std::size_t i, int year) {
  if (!d.date.ok() || static_cast<int>(d.date.year()) != year) {
    return row_error(i, "date", "Ngày phải là ngày có thật trong năm " + std::to_string(year) + ".",
                     "The date must be a real day of " + std::to_string(year) + ".");
  }
  if (d.name_vi.empty() || d.name_vi.size() > 300) {
    return row_error(i, "name", "Thiếu tên ngày nghỉ (tối đa 300 ký tự).",
                     "A name is required (at most 300 characters).");
  }
  if (d.source.empty() || d.source.size() > 500) {
    return row_error(i, "source", "Thiếu căn cứ (số văn bản, thông báo) của ngày này (tối đa 500 ký tự).",
                     "The legal source (decision or notice) is required (at most 500 characters).");
  }
  if (!valid_occasion(d.occasion)) {
    return row_error(i, "occasion",
                     "Mã dịp lễ chỉ gồm chữ thường không dấu, chữ số và \"_\" (ví dụ tet_nguyen_dan).",
                     "The occasion id is lower-case ASCII letters, digits and '_' (e.g. tet_nguyen_dan).");
  }
  return {};
}

// The built-in rules overlaid with the stored rows (see the header for the precedence).
cal::HolidayRules overlay(cal::HolidayRules rules, const std::vector<StoredCalendarDay>& stored) {
  std::set<cal::DayNumber> dates;
  std::set<std::pair<int, std::string>> occasions;
  for (const auto& s : stored) {
    dates.insert(cal::day_number(s.day.date));
    if (!s.day.occasion.empty()) occasions.insert({static_cast<int>(s.day.date.year()), s.day.occasion});
  }
  std::erase_if(rules.official, [&](const cal::OfficialDay& o) {
    return dates.count(cal::day_number(o.date)) > 0 ||
           occasions.count({static_cast<int>(o.date.year()), o.occasion}) > 0;
  });
  for (const auto& s : stored) rules.official.push_back(s.day);
  return rules;
}

}  // namespace

core::Status validate_decision(const DecisionInput& input) {
  if (input.year < kFirstYear || input.year > kLastYear) return year_error();
  if (input.days.empty() || input.days.size() > kMaxDecisionRows) {
    return Error::invalid("calendar.decision_empty", "Quyết định phải có từ 1 đến 366 ngày.",
                          "A decision must have 1 to 366 days.", "days");
  }
  std::set<cal::DayNumber> seen;
  for (std::size_t i = 0; i < input.days.size(); ++i) {
    MOTCUA_RETURN_IF_ERROR(validate_row(input.days[i], i, input.year));
    if (!seen.insert(cal::day_number(input.days[i].date)).second) {
      return row_error(i, "date", "Ngày " + core::format_date(input.days[i].date) + " được khai báo hai lần.",
                       "The date " + core::format_date(input.days[i].date) + " is listed twice.");
    }
  }
  return {};
}

CalendarService::CalendarService(Store& store, AuthService& auth, const core::Clock& clock,
                                 std::int64_t cache_ttl_seconds)
    : store_(store), auth_(auth), clock_(clock), cache_ttl_seconds_(cache_ttl_seconds) {}

core::Result<cal::LunarDate> CalendarService::to_lunar(core::Date solar) const {
  return cal::LunarCalendar::get().to_lunar(solar);
}

core::Result<core::Date> CalendarService::to_solar(const cal::LunarDate& lunar) const {
  return cal::LunarCalendar::get().to_solar(lunar);
}

core::Status CalendarService::read_in(Repositories* within,
                                      const std::function<core::Status(Repositories&)>& fn) {
  if (within) return fn(*within);
  return store_.read(fn);
}

core::Result<CalendarService::CachedHours> CalendarService::load_hours(const std::string& agency,
                                                                       Repositories* within) {
  if (agency.empty()) {
    static const CachedHours standard{cal::AgencyCalendarConfig::standard(),
                                      office_hours_to_json(cal::AgencyCalendarConfig::standard()).dump(), 0};
    return standard;
  }
  MOTCUA_RETURN_IF_ERROR(domain::validate_agency_code(agency, "agency"));
  const auto now = clock_.now();
  {
    std::shared_lock lock(cache_mutex_);
    auto it = hours_.find(agency);
    if (it != hours_.end() && now - it->second.loaded_at < cache_ttl_seconds_) return it->second;
  }
  const auto generation = generation_.load();
  cal::AgencyCalendarConfig config = cal::AgencyCalendarConfig::standard(agency);
  MOTCUA_RETURN_IF_ERROR(read_in(within, [&](Repositories& r) -> core::Status {
    auto a = r.agencies().find(agency);
    if (!a) return a.error().code == ErrorCode::kNotFound ? unknown_agency(agency) : a.error();
    auto stored = r.calendar().find_agency_hours(agency);
    if (stored)
      config = std::move(stored->config);
    else if (stored.error().code != ErrorCode::kNotFound)
      return stored.error();
    return {};
  }));
  config.agency = agency;
  CachedHours entry{config, office_hours_to_json(config).dump(), now};
  std::unique_lock lock(cache_mutex_);
  if (generation == generation_.load()) hours_[agency] = entry;
  return entry;
}

core::Result<cal::HolidayRules> CalendarService::merged_rules(Repositories* within) {
  core::Result<std::vector<StoredCalendarDay>> stored = std::vector<StoredCalendarDay>{};
  MOTCUA_RETURN_IF_ERROR(read_in(within, [&](Repositories& r) -> core::Status {
    stored = r.calendar().days(0);
    return {};
  }));
  if (!stored) return stored.error();
  return overlay(cal::default_holiday_rules(), *stored);
}

core::Result<std::shared_ptr<const cal::WorkingCalendar>> CalendarService::build(
    const cal::AgencyCalendarConfig& config, const std::string& key, Repositories* within) {
  const auto now = clock_.now();
  const auto generation = generation_.load();
  auto rules = merged_rules(within);
  if (!rules) return rules.error();
  auto built = cal::WorkingCalendar::build(config, *rules, kFirstYear, kLastYear);
  if (!built) return built.error();
  auto shared = std::make_shared<const cal::WorkingCalendar>(std::move(*built));
  std::unique_lock lock(cache_mutex_);
  if (generation == generation_.load()) calendars_[key] = {shared, now};
  return shared;
}

core::Result<std::shared_ptr<const cal::WorkingCalendar>> CalendarService::calendar(const std::string& agency,
                                                                                    Repositories* within) {
  auto hours = load_hours(agency, within);
  if (!hours) return hours.error();
  {
    std::shared_lock lock(cache_mutex_);
    auto it = calendars_.find(hours->key);
    if (it != calendars_.end() && clock_.now() - it->second.loaded_at < cache_ttl_seconds_)
      return it->second.calendar;
  }
  return build(hours->config, hours->key, within);
}

core::Result<YearDaysOff> CalendarService::days_off(int year, const std::string& agency) {
  if (year < kFirstYear || year > kLastYear) return year_error();
  auto c = calendar(agency);
  if (!c) return c.error();
  YearDaysOff out{year, agency, (*c)->days_off(year), (*c)->makeup_days(year), 0};
  const core::Date first{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}};
  const core::Date next{std::chrono::year{year + 1}, std::chrono::January, std::chrono::day{1}};
  const auto days = cal::day_number(next) - cal::day_number(first);
  out.working_days = days - static_cast<int>(out.days_off.size());
  return out;
}

core::Result<cal::Deadline> CalendarService::deadline(const DeadlineQuery& query) {
  auto c = calendar(query.agency);
  if (!c) return c.error();
  return cal::compute_deadline(**c, query.start, query.limit);
}

core::Result<std::vector<StoredCalendarDay>> CalendarService::decisions(int year) {
  if (year != 0 && (year < kFirstYear || year > kLastYear)) return year_error();
  core::Result<std::vector<StoredCalendarDay>> out = std::vector<StoredCalendarDay>{};
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = r.calendar().days(year);
    return {};
  }));
  return out;
}

core::Result<cal::AgencyCalendarConfig> CalendarService::agency_hours(const std::string& agency) {
  if (agency.empty()) {
    return Error::invalid("json.missing", "Thiếu mã cơ quan.", "The agency code is required.", "agency");
  }
  auto hours = load_hours(agency);
  if (!hours) return hours.error();
  return hours->config;
}

core::Status CalendarService::authorise(const Actor& actor, const std::string& action,
                                        const std::string& target, const std::string& remote) {
  auto p = permissions::can_manage_calendar(actor);
  if (!p) auth_.audit_denial(actor, action, target, p.error(), remote);
  return p;
}

core::Status CalendarService::check_rows(Repositories& r, const DecisionInput& input) {
  auto existing = r.calendar().days(input.year);
  if (!existing) return existing.error();
  std::set<cal::DayNumber> taken;
  for (const auto& s : *existing) taken.insert(cal::day_number(s.day.date));
  for (std::size_t i = 0; i < input.days.size(); ++i) {
    if (taken.count(cal::day_number(input.days[i].date)) == 0) continue;
    const auto date = core::format_date(input.days[i].date);
    return Error{
        ErrorCode::kAlreadyExists, "calendar.date_taken",
        "Ngày " + date +
            " đã có trong quyết định đã lưu; hãy xóa ngày đó trước, hoặc thay thế cả năm (\"replace\": "
            "true).",
        "The date " + date +
            " is already stored; delete that row first, or replace the whole year (\"replace\": true).",
        row_field(i, "date")};
  }
  return {};
}

core::Result<std::vector<StoredCalendarDay>> CalendarService::add_decision(const Actor& actor,
                                                                           const DecisionInput& input,
                                                                           const std::string& remote) {
  const std::string target = "calendar:" + std::to_string(input.year);
  MOTCUA_RETURN_IF_ERROR(authorise(actor, "calendar.decision", target, remote));
  MOTCUA_RETURN_IF_ERROR(validate_decision(input));
  const auto now = clock_.now();
  std::vector<StoredCalendarDay> after;
  auto st = store_.write([&](Repositories& r) -> core::Status {
    if (input.replace) MOTCUA_RETURN_IF_ERROR(r.calendar().remove_year(input.year));
    MOTCUA_RETURN_IF_ERROR(check_rows(r, input));
    for (const auto& d : input.days)
      MOTCUA_RETURN_IF_ERROR(r.calendar().insert_day({d, actor.username, now}));
    auto rows = r.calendar().days(input.year);
    if (!rows) return rows.error();
    after = std::move(*rows);
    return r.audit().append({now, actor.user_id, actor.username, "calendar.decision", target, "ok",
                             std::to_string(input.days.size()) + " ngày" +
                                 (input.replace ? ", thay thế cả năm" : "") + "; " +
                                 input.days.front().source,
                             remote});
  });
  invalidate();
  if (!st) return st.error();
  return after;
}

core::Result<StoredCalendarDay> CalendarService::remove_decision_day(const Actor& actor, core::Date date,
                                                                     const std::string& remote) {
  const std::string target = "calendar:" + (date.ok() ? core::format_date(date) : std::string("?"));
  MOTCUA_RETURN_IF_ERROR(authorise(actor, "calendar.decision_delete", target, remote));
  if (!date.ok() || static_cast<int>(date.year()) < kFirstYear || static_cast<int>(date.year()) > kLastYear) {
    return Error::invalid("calendar.date_invalid", "Ngày phải là ngày có thật từ năm 1900 đến 2100.",
                          "The date must be a real day within 1900-2100.", "date");
  }
  StoredCalendarDay removed;
  auto st = store_.write([&](Repositories& r) -> core::Status {
    auto row = r.calendar().remove_day(date);
    if (!row) return row.error();
    removed = std::move(*row);
    return r.audit().append({clock_.now(), actor.user_id, actor.username, "calendar.decision_delete", target,
                             "ok",
                             std::string(cal::official_day_kind_name(removed.day.kind)) + ", " +
                                 removed.day.name_vi + "; " + removed.day.source,
                             remote});
  });
  if (!st) return st.error();
  invalidate();
  return removed;
}

core::Status CalendarService::set_agency_hours(const Actor& actor, const std::string& agency,
                                               const cal::AgencyCalendarConfig& hours,
                                               const std::string& remote) {
  MOTCUA_RETURN_IF_ERROR(authorise(actor, "calendar.hours", "agency:" + agency, remote));
  MOTCUA_RETURN_IF_ERROR(domain::validate_agency_code(agency, "agency"));
  MOTCUA_RETURN_IF_ERROR(cal::validate(hours));
  const auto now = clock_.now();
  auto st = store_.write([&](Repositories& r) -> core::Status {
    auto a = r.agencies().find(agency);
    if (!a) return a.error().code == ErrorCode::kNotFound ? unknown_agency(agency) : a.error();
    MOTCUA_RETURN_IF_ERROR(r.calendar().put_agency_hours({agency, hours, actor.username, now}));
    return r.audit().append({now, actor.user_id, actor.username, "calendar.hours", "agency:" + agency, "ok",
                             office_hours_to_json(hours).dump(), remote});
  });
  invalidate();
  return st;
}

void CalendarService::invalidate() {
  std::unique_lock lock(cache_mutex_);
  ++generation_;
  hours_.clear();
  calendars_.clear();
}

}  // namespace motcua::app
