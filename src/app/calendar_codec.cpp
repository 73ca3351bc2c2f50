#include "app/calendar_codec.hpp"

#include <array>
#include <charconv>

namespace motcua::app {

namespace {

using core::Error;
using domain::calendar::AgencyCalendarConfig;
using domain::calendar::DaySchedule;
using domain::calendar::OfficeHours;

constexpr std::array<const char*, 7> kWeekdayKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<const char*, 7> kWeekdayLabels = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                                       "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
constexpr std::size_t kMaxIntervals = 8;

std::string joined(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

Error bad_hours(const std::string& field) {
  return Error::invalid(
      "calendar.hours_invalid",
      "Trường \"" + field + "\" phải là danh sách khoảng giờ dạng \"07:30-11:30\" (tối đa 8 khoảng).",
      "Field \"" + field + "\" must be a list of intervals such as \"07:30-11:30\" (at most 8).", field);
}

std::optional<OfficeHours> parse_interval(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto open = parse_clock_minute(text.substr(0, dash));
  const auto close = parse_clock_minute(text.substr(dash + 1));
  if (!open || !close) return std::nullopt;
  return OfficeHours{*open, *close};
}

core::Result<DaySchedule> schedule_from_json(const nlohmann::json& v, const std::string& field) {
  if (!v.is_array() || v.size() > kMaxIntervals) return bad_hours(field);
  DaySchedule out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto interval =
        v[i].is_string() ? parse_interval(v[i].get_ref<const std::string&>()) : std::nullopt;
    if (!interval) return bad_hours(field + "[" + std::to_string(i) + "]");
    out.push_back(*interval);
  }
  return out;
}

nlohmann::json schedule_to_json(const DaySchedule& s) {
  nlohmann::json out = nlohmann::json::array();
  for (const OfficeHours& h : s)
    out.push_back(format_clock_minute(h.open_minute) + "-" + format_clock_minute(h.close_minute));
  return out;
}

std::optional<std::size_t> weekday_index(std::string_view key) {
  for (std::size_t i = 0; i < kWeekdayKeys.size(); ++i)
    if (key == kWeekdayKeys[i]) return i;
  return std::nullopt;
}

Error unknown_field(const std::string& field) {
  return Error::invalid("json.unknown_field", "Trường \"" + field + "\" không được hỗ trợ.",
                        "Unknown field \"" + field + "\".", field);
}

core::Status read_week(const nlohmann::json& week, const std::string& path, AgencyCalendarConfig& config) {
  if (!week.is_object()) {
    return Error::invalid("json.wrong_type",
                          "Trường \"" + path + "\" phải là đối tượng {\"mon\": [...], ...}.",
                          "Field \"" + path + "\" must be an object {\"mon\": [...], ...}.", path);
  }
  for (const auto& [key, value] : week.items()) {
    const auto i = weekday_index(key);
    if (!i) return unknown_field(path + "." + key);
    auto s = schedule_from_json(value, path + "." + key);
    if (!s) return s.error();
    config.week[*i] = std::move(*s);
  }
  return {};
}

// The domain names weekdays by index ("week[5][0]"); the JSON form names them by key ("week.sat[0]").
Error rename_field(Error e, const std::string& path) {
  if (e.field.rfind("week[", 0) == 0 && e.field.size() > 6 && e.field[6] == ']') {
    const auto i = static_cast<std::size_t>(e.field[5] - '0');
    if (i < kWeekdayKeys.size()) e.field = "week." + std::string(kWeekdayKeys[i]) + e.field.substr(7);
  }
  e.field = joined(path, e.field);
  return e;
}

}  // namespace

const char* weekday_key(std::size_t index) {
  return index < kWeekdayKeys.size() ? kWeekdayKeys[index] : "";
}

const char* weekday_label_vi(int iso_weekday) {
  return iso_weekday >= 1 && iso_weekday <= 7 ? kWeekdayLabels[static_cast<std::size_t>(iso_weekday - 1)]
                                              : "";
}

std::optional<int> parse_clock_minute(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int h = 0;
  int m = 0;
  const auto [p1, e1] = std::from_chars(text.data(), text.data() + 2, h);
  const auto [p2, e2] = std::from_chars(text.data() + 3, text.data() + 5, m);
  if (e1 != std::errc{} || e2 != std::errc{} || p1 != text.data() + 2 || p2 != text.data() + 5)
    return std::nullopt;
  if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string format_clock_minute(int minute) {
  std::array<char, 8> buf{};
  const int h = minute / 60;
  const int m = minute % 60;
  buf[0] = static_cast<char>('0' + h / 10);
  buf[1] = static_cast<char>('0' + h % 10);
  buf[2] = ':';
  buf[3] = static_cast<char>('0' + m / 10);
  buf[4] = static_cast<char>('0' + m % 10);
  return std::string(buf.data(), 5);
}

nlohmann::json office_hours_to_json(const AgencyCalendarConfig& config) {
  nlohmann::json week = nlohmann::json::object();
  for (std::size_t i = 0; i < config.week.size(); ++i)
    week[kWeekdayKeys[i]] = schedule_to_json(config.week[i]);
  return {{"week", week}, {"makeup_day", schedule_to_json(config.makeup_day)}};
}

core::Result<AgencyCalendarConfig> office_hours_from_json(const nlohmann::json& doc,
                                                          const std::string& path) {
  const std::string where = path.empty() ? std::string("hours") : path;
  if (!doc.is_object()) {
    return Error::invalid("json.wrong_type", "Trường \"" + where + "\" phải là đối tượng JSON.",
                          "Field \"" + where + "\" must be a JSON object.", where);
  }
  AgencyCalendarConfig config = AgencyCalendarConfig::standard();
  config.week = {};
  for (const auto& [key, value] : doc.items()) {
    if (key == "week") {
      MOTCUA_RETURN_IF_ERROR(read_week(value, joined(path, "week"), config));
    } else if (key == "makeup_day") {
      auto s = schedule_from_json(value, joined(path, "makeup_day"));
      if (!s) return s.error();
      config.makeup_day = std::move(*s);
    } else {
      return unknown_field(joined(path, key));
    }
  }
  if (!doc.contains("week")) {
    return Error::invalid("json.missing", "Thiếu trường bắt buộc \"" + joined(path, "week") + "\".",
                          "Missing required field \"" + joined(path, "week") + "\".", joined(path, "week"));
  }
  if (auto st = domain::calendar::validate(config); !st) return rename_field(st.error(), path);
  return config;
}

}  // namespace motcua::app
