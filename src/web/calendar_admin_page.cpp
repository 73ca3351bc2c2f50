#include "web/calendar_admin_page.hpp"

#include <array>
#include <charconv>

#include "app/calendar_codec.hpp"
#include "app/permissions.hpp"
#include "core/text.hpp"
#include "http/error_mapping.hpp"
#include "web/page_support.hpp"

namespace motcua::web {

namespace {

namespace cal = domain::calendar;
using core::Error;
using http::Request;
using http::Response;
using kainjow::mustache::data;
using kainjow::mustache::object;

constexpr const char* kPath = "/lich/quyet-dinh";
constexpr std::size_t kFormRows = 5;
constexpr int kFirstYear = cal::LunarCalendar::kFirstSolarYear;
constexpr int kLastYear = cal::LunarCalendar::kLastSolarYear;

struct Choice {
  const char* value;
  const char* label;
};

constexpr std::array<Choice, 5> kKinds = {{
    {"holiday", "Nghỉ lễ, Tết"},
    {"compensatory", "Nghỉ bù"},
    {"swap_off", "Nghỉ hoán đổi"},
    {"swap_work", "Làm bù (ngày làm việc)"},
    {"extra_off", "Nghỉ khác theo quyết định"},
}};

constexpr std::array<Choice, 7> kOccasions = {{
    {"", "(không)"},
    {"tet_duong_lich", "Tết Dương lịch"},
    {"tet_nguyen_dan", "Tết Nguyên đán"},
    {"gio_to_hung_vuong", "Giỗ Tổ Hùng Vương"},
    {"ngay_chien_thang", "Ngày Chiến thắng"},
    {"quoc_te_lao_dong", "Ngày Quốc tế Lao động"},
    {"quoc_khanh", "Quốc khánh"},
}};

// The form's labels of the decision's fields, as the service names them ("days[2].date" -> "date").
constexpr std::array<Choice, 7> kFieldLabels = {{
    {"year", "Năm"},
    {"days", "Các ngày của quyết định"},
    {"date", "Ngày"},
    {"kind", "Loại ngày"},
    {"occasion", "Dịp lễ"},
    {"name", "Tên ngày nghỉ"},
    {"source", "Căn cứ pháp lý"},
}};

template <std::size_t N>
const char* label_of(const std::array<Choice, N>& choices, std::string_view value) {
  for (const auto& c : choices)
    if (value == c.value) return c.label;
  return "";
}

template <std::size_t N>
data options(const std::array<Choice, N>& choices, const std::string& selected) {
  data list{data::type::list};
  for (const auto& c : choices)
    list.push_back(object{{"value", c.value}, {"label", c.label}, {"selected", selected == c.value}});
  return list;
}

// One row of the form as typed (re-shown after an error).
struct RowForm {
  std::string date, kind = "holiday", occasion, name, source;
  bool empty() const { return date.empty() && name.empty() && source.empty() && occasion.empty(); }
};

struct DecisionForm {
  std::string year, source;
  bool replace = false;
  std::array<RowForm, kFormRows> rows;
};

// The form as a decision: the rows with anything typed; form_rows[i] is the form row (0-based) of days[i].
// `error` when the form cannot be read as a decision (the service validates the rest).
struct ParsedForm {
  app::DecisionInput input;
  std::vector<std::size_t> form_rows;
  std::optional<Error> error;
};

// Where an error points in the form: a row (1-based; 0 for the decision) and a member ("date", "year"...).
struct FieldRef {
  std::size_t row = 0;
  std::string member;
};

std::string two_digits(unsigned n) {
  return std::string(n < 10 ? "0" : "") + std::to_string(n);
}

// "11/06/2027", as dates are written in Vietnamese documents.
std::string vn_date(core::Date d) {
  return two_digits(static_cast<unsigned>(d.day())) + "/" + two_digits(static_cast<unsigned>(d.month())) +
         "/" + std::to_string(static_cast<int>(d.year()));
}

std::optional<int> parse_year(std::string_view text) {
  int year = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc{} || ptr != text.data() + text.size() || year < kFirstYear || year > kLastYear)
    return std::nullopt;
  return year;
}

// A date as Vietnamese documents write it, "11/06/2027" (or "1/6/2027"), or as "2027-06-11"; nullopt
// otherwise. A text field rather than <input type=date>, whose display follows the browser's language and
// shows 06/11/2027 for 11 June in an English browser.
std::optional<core::Date> parse_form_date(const std::string& text) {
  if (auto iso = core::parse_date(text)) return iso;
  unsigned parts[3] = {0, 0, 0};
  std::size_t part = 0, digits = 0;
  for (char c : text) {
    if (c == '/' && digits > 0 && part < 2) {
      ++part;
      digits = 0;
    } else if (c >= '0' && c <= '9' && digits < (part == 2 ? 4u : 2u)) {
      parts[part] = parts[part] * 10 + static_cast<unsigned>(c - '0');
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits != 4) return std::nullopt;
  const core::Date d{std::chrono::year{static_cast<int>(parts[2])}, std::chrono::month{parts[1]},
                     std::chrono::day{parts[0]}};
  if (!d.ok()) return std::nullopt;
  return d;
}

// A form field, NFC and trimmed; "" when absent or not UTF-8 (the caller reports the latter).
std::string field(const Request& req, const std::string& name, bool& bad_text) {
  auto v = req.form_field(name);
  if (!v) return {};
  if (!core::is_valid_utf8(*v)) {
    bad_text = true;
    return {};
  }
  return core::trim(core::to_nfc(*v));
}

DecisionForm read_form(const Request& req, bool& bad_text) {
  DecisionForm f;
  f.year = field(req, "nam", bad_text);
  f.source = field(req, "can-cu", bad_text);
  f.replace = req.form_field("thay-the").value_or("") == "1";
  for (std::size_t i = 0; i < kFormRows; ++i) {
    const std::string n = std::to_string(i + 1);
    RowForm& r = f.rows[i];
    r.date = field(req, "ngay-" + n, bad_text);
    r.kind = field(req, "loai-" + n, bad_text);
    r.occasion = field(req, "dip-" + n, bad_text);
    r.name = field(req, "ten-" + n, bad_text);
    r.source = field(req, "can-cu-" + n, bad_text);
  }
  return f;
}

ParsedForm to_input(const DecisionForm& f) {
  ParsedForm out;
  const auto year = parse_year(f.year);
  if (!year) {
    out.error = Error::invalid("calendar.year_invalid", "Năm phải là số từ 1900 đến 2100.",
                               "The year must be a number from 1900 to 2100.", "year");
    return out;
  }
  out.input.year = *year;
  out.input.replace = f.replace;
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    const RowForm& r = f.rows[i];
    if (r.empty()) continue;
    const std::string path = "days[" + std::to_string(out.input.days.size()) + "]";
    out.form_rows.push_back(i);
    const auto kind = cal::parse_official_day_kind(r.kind);
    if (!kind) {
      out.error = Error::invalid("calendar.kind_invalid", "Hãy chọn loại ngày trong danh sách.",
                                 "Choose a kind of day from the list.", path + ".kind");
      return out;
    }
    // An unparsable date stays invalid (Date{}): the service names it with the year's message.
    out.input.days.push_back({parse_form_date(r.date).value_or(core::Date{}), *kind, r.occasion, r.name,
                              r.source.empty() ? f.source : r.source});
  }
  return out;
}

FieldRef field_ref(const std::string& field, const std::vector<std::size_t>& form_rows) {
  if (field.rfind("days[", 0) != 0) return {0, field};
  std::size_t index = 0;
  const auto [ptr, ec] = std::from_chars(field.data() + 5, field.data() + field.size(), index);
  const auto dot = field.find("].");
  if (ec != std::errc{} || dot == std::string::npos) return {0, "days"};
  const std::size_t row = index < form_rows.size() ? form_rows[index] + 1 : index + 1;
  return {row, field.substr(dot + 2)};
}

// "Dòng 2, ô “Ngày”: Ngày phải là ...": the error in Vietnamese, naming the field as the form labels it.
std::string error_text(const Error& e, const FieldRef& ref) {
  const char* label = label_of(kFieldLabels, ref.member);
  std::string where;
  if (ref.row > 0) where = "Dòng " + std::to_string(ref.row) + ", ";
  if (*label != '\0') where += std::string(where.empty() ? "Ô" : "ô") + " “" + label + "”";
  return where.empty() ? e.message_vi : where + ": " + e.message_vi;
}

data form_rows_view(const DecisionForm& f, const FieldRef* bad) {
  data list{data::type::list};
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    const RowForm& r = f.rows[i];
    const std::string n = std::to_string(i + 1);
    object row{{"n", n},
               {"date", r.date},
               {"name", r.name},
               {"source", r.source},
               {"kinds", options(kKinds, r.kind)},
               {"occasions", options(kOccasions, r.occasion)}};
    if (bad && bad->row == i + 1) row["bad_" + bad->member] = data(true);
    list.push_back(row);
  }
  return list;
}

data stored_view(const std::vector<app::StoredCalendarDay>& stored) {
  data list{data::type::list};
  for (const auto& s : stored) {
    const auto kind = cal::official_day_kind_name(s.day.kind);
    object row{{"date", core::format_date(s.day.date)},
               {"date_vn", vn_date(s.day.date)},
               {"weekday", app::weekday_label_vi(cal::iso_weekday(cal::day_number(s.day.date)))},
               {"kind", label_of(kKinds, kind)},
               {"kind_cls", std::string("k-") +
                                (s.day.kind == cal::OfficialDayKind::kSwapWork ? "makeup_working" : kind)},
               {"name", s.day.name_vi},
               {"source", s.day.source},
               {"created", s.created_by + ", " + vn_date(core::vietnam_date_of(s.created_at))}};
    // A mustache section shows for any string, even "": only rows placing a holiday get the key.
    if (!s.day.occasion.empty()) row["occasion"] = data(std::string(label_of(kOccasions, s.day.occasion)));
    list.push_back(row);
  }
  return list;
}

// A page saying why the visitor may not be here: 401 with a sign-in link, 403 otherwise.
Response denied_page(WebContext& ctx, const Request& req, const Error& e) {
  const bool sign_in = e.code == core::ErrorCode::kUnauthenticated;
  Response r =
      render_page(ctx, req, http::http_status_for(e.code), "Quyết định nghỉ lễ",
                  render_template("access_denied",
                                  object{{"heading", sign_in ? "Cần đăng nhập" : "Không có quyền truy cập"},
                                         {"text", e.message_vi},
                                         {"sign_in", sign_in}}));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response bad_request_page(WebContext& ctx, const Request& req, int status, const std::string& text) {
  return render_page(
      ctx, req, status, "Quyết định nghỉ lễ",
      render_template("message", object{{"heading", "Không thực hiện được yêu cầu"}, {"text", text}}));
}

// The caller, who must be an administrator: Unauthenticated or PermissionDenied otherwise. With `form`, the
// request is a form POST that must echo the session's CSRF token. Denials of changes are audited.
core::Result<app::Actor> administrator(WebContext& ctx, const Request& req, const char* action,
                                       const std::string& target, bool form) {
  const app::Actor actor = signed_in_user(ctx, req).value_or(app::Actor{});
  auto allowed = app::permissions::can_manage_calendar(actor);
  if (!allowed) {
    if (form) ctx.auth.audit_denial(actor, action, target, allowed.error(), req.remote);
    return allowed.error();
  }
  if (form && req.form_field("csrf").value_or("") != actor.csrf_token) {
    return Error{core::ErrorCode::kPermissionDenied, "auth.csrf",
                 "Mã chống giả mạo của biểu mẫu không đúng; tải lại trang rồi thử lại.",
                 "The form's anti-forgery token is wrong; reload the page and try again.", "csrf"};
  }
  return actor;
}

struct PageState {
  int year = 0;
  DecisionForm form;
  std::string notice;
  std::optional<Error> error;
  std::vector<std::size_t> form_rows;  // of the decision the error refers to
};

Response show(WebContext& ctx, app::CalendarService& calendar, const Request& req, const app::Actor& actor,
              const PageState& state, int status) {
  auto stored = calendar.decisions(state.year);
  if (!stored)
    return bad_request_page(ctx, req, http::http_status_for(stored.error().code), stored.error().message_vi);
  const std::string year = std::to_string(state.year);
  std::optional<FieldRef> bad;
  if (state.error) bad = field_ref(state.error->field, state.form_rows);
  data view{object{{"year", year},
                   {"csrf", actor.csrf_token},
                   {"stored", stored_view(*stored)},
                   {"has_stored", !stored->empty()},
                   {"form_year", state.form.year},
                   {"form_source", state.form.source},
                   {"replace", state.form.replace},
                   {"rows", form_rows_view(state.form, bad ? &*bad : nullptr)},
                   {"calendar_url", "/lich?nam=" + year}}};
  if (state.error) view.set("error", error_text(*state.error, *bad));
  if (bad && bad->row == 0) view.set("bad_" + bad->member, data(true));
  if (!state.notice.empty()) view.set("notice", state.notice);
  if (state.year > kFirstYear)
    view.set("prev_url", std::string(kPath) + "?nam=" + std::to_string(state.year - 1));
  if (state.year < kLastYear)
    view.set("next_url", std::string(kPath) + "?nam=" + std::to_string(state.year + 1));
  Response r = render_page(ctx, req, status, "Quyết định nghỉ lễ, làm bù năm " + year,
                           render_template("calendar_decisions", view));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// The message after a redirect: "?da-luu=2" or "?da-xoa=2027-06-11".
std::string notice_of(const Request& req) {
  const auto saved = req.query_param("da-luu");
  if (saved && !saved->empty() && saved->size() <= 3 &&
      saved->find_first_not_of("0123456789") == std::string::npos) {
    return "Đã lưu " + *saved + " ngày của quyết định.";
  }
  if (auto d = req.query_param("da-xoa")) {
    if (auto date = core::parse_date(*d))
      return "Đã xóa ngày " + vn_date(*date) + " khỏi các quyết định đã lưu.";
  }
  return {};
}

Response manage_get(WebContext& ctx, app::CalendarService& calendar, Request& req) {
  auto actor = administrator(ctx, req, "calendar.decision", "calendar", false);
  if (!actor) return denied_page(ctx, req, actor.error());
  PageState state;
  state.year = static_cast<int>(ctx.organisation.today().year());
  if (auto text = req.query_param("nam")) {
    const auto year = parse_year(*text);
    if (!year)
      return bad_request_page(ctx, req, 400,
                              "Năm phải là số từ 1900 đến 2100, ví dụ /lich/quyet-dinh?nam=2027.");
    state.year = *year;
  }
  state.form.year = std::to_string(state.year);
  state.notice = notice_of(req);
  return show(ctx, calendar, req, *actor, state, 200);
}

Response add_post(WebContext& ctx, app::CalendarService& calendar, Request& req) {
  bool bad_text = false;
  PageState state;
  state.form = read_form(req, bad_text);
  state.year = parse_year(state.form.year).value_or(static_cast<int>(ctx.organisation.today().year()));
  auto actor = administrator(ctx, req, "calendar.decision", "calendar:" + std::to_string(state.year), true);
  if (!actor) return denied_page(ctx, req, actor.error());
  if (bad_text) return bad_request_page(ctx, req, 400, "Biểu mẫu có ký tự không hợp lệ; vui lòng gõ lại.");
  const ParsedForm parsed = to_input(state.form);
  state.form_rows = parsed.form_rows;
  auto stored = parsed.error ? core::Result<std::vector<app::StoredCalendarDay>>(*parsed.error)
                             : calendar.add_decision(*actor, parsed.input, req.remote);
  if (!stored) {
    const Error& e = stored.error();
    if (e.code == core::ErrorCode::kPermissionDenied || e.code == core::ErrorCode::kUnauthenticated)
      return denied_page(ctx, req, e);
    state.error = e;
    return show(ctx, calendar, req, *actor, state, http::http_status_for(e.code));
  }
  return Response::redirect(std::string(kPath) + "?nam=" + std::to_string(state.year) +
                            "&da-luu=" + std::to_string(parsed.input.days.size()));
}

Response delete_post(WebContext& ctx, app::CalendarService& calendar, Request& req) {
  const std::string date_text(req.param("date"));
  auto actor = administrator(ctx, req, "calendar.decision_delete", "calendar:" + date_text, true);
  if (!actor) return denied_page(ctx, req, actor.error());
  const auto date = core::parse_date(date_text);
  if (!date) return bad_request_page(ctx, req, 400, "Ngày phải là ngày có thật dạng YYYY-MM-DD.");
  auto removed = calendar.remove_decision_day(*actor, *date, req.remote);
  if (!removed) {
    const Error& e = removed.error();
    if (e.code == core::ErrorCode::kPermissionDenied || e.code == core::ErrorCode::kUnauthenticated)
      return denied_page(ctx, req, e);
    if (e.code != core::ErrorCode::kNotFound)
      return bad_request_page(ctx, req, http::http_status_for(e.code), e.message_vi);
    PageState state;
    state.year = static_cast<int>(date->year());
    state.form.year = std::to_string(state.year);
    state.error = e;
    return show(ctx, calendar, req, *actor, state, 404);
  }
  return Response::redirect(std::string(kPath) + "?nam=" + std::to_string(static_cast<int>(date->year())) +
                            "&da-xoa=" + core::format_date(*date));
}

}  // namespace

void add_calendar_admin_routes(http::Router& router, WebContext& ctx, app::CalendarService& calendar) {
  using Handler = Response (*)(WebContext&, app::CalendarService&, Request&);
  auto bind = [&ctx, &calendar](Handler fn) {
    return [&ctx, &calendar, fn](Request& r) { return fn(ctx, calendar, r); };
  };
  router.get(kPath, bind(manage_get));
  router.post(kPath, bind(add_post));
  router.post(std::string(kPath) + "/{date}/xoa", bind(delete_post));
}

}  // namespace motcua::web
