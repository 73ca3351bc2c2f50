// The legal calendar's stored data: official decision rows (calendar_days, one per date) and agencies'
// office hours (agency_calendars, the JSON form of app/calendar_codec.hpp). A year's rows are the dates
// between its 1 January and 31 December: dates are 'YYYY-MM-DD' text on SQLite and DATE on PostgreSQL, and
// both order and compare them the same way.
#include <nlohmann/json.hpp>

#include "app/calendar_codec.hpp"
#include "core/time.hpp"
#include "storage/common/repositories.hpp"
#include "storage/common/row_helpers.hpp"
#include "storage/common/sql_template.hpp"

namespace motcua::storage {

namespace {

namespace cal = domain::calendar;

constexpr std::string_view kSelectDays =
    "SELECT date, kind, occasion, name, source, created_by, created_at FROM calendar_days ";

std::string year_bound(int year, const char* month_day) {
  std::string y = std::to_string(year);
  while (y.size() < 4) y.insert(y.begin(), '0');
  return y + month_day;
}

core::Result<app::StoredCalendarDay> day_from_row(const Row& row) {
  const auto date = core::parse_date(row.text(0));
  auto kind = enum_column(cal::parse_official_day_kind, row.text(1));
  if (!date || !kind) return db_internal("malformed calendar_days row");
  return app::StoredCalendarDay{
      {*date, *kind, row.text(2), row.text(3), row.text(4)}, row.text(5), row.int64(6)};
}

core::Result<std::vector<app::StoredCalendarDay>> days_from_rows(const Rows& rows) {
  std::vector<app::StoredCalendarDay> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    auto d = day_from_row(row);
    if (!d) return std::move(d).error();
    out.push_back(std::move(*d));
  }
  return out;
}

const SqlTemplate& put_hours_sql() {
  static const SqlTemplate sql(
      "INSERT INTO agency_calendars (agency_code, hours, updated_by, updated_at) VALUES ($1, $2{json}, $3, "
      "$4) "
      "ON CONFLICT (agency_code) DO UPDATE SET hours = excluded.hours, updated_by = excluded.updated_by, "
      "updated_at = excluded.updated_at");
  return sql;
}

}  // namespace

core::Status SqlCalendarRepository::insert_day(const app::StoredCalendarDay& d) {
  auto changed = conn_.exec(
      "INSERT INTO calendar_days (date, kind, occasion, name, source, created_by, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
      {Value(core::format_date(d.day.date)), Value(cal::official_day_kind_name(d.day.kind)),
       Value(d.day.occasion), Value(d.day.name_vi), Value(d.day.source), Value(d.created_by),
       Value(d.created_at)});
  return expect_changed(
      changed, make_error(core::ErrorCode::kAlreadyExists, "calendar.date_taken",
                          "Ngày này đã có trong quyết định đã lưu.", "This date is already stored."));
}

core::Result<std::int64_t> SqlCalendarRepository::remove_year(int year) {
  return conn_.exec("DELETE FROM calendar_days WHERE date >= $1 AND date <= $2",
                    {Value(year_bound(year, "-01-01")), Value(year_bound(year, "-12-31"))});
}

core::Result<app::StoredCalendarDay> SqlCalendarRepository::remove_day(core::Date date) {
  static const std::string select = std::string(kSelectDays) + "WHERE date = $1";
  const std::string key = core::format_date(date);
  auto rows = conn_.query(select, {Value(key)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) {
    return core::Error{core::ErrorCode::kNotFound, "calendar.decision_not_found",
                       "Không có ngày " + key + " trong các quyết định đã lưu.",
                       "No stored decision row for " + key + ".", "date"};
  }
  auto day = day_from_row(rows->front());
  if (!day) return day;
  MOTCUA_RETURN_IF_ERROR(conn_.exec("DELETE FROM calendar_days WHERE date = $1", {Value(key)}));
  return day;
}

core::Result<std::vector<app::StoredCalendarDay>> SqlCalendarRepository::days(int year) {
  static const std::string all = std::string(kSelectDays) + "ORDER BY date";
  static const std::string of_year =
      std::string(kSelectDays) + "WHERE date >= $1 AND date <= $2 ORDER BY date";
  auto rows = year == 0 ? conn_.query(all)
                        : conn_.query(of_year,
                                      {Value(year_bound(year, "-01-01")), Value(year_bound(year, "-12-31"))});
  if (!rows) return std::move(rows).error();
  return days_from_rows(*rows);
}

core::Status SqlCalendarRepository::put_agency_hours(const app::AgencyHoursRecord& record) {
  MOTCUA_RETURN_IF_ERROR(
      conn_.exec(put_hours_sql().sql(conn_.dialect()),
                 {Value(record.agency_code), Value(app::office_hours_to_json(record.config).dump()),
                  Value(record.updated_by), Value(record.updated_at)}));
  return {};
}

core::Result<app::AgencyHoursRecord> SqlCalendarRepository::find_agency_hours(
    const std::string& agency_code) {
  auto rows = conn_.query(
      "SELECT agency_code, hours, updated_by, updated_at FROM agency_calendars WHERE agency_code = $1",
      {Value(agency_code)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) {
    return core::Error::not_found("calendar.hours_not_found", "Cơ quan chưa khai báo giờ làm việc riêng.",
                                  "The agency has no office hours of its own.");
  }
  const Row& row = rows->front();
  auto doc = nlohmann::json::parse(row.text(1), nullptr, false);
  auto config = doc.is_discarded() ? core::Result<cal::AgencyCalendarConfig>(db_internal("malformed hours"))
                                   : app::office_hours_from_json(doc);
  if (!config) return db_internal("malformed agency_calendars.hours");
  config->agency = row.text(0);
  return app::AgencyHoursRecord{row.text(0), std::move(*config), row.text(2), row.int64(3)};
}

}  // namespace motcua::storage
