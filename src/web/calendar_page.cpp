#include "web/calendar_page.hpp"

#include <charconv>

#include "app/calendar_codec.hpp"
#include "app/permissions.hpp"
#include "core/text.hpp"
#include "http/error_mapping.hpp"
#include "web/calendar_admin_page.hpp"
#include "web/page_support.hpp"

namespace motcua::web {

namespace {

namespace cal = domain::calendar;
using http::Request;
using http::Response;
using kainjow::mustache::data;
using kainjow::mustache::object;

constexpr int kFirstYear = cal::LunarCalendar::kFirstSolarYear;
constexpr int kLastYear = cal::LunarCalendar::kLastSolarYear;

std::string two_digits(unsigned n) {
  return std::string(n < 10 ? "0" : "") + std::to_string(n);
}

// "05/02" (day/month), as dates are written on Vietnamese calendars.
std::string short_date(core::Date d) {
  return two_digits(static_cast<unsigned>(d.day())) + "/" + two_digits(static_cast<unsigned>(d.month()));
}

const char* weekday_vi(cal::DayNumber n) {
  return app::weekday_label_vi(cal::iso_weekday(n));
}

// The lunar day under a solar day: "14", or "1/3" on mùng 1 (with "n" for a leap month: "1/6n").
std::string lunar_cell(const cal::LunarDate& l) {
  if (l.day != 1) return std::to_string(l.day);
  return "1/" + std::to_string(l.month) + (l.leap ? "n" : "");
}

std::string year_link(int year, const std::string& agency) {
  std::string url = "/lich?nam=" + std::to_string(year);
  if (!agency.empty()) url += "&co-quan=" + http::url_encode(agency);
  return url;
}

data day_cell(const cal::WorkingCalendar& calendar, cal::DayNumber n, cal::DayNumber today) {
  const cal::CalendarDay d = calendar.day(cal::date_of(n));
  const auto l = cal::LunarCalendar::get().to_lunar(d.date);
  std::string cls = std::string("k-") + cal::day_kind_name(d.kind);
  if (l && l->day == 1) cls += " m1";
  if (n == today) cls += " today";
  std::string title = std::string(weekday_vi(n)) + " " + core::format_date(d.date);
  if (l) title += ", âm lịch " + cal::lunar_label_vi(*l);
  if (d.kind != cal::DayKind::kWorking && d.kind != cal::DayKind::kWeeklyRest) title += " — " + d.name_vi;
  return object{{"day", std::to_string(static_cast<unsigned>(d.date.day()))},
                {"lunar", l ? lunar_cell(*l) : std::string()},
                {"cls", cls},
                {"title", title}};
}

// Holidays, compensatory and swapped days, other days off and make-up days of a month, with their names.
data month_notes(const cal::WorkingCalendar& calendar, cal::DayNumber first, cal::DayNumber end) {
  data notes{data::type::list};
  for (cal::DayNumber n = first; n < end; ++n) {
    const cal::DayKind k = calendar.kind(n);
    if (k == cal::DayKind::kWorking || k == cal::DayKind::kWeeklyRest) continue;
    const cal::CalendarDay d = calendar.day(cal::date_of(n));
    notes.push_back(object{{"date", short_date(d.date)},
                           {"weekday", weekday_vi(n)},
                           {"kind", cal::day_kind_label_vi(k)},
                           {"cls", std::string("k-") + cal::day_kind_name(k)},
                           {"name", d.name_vi},
                           {"source", d.source}});
  }
  return notes;
}

data month_view(const cal::WorkingCalendar& calendar, int year, unsigned month, cal::DayNumber today) {
  const core::Date first{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{1}};
  const cal::DayNumber start = cal::day_number(first);
  const auto next_month = std::chrono::year_month{first.year(), first.month()} + std::chrono::months{1};
  const cal::DayNumber end = cal::day_number(core::Date{next_month / std::chrono::day{1}});
  data weeks{data::type::list};
  data week{data::type::list};
  for (int i = 1; i < cal::iso_weekday(start); ++i) week.push_back(object{{"empty", true}});
  for (cal::DayNumber n = start; n < end; ++n) {
    week.push_back(day_cell(calendar, n, today));
    if (cal::iso_weekday(n) == 7) {
      weeks.push_back(object{{"days", week}});
      week = data{data::type::list};
    }
  }
  if (cal::iso_weekday(end - 1) != 7) weeks.push_back(object{{"days", week}});
  data notes = month_notes(calendar, start, end);
  const bool has_notes = !notes.list_value().empty();
  return object{{"name", "Tháng " + std::to_string(month)},
                {"weeks", weeks},
                {"notes", notes},
                {"has_notes", has_notes}};
}

data agencies_view(WebContext& ctx, const std::string& selected) {
  data list{data::type::list};
  if (auto agencies = ctx.organisation.agencies()) {
    for (const auto& a : *agencies)
      list.push_back(object{{"code", a.code}, {"name", a.name}, {"selected", a.code == selected}});
  }
  return list;
}

std::optional<int> parse_year(const std::string& text) {
  int year = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc{} || ptr != text.data() + text.size() || year < kFirstYear || year > kLastYear)
    return std::nullopt;
  return year;
}

Response error_page(WebContext& ctx, const Request& req, int status, const std::string& text) {
  return render_page(ctx, req, status, "Lịch làm việc",
                     render_template("message", object{{"heading", "Không xem được lịch"}, {"text", text}}));
}

Response calendar_page(WebContext& ctx, app::CalendarService& calendar, Request& req) {
  const core::Date today = ctx.organisation.today();
  const auto year_text = req.query_param("nam");
  const auto year = year_text ? parse_year(*year_text) : std::optional<int>(static_cast<int>(today.year()));
  if (!year) return error_page(ctx, req, 400, "Năm phải là số từ 1900 đến 2100, ví dụ /lich?nam=2026.");
  const std::string agency = req.query_param("co-quan").value_or("");
  if (!core::is_valid_utf8(agency)) return error_page(ctx, req, 400, "Mã cơ quan không hợp lệ.");
  auto view_or = calendar.days_off(*year, agency);
  if (!view_or)
    return error_page(ctx, req, http::http_status_for(view_or.error().code), view_or.error().message_vi);
  auto built = calendar.calendar(agency);
  if (!built)
    return error_page(ctx, req, http::http_status_for(built.error().code), built.error().message_vi);
  data months{data::type::list};
  for (unsigned m = 1; m <= 12; ++m) months.push_back(month_view(**built, *year, m, cal::day_number(today)));
  data view{object{{"year", std::to_string(*year)},
                   {"months", months},
                   {"agencies", agencies_view(ctx, agency)},
                   {"working_days", std::to_string(view_or->working_days)},
                   {"days_off", std::to_string(view_or->days_off.size())},
                   {"lunar_year", cal::year_name_vi(*year)}}};
  if (auto user = signed_in_user(ctx, req); user && app::permissions::can_manage_calendar(*user).ok())
    view.set("manage_url", "/lich/quyet-dinh?nam=" + std::to_string(*year));
  if (*year > kFirstYear) view.set("prev_url", year_link(*year - 1, agency));
  if (*year < kLastYear) view.set("next_url", year_link(*year + 1, agency));
  return render_page(ctx, req, 200, "Lịch làm việc năm " + std::to_string(*year),
                     render_template("calendar", view));
}

}  // namespace

void add_calendar_page_routes(http::Router& router, WebContext& ctx, app::CalendarService& calendar) {
  router.get("/lich", [&ctx, &calendar](Request& r) { return calendar_page(ctx, calendar, r); });
  add_calendar_admin_routes(router, ctx, calendar);
}

}  // namespace motcua::web
