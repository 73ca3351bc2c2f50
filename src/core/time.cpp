#include "core/time.hpp"

#include <cstdio>

namespace motcua::core {

namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) || !read_digits(s, 8, 2, d)) return std::nullopt;
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string format_date_vn(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return buf;
}

std::optional<UnixSeconds> parse_instant(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS then Z or (+|-)HH:MM
  if (s.size() < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  int hh = 0, mm = 0, ss = 0;
  if (!date || s[13] != ':' || s[16] != ':' || !read_digits(s, 11, 2, hh) || !read_digits(s, 14, 2, mm) ||
      !read_digits(s, 17, 2, ss) || hh > 23 || mm > 59 || ss > 59) {
    return std::nullopt;
  }
  std::string_view zone = s.substr(19);
  std::int64_t offset = 0;
  if (zone == "Z" || zone == "z") {
    offset = 0;
  } else {
    int oh = 0, om = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
        !read_digits(zone, 1, 2, oh) || !read_digits(zone, 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 3600 + om * 60) * (zone[0] == '-' ? -1 : 1);
  }
  const auto days = std::chrono::sys_days(*date).time_since_epoch().count();
  return static_cast<UnixSeconds>(days) * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

std::string format_instant_vn(UnixSeconds t) {
  const UnixSeconds local = t + kVietnamUtcOffsetSeconds;
  const auto days =
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(local)));
  const std::int64_t secs = local - days.time_since_epoch().count() * 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+07:00", format_date(Date(days)).c_str(),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

Date vietnam_date_of(UnixSeconds t) {
  return Date(std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(std::chrono::seconds(t + kVietnamUtcOffsetSeconds))));
}

}  // namespace motcua::core
