// CalendarService: the legal calendar's use cases (issue 3). Lunar/solar conversion, an agency's days off for
// a year, deadline computation, and the administrators' changes: a year's official holiday decision and an
// agency's office hours. Every change is validated, audited in its transaction, and invalidates the cache.
//
// Where a calendar comes from: the built-in rules (domain::calendar::default_holiday_rules(): both Labour
// Codes, the compensatory rule and the 2024-2026 schedules), overlaid with the stored decision rows, and the
// agency's stored week (the standard Monday-Friday 07:30-11:30, 13:30-17:00 when it has none). A stored row
// replaces the built-in row of the same date; stored rows naming an occasion in a year replace the built-in
// rows of that occasion in that year (so a correction of a shipped schedule is one decision). Calendars span
// 1900-2100.
//
// Built calendars (about 2 MB and 30 ms each) are cached by office hours, so agencies working the same week
// share one; agencies' hours are cached by code. A change made through this service invalidates both right
// after its commit; with several app processes each one serves a calendar at most `cache_ttl_seconds` older
// than the last change (as CatalogueService does). Thread-safe.
//
//   CalendarService cal(store, auth, clock);
//   auto d = cal.deadline({*core::parse_instant("2025-04-25T10:00:00+07:00"), {3, LimitUnit::kWorkingDays,
//   {}}, ""});
//   // d->due_date == 2025-04-29
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/auth.hpp"
#include "app/ports.hpp"
#include "domain/calendar/calendar.hpp"

namespace motcua::app {

namespace cal = domain::calendar;

// A year as listed for people: every non-working day (weekly rest days included) and the make-up working
// days.
struct YearDaysOff {
  int year = 0;
  std::string agency;  // "" for the standard calendar
  std::vector<cal::CalendarDay> days_off;
  std::vector<cal::CalendarDay> makeup_days;
  int working_days = 0;  // working days in the year (make-up days included)
};

struct DeadlineQuery {
  core::UnixSeconds start = 0;  // receipt instant
  cal::LimitSpec limit;
  std::string agency;  // "" for the standard calendar
};

// A year's official decision (or part of one) to store: its rows, each with date, kind, occasion, name and
// source. With `replace`, the year's previously stored rows are removed first.
struct DecisionInput {
  int year = 0;
  std::vector<cal::OfficialDay> days;
  bool replace = false;
};

class CalendarService {
 public:
  CalendarService(Store& store, AuthService& auth, const core::Clock& clock,
                  std::int64_t cache_ttl_seconds = 5);

  // Conversions for 1900-2100 at Vietnam's meridian; InvalidArgument naming the field ("date", "lunar_day",
  // "lunar_month", "lunar_year", "leap").
  core::Result<cal::LunarDate> to_lunar(core::Date solar) const;
  core::Result<core::Date> to_solar(const cal::LunarDate& lunar) const;

  // The calendar of an agency ("" = standard). InvalidArgument/NotFound naming "agency" for a malformed or
  // unknown code. A caller inside a transaction passes its repositories as `within`: what is not cached is
  // then read in that transaction, never in a second one that would wait for a connection the caller may
  // hold.
  core::Result<std::shared_ptr<const cal::WorkingCalendar>> calendar(const std::string& agency,
                                                                     Repositories* within = nullptr);

  // InvalidArgument "year" outside 1900-2100.
  core::Result<YearDaysOff> days_off(int year, const std::string& agency);
  // See domain/calendar/deadline.hpp for the counting rules and errors.
  core::Result<cal::Deadline> deadline(const DeadlineQuery& query);

  // The stored decision rows of a year (0: every year).
  core::Result<std::vector<StoredCalendarDay>> decisions(int year);
  // An agency's office hours: the stored ones, or the standard week when it has none.
  core::Result<cal::AgencyCalendarConfig> agency_hours(const std::string& agency);

  // Administrators only. InvalidArgument naming the field ("year", "days", "days[3].date", "days[3].source",
  // ...); AlreadyExists ("days[i].date") when a date is already stored and `replace` is not set. Returns the
  // year's stored rows after the change.
  core::Result<std::vector<StoredCalendarDay>> add_decision(const Actor& actor, const DecisionInput& input,
                                                            const std::string& remote);
  // Administrators only. Removes the stored decision row of one date (the built-in row of that date, if any,
  // applies again) and returns it. InvalidArgument "date" outside 1900-2100; NotFound "date" when no row is
  // stored for that date. Audited as "calendar.decision_delete" in the same transaction.
  core::Result<StoredCalendarDay> remove_decision_day(const Actor& actor, core::Date date,
                                                      const std::string& remote);
  // Administrators only. NotFound "agency" for an unknown agency; InvalidArgument for invalid hours.
  core::Status set_agency_hours(const Actor& actor, const std::string& agency,
                                const cal::AgencyCalendarConfig& hours, const std::string& remote);

 private:
  struct CachedCalendar {
    std::shared_ptr<const cal::WorkingCalendar> calendar;
    core::UnixSeconds loaded_at = 0;
  };
  // An agency's hours and the key of its calendar in calendars_ (the hours' JSON text).
  struct CachedHours {
    cal::AgencyCalendarConfig config;
    std::string key;
    core::UnixSeconds loaded_at = 0;
  };

  // Runs `fn` on `within` when given, else in a read transaction of its own.
  core::Status read_in(Repositories* within, const std::function<core::Status(Repositories&)>& fn);
  core::Result<CachedHours> load_hours(const std::string& agency, Repositories* within = nullptr);
  core::Result<std::shared_ptr<const cal::WorkingCalendar>> build(const cal::AgencyCalendarConfig& config,
                                                                  const std::string& key,
                                                                  Repositories* within = nullptr);
  core::Result<cal::HolidayRules> merged_rules(Repositories* within = nullptr);
  core::Status authorise(const Actor& actor, const std::string& action, const std::string& target,
                         const std::string& remote);
  core::Status check_rows(Repositories& r, const DecisionInput& input);
  void invalidate();

  Store& store_;
  AuthService& auth_;
  const core::Clock& clock_;
  std::int64_t cache_ttl_seconds_;
  std::shared_mutex cache_mutex_;
  std::unordered_map<std::string, CachedHours> hours_;         // by agency code
  std::unordered_map<std::string, CachedCalendar> calendars_;  // by office hours (their JSON text)
  std::atomic<std::uint64_t> generation_{0};                   // bumped by every invalidation
};

// Validates the rows of a decision without storage: year in range, at least one row and at most 366, every
// date in the year and once only, a name, a source, and an occasion of lower-case letters, digits and '_'.
core::Status validate_decision(const DecisionInput& input);

}  // namespace motcua::app
