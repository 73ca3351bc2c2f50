#include "domain/calendar/deadline.hpp"

#include <algorithm>
#include <numeric>
#include <string>

namespace motcua::domain::calendar {

namespace {

using core::Error;
using core::Result;
using core::Status;

Error invalid(const char* id, std::string field, std::string vi, std::string en) {
  return Error::invalid(id, std::move(vi), std::move(en), std::move(field));
}

Error out_of_calendar(const WorkingCalendar& cal, LimitUnit unit) {
  const std::string years = std::to_string(cal.first_year()) + "–" + std::to_string(cal.last_year());
  return invalid("calendar.due_out_of_range", limit_unit_name(unit),
                 "Hạn xử lý vượt ra ngoài lịch làm việc đã lập (" + years + ").",
                 "The due date falls outside the working calendar (" + years + ").");
}

std::int32_t max_amount(LimitUnit u) {
  switch (u) {
    case LimitUnit::kWorkingDays:
      return kMaxWorkingDays;
    case LimitUnit::kWorkingHours:
      return kMaxWorkingHours;
    case LimitUnit::kCalendarDays:
      return kMaxCalendarDays;
    case LimitUnit::kMonths:
      break;
  }
  return kMaxMonths;
}

Status validate_limit(const LimitSpec& limit) {
  if (limit.amount < 0 || limit.amount > max_amount(limit.unit)) {
    return invalid("calendar.limit_invalid", limit_unit_name(limit.unit),
                   "Thời hạn phải từ 0 đến " + std::to_string(max_amount(limit.unit)) + ".",
                   "The time limit must be between 0 and " + std::to_string(max_amount(limit.unit)) + ".");
  }
  if (limit.cutoff_minute && (*limit.cutoff_minute < 0 || *limit.cutoff_minute > 24 * 60)) {
    return invalid("calendar.cutoff_invalid", "cutoff_minute",
                   "Giờ chốt tiếp nhận phải trong ngày (0–1440 phút).",
                   "The cut-off must be within the day (0-1440 minutes).");
  }
  return {};
}

Status validate_instant(const WorkingCalendar& cal, UnixSeconds t, const char* field) {
  if (cal.contains(vietnam_day(t))) return {};
  return invalid("calendar.instant_out_of_range", field,
                 "Thời điểm nằm ngoài lịch làm việc đã lập (" + std::to_string(cal.first_year()) + "–" +
                     std::to_string(cal.last_year()) + ").",
                 "The instant lies outside the working calendar's years.");
}

// The receipt after the cut-off rule: (day, instant) it is deemed to have happened.
struct Receipt {
  DayNumber day;
  UnixSeconds at;
};

std::optional<Receipt> effective_receipt(const WorkingCalendar& cal, UnixSeconds received,
                                         const LimitSpec& limit) {
  const DayNumber day = vietnam_day(received);
  const bool before_cutoff = vietnam_second_of_day(received) < limit.cutoff_minute.value_or(24 * 60) * 60;
  if (before_cutoff || !is_working(cal.kind(day))) return Receipt{day, received};
  const std::optional<DayNumber> next = cal.nth_working_day_after(day, 1);
  if (!next) return std::nullopt;
  return Receipt{*next, vietnam_instant(*next, cal.open_second(*next))};
}

Deadline due_at_close(const WorkingCalendar& cal, UnixSeconds counting_from, DayNumber day) {
  return {counting_from, vietnam_instant(day, cal.close_second(day)), date_of(day)};
}

// "Trong ngày": the receipt day if it is a working day still open, else the next working day.
std::optional<Deadline> within_the_day(const WorkingCalendar& cal, const Receipt& r) {
  const bool open = is_working(cal.kind(r.day)) && r.at < vietnam_instant(r.day, cal.close_second(r.day));
  const std::optional<DayNumber> day =
      open ? std::optional<DayNumber>(r.day) : cal.nth_working_day_after(r.day, 1);
  if (!day) return std::nullopt;
  return due_at_close(cal, std::max(r.at, vietnam_instant(*day, cal.open_second(*day))), *day);
}

std::optional<Deadline> working_days(const WorkingCalendar& cal, const Receipt& r, std::int32_t n) {
  if (n == 0) return within_the_day(cal, r);
  const std::optional<DayNumber> first = cal.nth_working_day_after(r.day, 1);
  const std::optional<DayNumber> last = cal.nth_working_day_after(r.day, n);
  if (!first || !last) return std::nullopt;
  return due_at_close(cal, vietnam_instant(*first, cal.open_second(*first)), *last);
}

std::optional<Deadline> working_hours(const WorkingCalendar& cal, const Receipt& r, std::int32_t n) {
  if (n == 0) return Deadline{r.at, r.at, date_of(r.day)};
  const std::optional<UnixSeconds> due =
      cal.instant_after_working_seconds(cal.working_seconds_until(r.at) + std::int64_t{n} * 3600);
  if (!due) return std::nullopt;
  return Deadline{r.at, *due, core::vietnam_date_of(*due)};
}

// Calendar days and months end on `last`, or on the next working day when `last` is not one (Art. 148).
std::optional<Deadline> ending_on(const WorkingCalendar& cal, const Receipt& r, DayNumber last) {
  if (!cal.contains(last)) return std::nullopt;
  const std::optional<DayNumber> day = cal.first_working_day_from(last);
  if (!day) return std::nullopt;
  return due_at_close(cal, vietnam_instant(r.day + 1, 0), *day);
}

DayNumber add_months(DayNumber d, std::int32_t months) {
  const Date date = date_of(d);
  const std::chrono::year_month ym = date.year() / date.month() + std::chrono::months{months};
  const std::chrono::day last = (ym / std::chrono::last).day();
  return day_number(ym / std::min(date.day(), last));
}

std::optional<Deadline> deadline_for(const WorkingCalendar& cal, const Receipt& r, const LimitSpec& limit) {
  switch (limit.unit) {
    case LimitUnit::kWorkingDays:
      return working_days(cal, r, limit.amount);
    case LimitUnit::kWorkingHours:
      return working_hours(cal, r, limit.amount);
    case LimitUnit::kCalendarDays:
      return limit.amount == 0 ? within_the_day(cal, r) : ending_on(cal, r, r.day + limit.amount);
    case LimitUnit::kMonths:
      break;
  }
  return limit.amount == 0 ? within_the_day(cal, r) : ending_on(cal, r, add_months(r.day, limit.amount));
}

// Sorted, merged copy of the paused intervals.
Result<std::vector<PausedInterval>> merged(std::span<const PausedInterval> paused) {
  std::vector<PausedInterval> v(paused.begin(), paused.end());
  for (const PausedInterval& p : v) {
    if (p.to < p.from) {
      return invalid("calendar.pause_invalid", "paused",
                     "Khoảng tạm dừng có thời điểm kết thúc trước khi bắt đầu.",
                     "A paused interval ends before it starts.");
    }
  }
  std::sort(v.begin(), v.end(),
            [](const PausedInterval& a, const PausedInterval& b) { return a.from < b.from; });
  std::vector<PausedInterval> out;
  for (const PausedInterval& p : v) {
    if (!out.empty() && p.from <= out.back().to) {
      out.back().to = std::max(out.back().to, p.to);
    } else {
      out.push_back(p);
    }
  }
  return out;
}

std::int64_t working_between(const WorkingCalendar& cal, UnixSeconds a, UnixSeconds b) {
  return b <= a ? 0 : cal.working_seconds_until(b) - cal.working_seconds_until(a);
}

Status validate_weights(std::span<const std::int32_t> weights) {
  const bool negative = std::any_of(weights.begin(), weights.end(), [](std::int32_t w) { return w < 0; });
  if (weights.empty() || negative ||
      std::all_of(weights.begin(), weights.end(), [](std::int32_t w) { return w == 0; })) {
    return invalid("calendar.weights_invalid", "weights",
                   "Tỷ trọng các bước phải không âm và có ít nhất một bước > 0.",
                   "Step weights must be non-negative with at least one above zero.");
  }
  return {};
}

std::int64_t weight_sum(std::span<const std::int32_t> weights) {
  return std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
}

}  // namespace

const char* limit_unit_name(LimitUnit u) {
  switch (u) {
    case LimitUnit::kWorkingDays:
      return "working_days";
    case LimitUnit::kWorkingHours:
      return "working_hours";
    case LimitUnit::kCalendarDays:
      return "calendar_days";
    case LimitUnit::kMonths:
      break;
  }
  return "months";
}

Result<Deadline> compute_deadline(const WorkingCalendar& cal, UnixSeconds received, const LimitSpec& limit) {
  MOTCUA_RETURN_IF_ERROR(validate_limit(limit));
  MOTCUA_RETURN_IF_ERROR(validate_instant(cal, received, "start"));
  const std::optional<Receipt> receipt = effective_receipt(cal, received, limit);
  const std::optional<Deadline> deadline = receipt ? deadline_for(cal, *receipt, limit) : std::nullopt;
  if (!deadline) return out_of_calendar(cal, limit.unit);
  return *deadline;
}

Result<std::int64_t> elapsed_working_seconds(const WorkingCalendar& cal, UnixSeconds from, UnixSeconds to,
                                             std::span<const PausedInterval> paused) {
  MOTCUA_RETURN_IF_ERROR(validate_instant(cal, from, "start"));
  MOTCUA_RETURN_IF_ERROR(validate_instant(cal, to, "end"));
  if (to < from) {
    return invalid("calendar.interval_invalid", "end", "Thời điểm kết thúc trước thời điểm bắt đầu.",
                   "The end is before the start.");
  }
  auto pauses = merged(paused);
  if (!pauses) return pauses.error();
  std::int64_t total = working_between(cal, from, to);
  for (const PausedInterval& p : *pauses)
    total -= working_between(cal, std::max(p.from, from), std::min(p.to, to));
  return total;
}

Result<UnixSeconds> extend_for_pauses(const WorkingCalendar& cal, UnixSeconds due,
                                      std::span<const PausedInterval> paused) {
  MOTCUA_RETURN_IF_ERROR(validate_instant(cal, due, "due"));
  auto pauses = merged(paused);
  if (!pauses) return pauses.error();
  std::int64_t extra = 0;
  for (const PausedInterval& p : *pauses) extra += working_between(cal, p.from, p.to);
  if (extra == 0) return due;
  const std::optional<UnixSeconds> moved =
      cal.instant_after_working_seconds(cal.working_seconds_until(due) + extra);
  if (!moved) return out_of_calendar(cal, LimitUnit::kWorkingHours);
  return *moved;
}

Result<std::vector<std::int32_t>> apportion(std::int32_t total, std::span<const std::int32_t> weights) {
  MOTCUA_RETURN_IF_ERROR(validate_weights(weights));
  if (total < 0)
    return invalid("calendar.limit_invalid", "total", "Tổng thời hạn không được âm.",
                   "The total must not be negative.");
  const std::int64_t sum = weight_sum(weights);
  std::vector<std::int32_t> shares;
  std::vector<std::pair<std::int64_t, std::size_t>>
      remainders;  // (-remainder, step): largest first, then earliest
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const std::int64_t exact = std::int64_t{total} * weights[i];
    shares.push_back(static_cast<std::int32_t>(exact / sum));
    given += exact / sum;
    remainders.emplace_back(-(exact % sum), i);
  }
  std::sort(remainders.begin(), remainders.end());
  for (std::int64_t k = 0; k < total - given; ++k) ++shares[remainders[static_cast<std::size_t>(k)].second];
  return shares;
}

Result<std::vector<UnixSeconds>> split_deadline(const WorkingCalendar& cal, const Deadline& deadline,
                                                std::span<const std::int32_t> weights) {
  MOTCUA_RETURN_IF_ERROR(validate_weights(weights));
  MOTCUA_RETURN_IF_ERROR(validate_instant(cal, deadline.counting_from, "start"));
  MOTCUA_RETURN_IF_ERROR(validate_instant(cal, deadline.due, "due"));
  const std::int64_t start = cal.working_seconds_until(deadline.counting_from);
  const std::int64_t total = working_between(cal, deadline.counting_from, deadline.due);
  const std::int64_t sum = weight_sum(weights);
  std::vector<UnixSeconds> dues;
  std::int64_t cumulative_weight = 0;
  for (std::size_t i = 0; i + 1 < weights.size(); ++i) {
    cumulative_weight += weights[i];
    const std::int64_t share = total * cumulative_weight / sum;
    const std::optional<UnixSeconds> at =
        share == 0 ? deadline.counting_from : cal.instant_after_working_seconds(start + share);
    dues.push_back(at.value_or(deadline.due));
  }
  dues.push_back(deadline.due);
  return dues;
}

const char* timeliness_name(Timeliness t) {
  return t == Timeliness::kEarly ? "early" : t == Timeliness::kOnTime ? "on_time" : "late";
}

const char* timeliness_label_vi(Timeliness t) {
  return t == Timeliness::kEarly ? "Trước hạn" : t == Timeliness::kOnTime ? "Đúng hạn" : "Quá hạn";
}

Timeliness classify_by_date(Date finished, Date due) {
  if (finished < due) return Timeliness::kEarly;
  return finished == due ? Timeliness::kOnTime : Timeliness::kLate;
}

Timeliness classify(UnixSeconds finished, UnixSeconds due) {
  return classify_by_date(core::vietnam_date_of(finished), core::vietnam_date_of(due));
}

Timeliness classify_by_working_time(std::int64_t used_seconds, std::int64_t allowed_seconds) {
  if (used_seconds < allowed_seconds) return Timeliness::kEarly;
  return used_seconds == allowed_seconds ? Timeliness::kOnTime : Timeliness::kLate;
}

}  // namespace motcua::domain::calendar
