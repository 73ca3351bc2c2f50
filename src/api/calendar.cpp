#include "api/calendar.hpp"

#include <charconv>

#include "app/calendar_codec.hpp"
#include "app/json_input.hpp"

namespace motcua::api {

namespace {

namespace cal = domain::calendar;
using core::Error;
using http::Request;
using http::Response;

using CalendarHandler = Response (*)(ApiContext&, app::CalendarService&, Request&);
// Responses keep their keys in the documented order ({"day", "month", "year", "leap"}), not sorted.
using Json = nlohmann::ordered_json;

Response respond(int status, const Json& body) {
  return Response::json(status, body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

constexpr const char* kLimitKeys[] = {"working_days", "working_hours", "calendar_days", "months"};
constexpr cal::LimitUnit kLimitUnits[] = {cal::LimitUnit::kWorkingDays, cal::LimitUnit::kWorkingHours,
                                          cal::LimitUnit::kCalendarDays, cal::LimitUnit::kMonths};
constexpr std::int64_t kLimitMax[] = {cal::kMaxWorkingDays, cal::kMaxWorkingHours, cal::kMaxCalendarDays,
                                      cal::kMaxMonths};

Json lunar_json(const cal::LunarDate& l) {
  return {{"day", l.day}, {"month", l.month}, {"year", l.year}, {"leap", l.leap}};
}

Json day_json(const cal::CalendarDay& d) {
  Json out = {{"date", core::format_date(d.date)},
              {"weekday", app::weekday_label_vi(cal::iso_weekday(cal::day_number(d.date)))},
              {"kind", cal::day_kind_name(d.kind)},
              {"kind_label", cal::day_kind_label_vi(d.kind)},
              {"name", d.name_vi},
              {"source", d.source}};
  if (auto l = cal::LunarCalendar::get().to_lunar(d.date)) out["lunar"] = cal::lunar_label_vi(*l);
  return out;
}

Json stored_json(const app::StoredCalendarDay& s) {
  return {{"date", core::format_date(s.day.date)},
          {"kind", cal::official_day_kind_name(s.day.kind)},
          {"occasion", s.day.occasion},
          {"name", s.day.name_vi},
          {"source", s.day.source},
          {"created_by", s.created_by},
          {"created_at", core::format_instant_vn(s.created_at)}};
}

// The codec's form with the agency first and the weekdays in week order.
Json hours_json(const std::string& agency, const cal::AgencyCalendarConfig& config) {
  const nlohmann::json hours = app::office_hours_to_json(config);
  Json week = Json::object();
  for (std::size_t i = 0; i < config.week.size(); ++i) {
    const char* key = app::weekday_key(i);
    week[key] = Json::parse(hours["week"][key].dump());
  }
  return {{"agency", agency}, {"week", week}, {"makeup_day", Json::parse(hours["makeup_day"].dump())}};
}

Error bad_year() {
  return Error::invalid("calendar.year_invalid", "Năm phải là số từ 1900 đến 2100.",
                        "The year must be a number from 1900 to 2100.", "year");
}

core::Result<int> parse_year(std::string_view text) {
  int year = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc{} || ptr != text.data() + text.size() || year < 1900 || year > 2100) return bad_year();
  return year;
}

core::Result<bool> bool_query(const Request& req, const char* name) {
  const auto v = req.query_param(name);
  if (!v || *v == "false" || *v == "0") return false;
  if (*v == "true" || *v == "1") return true;
  return Error::invalid("query.bad_bool", "Tham số \"" + std::string(name) + "\" phải là true hoặc false.",
                        "Query parameter \"" + std::string(name) + "\" must be true or false.", name);
}

core::Result<int> required_int_query(const Request& req, const char* name, int min, int max) {
  if (!req.query_param(name)) {
    return Error::invalid("query.missing", "Thiếu tham số bắt buộc \"" + std::string(name) + "\".",
                          "Missing required query parameter \"" + std::string(name) + "\".", name);
  }
  return int_query(req, name, min, max, 0);
}

Response lunar(ApiContext&, app::CalendarService& calendar, Request& req) {
  const auto date = core::parse_date(req.param("date"));
  if (!date) {
    return error(Error::invalid("calendar.date_invalid", "Ngày phải là ngày có thật dạng YYYY-MM-DD.",
                                "The date must be a real day written YYYY-MM-DD.", "date"));
  }
  auto l = calendar.to_lunar(*date);
  if (!l) return error(l.error());
  return respond(200, lunar_json(*l));
}

Response solar(ApiContext&, app::CalendarService& calendar, Request& req) {
  auto day = required_int_query(req, "lunar_day", 1, 30);
  if (!day) return error(day.error());
  auto month = required_int_query(req, "lunar_month", 1, 12);
  if (!month) return error(month.error());
  auto year = required_int_query(req, "lunar_year", 1, 9999);
  if (!year) return error(year.error());
  auto leap = bool_query(req, "leap");
  if (!leap) return error(leap.error());
  auto d = calendar.to_solar({*year, *month, *day, *leap});
  if (!d) return error(d.error());
  return respond(200, {{"date", core::format_date(*d)}});
}

Response days_off(ApiContext&, app::CalendarService& calendar, Request& req) {
  auto year = parse_year(req.param("year"));
  if (!year) return error(year.error());
  const std::string agency = req.query_param("agency").value_or("");
  auto view = calendar.days_off(*year, agency);
  if (!view) return error(view.error());
  Json body = {{"year", view->year},
               {"agency", agency.empty() ? Json(nullptr) : Json(agency)},
               {"working_days", view->working_days},
               {"days_off", Json::array()},
               {"makeup_days", Json::array()}};
  for (const auto& d : view->days_off) body["days_off"].push_back(day_json(d));
  for (const auto& d : view->makeup_days) body["makeup_days"].push_back(day_json(d));
  return respond(200, body);
}

// Exactly one of the limit keys, within 0..its maximum.
std::optional<cal::LimitSpec> read_limit(app::JsonObjectReader& r) {
  std::optional<cal::LimitSpec> limit;
  int given = 0;
  for (std::size_t i = 0; i < std::size(kLimitKeys); ++i) {
    const auto amount = r.optional_int(kLimitKeys[i], 0, kLimitMax[i]);
    if (!amount) continue;
    ++given;
    limit = cal::LimitSpec{static_cast<std::int32_t>(*amount), kLimitUnits[i], std::nullopt};
  }
  if (given != 1 && !r.failed()) {
    r.fail(Error::invalid("calendar.limit_required",
                          "Cần đúng một trong các trường working_days, working_hours, calendar_days.",
                          "Exactly one of working_days, working_hours, calendar_days is required.",
                          "working_days"));
  }
  return limit;
}

std::optional<std::int32_t> read_cutoff(app::JsonObjectReader& r) {
  const std::string text = r.optional_string("cutoff", 5);
  if (text.empty()) return std::nullopt;
  const auto minute = app::parse_clock_minute(text);
  if (!minute) {
    r.fail(Error::invalid("calendar.cutoff_invalid", "Giờ chốt \"cutoff\" phải có dạng HH:MM, ví dụ 15:00.",
                          "\"cutoff\" must be a time HH:MM, e.g. 15:00.", "cutoff"));
  }
  return minute;
}

Response deadline(ApiContext&, app::CalendarService& calendar, Request& req) {
  auto doc = app::parse_json_object(req.body);
  if (!doc) return error(doc.error());
  app::JsonObjectReader r(*doc);
  const std::string start_text = r.required_string("start", 40);
  const auto start = core::parse_instant(start_text);
  if (!start && !r.failed()) {
    r.fail(Error::invalid("calendar.start_invalid",
                          "\"start\" phải là thời điểm RFC 3339, ví dụ 2025-04-25T10:00:00+07:00.",
                          "\"start\" must be an RFC 3339 instant, e.g. 2025-04-25T10:00:00+07:00.", "start"));
  }
  auto limit = read_limit(r);
  const auto cutoff = read_cutoff(r);
  app::DeadlineQuery q;
  q.agency = r.optional_string("agency", 13);
  if (auto st = r.finish(); !st) return error(st.error());
  q.start = *start;
  q.limit = *limit;
  q.limit.cutoff_minute = cutoff;
  auto d = calendar.deadline(q);
  if (!d) return error(d.error());
  return respond(200, {{"due", core::format_instant_vn(d->due)},
                       {"due_date", core::format_date(d->due_date)},
                       {"counting_from", core::format_instant_vn(d->counting_from)}});
}

cal::OfficialDay read_row(const nlohmann::json& doc, std::size_t i, const std::string& default_source,
                          app::JsonObjectReader& outer) {
  cal::OfficialDay day;
  const std::string path = "days[" + std::to_string(i) + "]";
  if (!doc.is_object()) {
    outer.fail(Error::invalid("json.wrong_type", "Mỗi phần tử của \"days\" phải là đối tượng JSON.",
                              "Each element of \"days\" must be a JSON object.", path));
    return day;
  }
  app::JsonObjectReader r(doc, path);
  const auto date = core::parse_date(r.required_string("date", 10));
  const auto kind = cal::parse_official_day_kind(r.required_string("kind", 20));
  day.occasion = r.optional_string("occasion", 40);
  day.name_vi = r.required_string("name", 300);
  day.source = r.optional_string("source", 500, default_source);
  if (!date && !r.failed()) {
    r.fail(Error::invalid("calendar.date_invalid", "Ngày phải là ngày có thật dạng YYYY-MM-DD.",
                          "The date must be a real day written YYYY-MM-DD.", path + ".date"));
  }
  if (!kind && !r.failed()) {
    r.fail(Error::invalid("calendar.kind_invalid",
                          "\"kind\" phải là holiday, compensatory, swap_off, swap_work hoặc extra_off.",
                          "\"kind\" must be holiday, compensatory, swap_off, swap_work or extra_off.",
                          path + ".kind"));
  }
  if (auto st = r.finish(); !st) outer.fail(st.error());
  day.date = date.value_or(core::Date{});
  day.kind = kind.value_or(cal::OfficialDayKind::kHoliday);
  return day;
}

Response add_decision(ApiContext& ctx, app::CalendarService& calendar, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  auto doc = app::parse_json_object(req.body);
  if (!doc) return error(doc.error());
  app::JsonObjectReader r(*doc);
  app::DecisionInput input;
  input.year = static_cast<int>(r.required_int("year", 1900, 2100));
  const std::string source = r.optional_string("source", 500);
  input.replace = r.optional_bool("replace", false);
  const auto rows = r.optional_object_array("days", 366);
  for (std::size_t i = 0; i < rows.size() && !r.failed(); ++i)
    input.days.push_back(read_row(*rows[i], i, source, r));
  if (auto st = r.finish(); !st) return error(st.error());
  auto stored = calendar.add_decision(*actor, input, req.remote);
  if (!stored) return error(stored.error());
  Json body = {{"year", input.year}, {"days", Json::array()}};
  for (const auto& s : *stored) body["days"].push_back(stored_json(s));
  return respond(201, body);
}

Response remove_decision(ApiContext& ctx, app::CalendarService& calendar, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  const auto date = core::parse_date(req.param("date"));
  if (!date) {
    return error(Error::invalid("calendar.date_invalid", "Ngày phải là ngày có thật dạng YYYY-MM-DD.",
                                "The date must be a real day written YYYY-MM-DD.", "date"));
  }
  auto removed = calendar.remove_decision_day(*actor, *date, req.remote);
  if (!removed) return error(removed.error());
  return respond(200, {{"deleted", stored_json(*removed)}});
}

Response list_decisions(ApiContext&, app::CalendarService& calendar, Request& req) {
  auto year = int_query(req, "year", 1900, 2100, 0);
  if (!year) return error(year.error());
  auto stored = calendar.decisions(*year);
  if (!stored) return error(stored.error());
  Json body = {{"items", Json::array()}};
  for (const auto& s : *stored) body["items"].push_back(stored_json(s));
  return respond(200, body);
}

Response get_hours(ApiContext&, app::CalendarService& calendar, Request& req) {
  const std::string agency(req.param("code"));
  auto hours = calendar.agency_hours(agency);
  if (!hours) return error(hours.error());
  return respond(200, hours_json(agency, *hours));
}

Response put_hours(ApiContext& ctx, app::CalendarService& calendar, Request& req) {
  auto actor = identify_for_write(ctx, req);
  if (!actor) return error(actor.error());
  auto doc = app::parse_json_object(req.body);
  if (!doc) return error(doc.error());
  auto hours = app::office_hours_from_json(*doc);
  if (!hours) return error(hours.error());
  const std::string agency(req.param("code"));
  if (auto st = calendar.set_agency_hours(*actor, agency, *hours, req.remote); !st) return error(st.error());
  return respond(200, hours_json(agency, *hours));
}

}  // namespace

void add_calendar_routes(http::Router& router, ApiContext& ctx, app::CalendarService& calendar) {
  auto bind = [&ctx, &calendar](CalendarHandler fn) {
    return [&ctx, &calendar, fn](Request& r) { return fn(ctx, calendar, r); };
  };
  router.get("/api/v1/calendar/lunar/{date}", bind(lunar));
  router.get("/api/v1/calendar/solar", bind(solar));
  router.get("/api/v1/calendar/{year}/days-off", bind(days_off));
  router.post("/api/v1/calendar/deadline", bind(deadline));
  router.get("/api/v1/calendar/decisions", bind(list_decisions));
  router.post("/api/v1/calendar/decisions", bind(add_decision));
  router.del("/api/v1/calendar/decisions/{date}", bind(remove_decision));
  router.get("/api/v1/calendar/agencies/{code}/hours", bind(get_hours));
  router.put("/api/v1/calendar/agencies/{code}/hours", bind(put_hours));
}

}  // namespace motcua::api
