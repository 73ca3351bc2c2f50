#include "server/commands.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/calendar_codec.hpp"
#include "app/procedure_codec.hpp"
#include "core/text.hpp"
#include "storage/open_store.hpp"

namespace motcua::server {

int fail(const core::Error& e) {
  std::fprintf(stderr, "motcua: %s / %s\n", e.message_vi.c_str(), e.message_en.c_str());
  return 1;
}

namespace {

core::Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Error::invalid("file.unreadable", "Không đọc được tệp \"" + path + "\".",
                                "Cannot read file \"" + path + "\".", "path");
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace cal = domain::calendar;

// `s` followed by spaces up to `width` code points (Vietnamese names are multi-byte).
std::string pad(const std::string& s, std::size_t width) {
  const std::size_t n = core::utf8_length(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

// The rows to print, in date order: days off (weekly rest days only with `weekends`) and make-up days.
std::vector<cal::CalendarDay> calendar_rows(const app::YearDaysOff& view, bool weekends) {
  std::vector<cal::CalendarDay> rows;
  for (const auto& d : view.days_off)
    if (weekends || d.kind != cal::DayKind::kWeeklyRest) rows.push_back(d);
  rows.insert(rows.end(), view.makeup_days.begin(), view.makeup_days.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return rows;
}

void print_calendar_table(const std::vector<cal::CalendarDay>& rows) {
  std::size_t kind_w = core::utf8_length("Loại");
  std::size_t name_w = core::utf8_length("Tên");
  for (const auto& d : rows) {
    kind_w = std::max(kind_w, core::utf8_length(cal::day_kind_label_vi(d.kind)));
    name_w = std::max(name_w, core::utf8_length(d.name_vi));
  }
  std::printf("%s  %s  %s  %s  Căn cứ\n", pad("Ngày", 10).c_str(), pad("Thứ", 8).c_str(),
              pad("Loại", kind_w).c_str(), pad("Tên", name_w).c_str());
  for (const auto& d : rows) {
    std::string line = core::format_date_vn(d.date) + "  " +
                       pad(app::weekday_label_vi(cal::iso_weekday(cal::day_number(d.date))), 8) + "  " +
                       pad(cal::day_kind_label_vi(d.kind), kind_w) + "  " + pad(d.name_vi, name_w) + "  " +
                       d.source;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::printf("%s\n", line.c_str());
  }
}

}  // namespace

int run_migrate(const Config& config) {
  auto store = storage::open_store(config.database_url, {});
  if (!store) return fail(store.error());
  auto applied = (*store)->migrate();
  if (!applied) return fail(applied.error());
  auto version = (*store)->schema_version();
  std::printf("Đã áp dụng %zu bản cập nhật lược đồ; phiên bản hiện tại: %d (%s).\n", applied->size(),
              version ? *version : -1, (*store)->engine());
  return 0;
}

int run_import(Runtime& rt, const std::string& kind, const std::string& path, const std::string& password) {
  auto text = read_file(path);
  if (!text) return fail(text.error());
  core::Status st;
  if (kind == "units") {
    st = app::import_units_json(*rt.organisation, *text);
  } else if (kind == "agencies") {
    st = app::import_agencies_json(*rt.organisation, *text);
  } else if (kind == "procedures") {
    auto report = app::import_procedures_json(*rt.catalogue, *text);
    if (!report) return fail(report.error());
    std::printf("Đã nhập danh mục: %d thủ tục mới, %d thủ tục cập nhật.\n", report->created, report->updated);
    return 0;
  } else if (kind == "users") {
    auto n = app::import_users_json(*rt.auth, *text, password);
    if (!n) return fail(n.error());
    std::printf("Đã tạo %d tài khoản.\n", *n);
    return 0;
  } else {
    return fail(core::Error::invalid("cli.kind",
                                     "Loại dữ liệu phải là units, agencies, procedures hoặc users.",
                                     "The kind must be units, agencies, procedures or users.", "kind"));
  }
  if (!st) return fail(st.error());
  std::printf("Đã nhập %s từ %s.\n", kind.c_str(), path.c_str());
  return 0;
}

int run_export_procedures(Runtime& rt, const std::string& path) {
  auto all = rt.catalogue->export_all();
  if (!all) return fail(all.error());
  nlohmann::json doc = {{"procedures", nlohmann::json::array()}};
  for (const auto& p : *all) doc["procedures"].push_back(app::procedure_to_json(p));
  const std::string text = doc.dump(1) + "\n";
  if (path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out)
    return fail(
        core::Error::invalid("file.unwritable", "Không ghi được tệp.", "Cannot write the file.", "path"));
  std::fprintf(stderr, "Đã xuất %zu thủ tục vào %s.\n", all->size(), path.c_str());
  return 0;
}

int run_user_add(Runtime& rt, const app::NewUser& user) {
  auto id = rt.auth->create_user_trusted(user, "operator");
  if (!id) return fail(id.error());
  std::printf("Đã tạo tài khoản %s (id %lld).\n", user.user.username.c_str(), static_cast<long long>(*id));
  return 0;
}

int run_calendar(Runtime& rt, int year, const std::string& agency, bool weekends) {
  auto view = rt.calendar->days_off(year, agency);
  if (!view) return fail(view.error());
  std::printf("Lịch nghỉ năm %d — %s\n\n", year,
              agency.empty() ? "lịch chuẩn (làm việc thứ Hai – thứ Sáu)" : ("cơ quan " + agency).c_str());
  const auto rows = calendar_rows(*view, weekends);
  print_calendar_table(rows);
  std::size_t rest = 0;
  for (const auto& d : view->days_off) rest += d.kind == cal::DayKind::kWeeklyRest ? 1 : 0;
  std::printf(
      "\nTổng cộng: %zu ngày nghỉ (%zu ngày nghỉ hằng tuần, %zu ngày nghỉ lễ, Tết, nghỉ bù và hoán đổi), "
      "%zu ngày làm bù, %d ngày làm việc.\n",
      view->days_off.size(), rest, view->days_off.size() - rest, view->makeup_days.size(),
      view->working_days);
  return 0;
}

}  // namespace motcua::server
