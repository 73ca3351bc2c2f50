#include "domain/dossier/dossier.hpp"

#include <algorithm>
#include <cstdio>

namespace motcua::domain {

using core::Error;
using core::ErrorCode;
using core::Result;
using core::Status;
using core::UnixSeconds;

// ---- names
// -------------------------------------------------------------------------------------------------

namespace {

struct StateInfo {
  DossierState state;
  const char* name;
  const char* label_vi;
};

constexpr StateInfo kStates[] = {
    {DossierState::kSubmittedOnline, "submitted_online", "Chờ tiếp nhận"},
    {DossierState::kReceived, "received", "Đã tiếp nhận"},
    {DossierState::kSupplementRequested, "supplement_requested", "Yêu cầu bổ sung hồ sơ"},
    {DossierState::kRefused, "refused", "Từ chối"},
    {DossierState::kInProcess, "in_process", "Đang xử lý"},
    {DossierState::kConsultation, "consultation", "Chờ ý kiến liên thông"},
    {DossierState::kFinancialObligation, "financial_obligation", "Yêu cầu thực hiện nghĩa vụ tài chính"},
    {DossierState::kStopped, "stopped", "Dừng xử lý"},
    {DossierState::kWithdrawn, "withdrawn", "Công dân yêu cầu rút hồ sơ"},
    {DossierState::kCompleted, "completed", "Đã xử lý xong, chờ trả kết quả"},
    {DossierState::kResultReturned, "result_returned", "Đã trả kết quả"},
};

}  // namespace

const char* dossier_state_name(DossierState s) {
  return kStates[static_cast<int>(s)].name;
}
const char* dossier_state_label_vi(DossierState s) {
  return kStates[static_cast<int>(s)].label_vi;
}

std::optional<DossierState> parse_dossier_state(std::string_view s) {
  for (const auto& info : kStates)
    if (s == info.name) return info.state;
  return std::nullopt;
}

bool is_terminal(DossierState s) {
  return s == DossierState::kRefused || s == DossierState::kStopped || s == DossierState::kWithdrawn ||
         s == DossierState::kResultReturned;
}

const char* channel_name(Channel c) {
  switch (c) {
    case Channel::kOnline:
      return "online";
    case Channel::kDesk:
      return "desk";
    case Channel::kPost:
      return "post";
  }
  return "online";
}

std::optional<Channel> parse_channel(std::string_view s) {
  for (auto c : {Channel::kOnline, Channel::kDesk, Channel::kPost})
    if (s == channel_name(c)) return c;
  return std::nullopt;
}

bool Party::has(Role role, const std::string& agency) const {
  return std::any_of(roles.begin(), roles.end(),
                     [&](const RoleAssignment& r) { return r.role == role && r.agency_code == agency; });
}

// ---- the transition table
// ----------------------------------------------------------------------------------
//
// Global one-stop actions, one edge per line: the states an action may start from and who may take it. The
// target state is decided by the action's effect below (most are fixed; "supplement" returns to where the
// dossier was). Step actions ("forward", "approve"...) come from the workflow definition and need kInProcess.

namespace {

enum class Who {
  kDesk,             // a desk officer of the receiving agency
  kDeskOrTask,       // the desk, or whoever holds an open task
  kTask,             // whoever holds an open (main) task
  kTaskLeader,       // a leader of an agency holding an open task
  kApplicantOrDesk,  // the applicant (owner) or the desk on their behalf
  kBranch,           // whoever holds the consultation branch named in the request
};

struct Edge {
  const char* action;
  std::vector<DossierState> from;
  Who who;
  bool needs_note;
};

using S = DossierState;

const std::vector<Edge>& edges() {
  static const std::vector<Edge> kEdges = {
      {"receive", {S::kSubmittedOnline}, Who::kDesk, false},
      {"transfer", {S::kReceived}, Who::kDesk, false},
      {"request_supplement", {S::kSubmittedOnline, S::kReceived, S::kInProcess}, Who::kDeskOrTask, true},
      {"supplement", {S::kSupplementRequested}, Who::kApplicantOrDesk, false},
      {"refuse", {S::kSubmittedOnline, S::kReceived, S::kInProcess}, Who::kDeskOrTask, true},
      {"require_payment", {S::kInProcess}, Who::kTask, false},
      {"confirm_payment", {S::kFinancialObligation}, Who::kDesk, false},
      {"extend", {S::kInProcess, S::kConsultation, S::kFinancialObligation}, Who::kTaskLeader, true},
      {"give_opinion", {S::kConsultation}, Who::kBranch, true},
      {"stop",
       {S::kInProcess, S::kSupplementRequested, S::kConsultation, S::kFinancialObligation},
       Who::kDeskOrTask,
       true},
      {"withdraw",
       {S::kSubmittedOnline, S::kReceived, S::kSupplementRequested, S::kInProcess, S::kConsultation,
        S::kFinancialObligation, S::kCompleted},
       Who::kApplicantOrDesk,
       false},
      {"return_result", {S::kCompleted}, Who::kDesk, false},
  };
  return kEdges;
}

const Edge* find_edge(std::string_view action) {
  for (const auto& e : edges())
    if (action == e.action) return &e;
  return nullptr;
}

Error illegal(const Dossier& d, std::string_view action) {
  return {ErrorCode::kFailedPrecondition, "dossier.illegal_action",
          "Không thể thực hiện thao tác \"" + std::string(action) + "\" khi hồ sơ ở trạng thái \"" +
              dossier_state_label_vi(d.state) + "\".",
          "Action \"" + std::string(action) + "\" is not allowed in state \"" + dossier_state_name(d.state) +
              "\".",
          "action"};
}

Error denied(std::string_view action) {
  return {ErrorCode::kPermissionDenied,
          "dossier.not_your_task",
          "Bạn không có vai trò và đơn vị phù hợp để thực hiện thao tác \"" + std::string(action) +
              "\" trên hồ sơ này.",
          "You lack the role in the acting unit for action \"" + std::string(action) + "\" on this dossier.",
          {}};
}

std::string home_agency(const Dossier& d) {
  auto it = d.unit_bindings.find("receiving_agency");
  return it == d.unit_bindings.end() ? d.receiving_agency : it->second;
}

bool is_desk(const Dossier& d, const Party& who) {
  return who.has(Role::kDeskOfficer, d.receiving_agency);
}
bool is_applicant(const Dossier& d, const Party& who) {
  return who.user_id != 0 && who.user_id == d.applicant.user_id;
}

bool holds_task(const Dossier& d, const Party& who, bool main_only) {
  return std::any_of(d.tasks.begin(), d.tasks.end(), [&](const Task& t) {
    return (!main_only || t.branch < 0) && who.has(t.role, t.agency_code);
  });
}

bool leads_task_agency(const Dossier& d, const Party& who) {
  if (who.has(Role::kLeader, home_agency(d))) return true;
  return std::any_of(d.tasks.begin(), d.tasks.end(),
                     [&](const Task& t) { return who.has(Role::kLeader, t.agency_code); });
}

bool may(const Dossier& d, const Party& who, Who rule, int branch) {
  switch (rule) {
    case Who::kDesk:
      return is_desk(d, who);
    case Who::kDeskOrTask:
      return is_desk(d, who) || holds_task(d, who, true);
    case Who::kTask:
      return holds_task(d, who, true);
    case Who::kTaskLeader:
      return leads_task_agency(d, who);
    case Who::kApplicantOrDesk:
      return is_applicant(d, who) || is_desk(d, who);
    case Who::kBranch:
      return std::any_of(d.tasks.begin(), d.tasks.end(), [&](const Task& t) {
        return t.branch == branch && branch >= 0 && who.has(t.role, t.agency_code);
      });
  }
  return false;
}

const Task* main_task(const Dossier& d) {
  for (const auto& t : d.tasks)
    if (t.branch < 0) return &t;
  return nullptr;
}

enum class Verdict { kAllowed, kIllegal, kDenied };

// Whether `who` may take `action` now: the state first, then the party; step actions are checked against the
// current step's declaration. Builds no message (available_actions asks it of every action for every view).
Verdict verdict(const Dossier& d, const WorkflowDefinition& wf, std::string_view action, const Party& who,
                int branch) {
  if (const Edge* e = find_edge(action)) {
    if (std::find(e->from.begin(), e->from.end(), d.state) == e->from.end()) return Verdict::kIllegal;
    return may(d, who, e->who, branch) ? Verdict::kAllowed : Verdict::kDenied;
  }
  const Task* task = main_task(d);
  const WorkflowStep* step = task ? wf.step(task->step_id) : nullptr;
  if (d.state != DossierState::kInProcess || !step || !step->actions.contains(std::string(action))) {
    return Verdict::kIllegal;
  }
  return who.has(task->role, task->agency_code) ? Verdict::kAllowed : Verdict::kDenied;
}

// verdict() as a status, with the message that names the state and the action.
Status check_allowed(const Dossier& d, const WorkflowDefinition& wf, std::string_view action,
                     const Party& who, int branch) {
  switch (verdict(d, wf, action, who, branch)) {
    case Verdict::kAllowed:
      return {};
    case Verdict::kIllegal:
      return illegal(d, action);
    case Verdict::kDenied:
      return denied(action);
  }
  return illegal(d, action);
}

}  // namespace

std::vector<std::string> available_actions(const Dossier& d, const WorkflowDefinition& wf, const Party& who) {
  std::vector<std::string> out;
  for (const auto& e : edges()) {
    int branch = -1;
    for (const auto& t : d.tasks)
      if (t.branch >= 0 && who.has(t.role, t.agency_code)) branch = t.branch;
    if (verdict(d, wf, e.action, who, branch) == Verdict::kAllowed) out.emplace_back(e.action);
  }
  if (const Task* task = main_task(d)) {
    if (const WorkflowStep* step = wf.step(task->step_id)) {
      for (const auto& [action, target] : step->actions)
        if (verdict(d, wf, action, who, -1) == Verdict::kAllowed) out.push_back(action);
    }
  }
  return out;
}

// ---- effects
// -----------------------------------------------------------------------------------------------

namespace {

// Mutable working state of one apply_action call.
struct Ctx {
  Dossier d;
  std::vector<DossierEvent> events;
  const WorkflowDefinition& wf;
  const ProcedureTerms& terms;
  const ActionRequest& req;
  const Party& who;
  UnixSeconds now;
  CalendarLookup& cals;
};

DossierEvent event(const Ctx& c, DossierState from, DossierState to) {
  DossierEvent e;
  e.at = c.now;
  e.actor_user_id = c.who.user_id;
  e.actor = c.who.username.empty() ? "applicant" : c.who.username;
  e.action = c.req.action;
  e.from_state = from;
  e.to_state = to;
  e.note = c.req.note;
  return e;
}

std::vector<calendar::PausedInterval> closed_pauses(const Dossier& d) {
  std::vector<calendar::PausedInterval> out;
  for (const auto& p : d.pauses)
    if (p.to > 0) out.push_back(p);
  return out;
}

Result<std::string> resolve_agency(const Dossier& d, UnitSource source, const std::string& fixed) {
  if (source == UnitSource::kFixed || source == UnitSource::kProvince) return fixed;
  const char* key = source == UnitSource::kReceivingAgency ? "receiving_agency" : "applicant_commune";
  auto it = d.unit_bindings.find(key);
  if (it == d.unit_bindings.end() || it->second.empty()) {
    return Error{ErrorCode::kFailedPrecondition,
                 "dossier.unit_unresolved",
                 std::string("Không xác định được cơ quan thực hiện (") + key + ") của hồ sơ.",
                 std::string("The dossier has no agency for ") + key + ".",
                 {}};
  }
  return it->second;
}

// Working seconds of the step's share of the dossier's total time.
std::int64_t step_allowance(const Ctx& c, const WorkflowStep& step) {
  std::int64_t total_share = 0;
  for (const auto& s : c.wf.steps) total_share += s.share;
  if (total_share <= 0) return 0;
  return c.d.total_allowed_seconds * step.share / total_share;
}

Result<UnixSeconds> due_after(Ctx& c, const std::string& agency, UnixSeconds start, std::int64_t allowed) {
  auto cal = c.cals.calendar_for(agency);
  if (!cal) return cal.error();
  auto due = (*cal)->instant_after_working_seconds((*cal)->working_seconds_until(start) + allowed);
  if (!due)
    return Error::invalid("dossier.deadline_out_of_range", "Thời hạn vượt quá phạm vi lịch làm việc.",
                          "The deadline falls outside the working calendar.", "due");
  return *due;
}

Result<Task> open_task(Ctx& c, const std::string& step_id, int branch, const std::string& agency, Role role,
                       std::int64_t allowed) {
  auto due = due_after(c, agency, c.now, allowed);
  if (!due) return due.error();
  return Task{step_id, branch, agency, role, c.now, *due, allowed};
}

// Opens the step: its consultation branches if it has some, else its own task.
Status enter_step(Ctx& c, const WorkflowStep& step, DossierEvent& handover) {
  const std::int64_t allowed = step_allowance(c, step);
  auto agency = resolve_agency(c.d, step.unit, step.agency_code);
  if (!agency) return agency.error();
  handover.to_step = step.id;
  handover.to_agency = *agency;
  if (step.consult.empty()) {
    auto t = open_task(c, step.id, -1, *agency, step.role, allowed);
    if (!t) return t.error();
    c.d.tasks.push_back(*t);
    c.d.state = DossierState::kInProcess;
    return {};
  }
  for (std::size_t b = 0; b < step.consult.size(); ++b) {
    auto t = open_task(c, step.id, static_cast<int>(b), step.consult[b].agency_code, step.consult[b].role,
                       allowed);
    if (!t) return t.error();
    c.d.tasks.push_back(*t);
  }
  c.d.state = DossierState::kConsultation;
  return {};
}

// Closes task `i`, filling the hand-over event's "from" side and the step's early/on-time/late mark.
Status close_task(Ctx& c, std::size_t i, DossierEvent& e) {
  const Task t = c.d.tasks[i];
  auto cal = c.cals.calendar_for(t.agency_code);
  if (!cal) return cal.error();
  const auto pauses = closed_pauses(c.d);
  auto used = calendar::elapsed_working_seconds(**cal, t.started_at, c.now, pauses);
  if (!used) return used.error();
  e.from_step = t.step_id;
  e.from_agency = t.agency_code;
  e.used_seconds = *used;
  e.allowed_seconds = t.allowed_seconds;
  e.timeliness = calendar::classify_by_working_time(*used, t.allowed_seconds);
  c.d.tasks.erase(c.d.tasks.begin() + static_cast<std::ptrdiff_t>(i));
  return {};
}

Status close_all_tasks(Ctx& c, DossierEvent& e) {
  while (!c.d.tasks.empty()) MOTCUA_RETURN_IF_ERROR(close_task(c, 0, e));
  return {};
}

// Ends the dossier in `to`; with an appointment date, the event carries the dossier's early/on-time/late
// mark.
void finish(Ctx& c, DossierState to, DossierEvent& e) {
  c.d.state = to;
  c.d.finished_at = c.now;
  if (c.d.due_at > 0) e.timeliness = calendar::classify(c.now, c.d.due_at);
}

Status do_receive(Ctx& c, DossierEvent& e) {
  auto cal = c.cals.calendar_for(home_agency(c.d));
  if (!cal) return cal.error();
  auto deadline = calendar::compute_deadline(**cal, c.now, c.terms.limit);
  if (!deadline) return deadline.error();
  auto total = calendar::elapsed_working_seconds(**cal, c.now, deadline->due);
  if (!total) return total.error();
  c.d.received_at = c.now;
  c.d.due_at = c.d.original_due_at = deadline->due;
  c.d.total_allowed_seconds = std::max<std::int64_t>(*total, 1);
  c.d.state = DossierState::kReceived;
  e.to_agency = c.d.receiving_agency;
  return {};
}

Status do_transfer(Ctx& c, DossierEvent& e) {
  e.from_agency = c.d.receiving_agency;
  return enter_step(c, c.wf.steps.front(), e);
}

Status do_request_supplement(Ctx& c, DossierEvent&) {
  c.d.state_before_pause = c.d.state;
  c.d.state = DossierState::kSupplementRequested;
  c.d.pauses.push_back({c.now, 0});
  ++c.d.supplement_requests;
  return {};
}

Status extend_tasks_for_pause(Ctx& c, const calendar::PausedInterval& pause) {
  const calendar::PausedInterval one[] = {pause};
  for (auto& t : c.d.tasks) {
    auto cal = c.cals.calendar_for(t.agency_code);
    if (!cal) return cal.error();
    auto due = calendar::extend_for_pauses(**cal, t.due_at, one);
    if (!due) return due.error();
    t.due_at = *due;
  }
  return {};
}

Status do_supplement(Ctx& c, DossierEvent&) {
  auto& pause = c.d.pauses.back();
  pause.to = std::max(c.now, pause.from);
  if (c.d.due_at > 0) {
    auto cal = c.cals.calendar_for(home_agency(c.d));
    if (!cal) return cal.error();
    const calendar::PausedInterval one[] = {pause};
    auto due = calendar::extend_for_pauses(**cal, c.d.due_at, one);
    if (!due) return due.error();
    c.d.due_at = *due;
  }
  MOTCUA_RETURN_IF_ERROR(extend_tasks_for_pause(c, pause));
  c.d.state = c.d.state_before_pause;
  return {};
}

Status do_extend(Ctx& c, DossierEvent&) {
  if (c.d.extended) {
    return Error{ErrorCode::kFailedPrecondition, "dossier.already_extended",
                 "Hồ sơ đã được hẹn lại ngày trả kết quả một lần; không được hẹn lại lần nữa.",
                 "The appointment has already been postponed once.", "action"};
  }
  if (!c.req.new_due || *c.req.new_due <= c.d.due_at) {
    return Error::invalid("dossier.new_due_invalid", "Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.",
                          "The new appointment must be later than the current one.", "new_due");
  }
  c.d.due_at = *c.req.new_due;
  c.d.extended = true;
  return {};
}

Status do_give_opinion(Ctx& c, DossierEvent& e) {
  for (std::size_t i = 0; i < c.d.tasks.size(); ++i) {
    if (c.d.tasks[i].branch != c.req.branch) continue;
    const std::string step_id = c.d.tasks[i].step_id;
    const UnixSeconds step_started = c.d.tasks[i].started_at;
    MOTCUA_RETURN_IF_ERROR(close_task(c, i, e));
    if (!c.d.tasks.empty()) return {};
    // Every branch has answered: the step's own actor continues with what is left of the step's time.
    const WorkflowStep* step = c.wf.step(step_id);
    auto agency = resolve_agency(c.d, step->unit, step->agency_code);
    if (!agency) return agency.error();
    auto cal = c.cals.calendar_for(*agency);
    if (!cal) return cal.error();
    auto spent = calendar::elapsed_working_seconds(**cal, step_started, c.now, closed_pauses(c.d));
    if (!spent) return spent.error();
    auto t = open_task(c, step_id, -1, *agency, step->role,
                       std::max<std::int64_t>(0, step_allowance(c, *step) - *spent));
    if (!t) return t.error();
    c.d.tasks.push_back(*t);
    c.d.state = DossierState::kInProcess;
    e.to_step = step_id;
    e.to_agency = *agency;
    return {};
  }
  return Error::invalid("dossier.branch_unknown", "Không có nhánh xin ý kiến này.",
                        "No such consultation branch.", "branch");
}

Status do_step_action(Ctx& c, DossierEvent& e) {
  const Task* task = main_task(c.d);
  const std::string target = c.wf.step(task->step_id)->actions.at(c.req.action);
  for (std::size_t i = 0; i < c.d.tasks.size(); ++i) {
    if (c.d.tasks[i].branch < 0) {
      MOTCUA_RETURN_IF_ERROR(close_task(c, i, e));
      break;
    }
  }
  if (target == kCompleteTarget) {
    finish(c, DossierState::kCompleted,
           e);  // the dossier's own mark replaces the last step's when it has a due date
    return {};
  }
  return enter_step(c, *c.wf.step(target), e);
}

Status apply_effect(Ctx& c, DossierEvent& e) {
  const std::string& a = c.req.action;
  if (a == "receive") return do_receive(c, e);
  if (a == "transfer") return do_transfer(c, e);
  if (a == "request_supplement") return do_request_supplement(c, e);
  if (a == "supplement") return do_supplement(c, e);
  if (a == "refuse" || a == "stop" || a == "withdraw") {
    MOTCUA_RETURN_IF_ERROR(close_all_tasks(c, e));
    const DossierState end = a == "refuse" ? DossierState::kRefused
                             : a == "stop" ? DossierState::kStopped
                                           : DossierState::kWithdrawn;
    finish(c, end, e);
    return {};
  }
  if (a == "require_payment") {
    c.d.state = DossierState::kFinancialObligation;
    return {};
  }
  if (a == "confirm_payment") {
    c.d.fee_paid = true;
    c.d.state = DossierState::kInProcess;
    return {};
  }
  if (a == "extend") return do_extend(c, e);
  if (a == "give_opinion") return do_give_opinion(c, e);
  if (a == "return_result") {
    c.d.state = DossierState::kResultReturned;
    return {};
  }
  return do_step_action(c, e);
}

}  // namespace

Result<Transition> apply_action(const Dossier& d, const WorkflowDefinition& wf, const ProcedureTerms& terms,
                                const ActionRequest& req, const Party& who, UnixSeconds now,
                                CalendarLookup& calendars) {
  MOTCUA_RETURN_IF_ERROR(check_allowed(d, wf, req.action, who, req.branch));
  const Edge* edge = find_edge(req.action);
  if (edge && edge->needs_note && req.note.empty()) {
    return Error::invalid("dossier.reason_required",
                          "Phải nêu lý do / nội dung cho thao tác \"" + req.action + "\".",
                          "Action \"" + req.action + "\" needs a reason or content in \"note\".", "note");
  }
  if (req.note.size() > 4000) {
    return Error::invalid("dossier.note_too_long", "Nội dung ghi chú dài quá 4000 byte.",
                          "The note is too long.", "note");
  }
  Ctx c{d, {}, wf, terms, req, who, now, calendars};
  DossierEvent e = event(c, d.state, d.state);
  MOTCUA_RETURN_IF_ERROR(apply_effect(c, e));
  auto desk = desk_due(c.d, calendars);
  if (!desk) return desk.error();
  c.d.desk_due_at = *desk;
  e.to_state = c.d.state;
  c.events.push_back(std::move(e));
  c.d.history.insert(c.d.history.end(), c.events.begin(), c.events.end());
  return Transition{std::move(c.d), std::move(c.events)};
}

const char* desk_action(DossierState state) {
  switch (state) {
    case DossierState::kSubmittedOnline:
      return "receive";
    case DossierState::kReceived:
      return "transfer";
    case DossierState::kCompleted:
      return "return_result";
    default:
      return "";
  }
}

Result<UnixSeconds> desk_due(const Dossier& d, CalendarLookup& calendars) {
  UnixSeconds from = 0;
  switch (d.state) {
    case DossierState::kSubmittedOnline:
      from = d.submitted_at;
      break;
    case DossierState::kReceived:
      from = d.received_at;
      break;
    case DossierState::kCompleted:
      if (d.due_at != 0) return d.due_at;
      from = d.finished_at;
      break;
    default:
      return UnixSeconds{0};
  }
  // Back from the applicant with a supplement: the desk's turn starts again then.
  for (const auto& p : d.pauses) from = std::max(from, p.to);
  auto cal = calendars.calendar_for(d.receiving_agency);
  if (!cal) return cal.error();
  // "Trong ngày" with the 15:00 cut-off: the close of that working day, else of the next one.
  constexpr std::int32_t kDeskCutoffMinute = 15 * 60;
  auto deadline =
      calendar::compute_deadline(**cal, from, {0, calendar::LimitUnit::kWorkingDays, kDeskCutoffMinute});
  if (!deadline) return deadline.error();
  return deadline->due;
}

// ---- codes
// -------------------------------------------------------------------------------------------------

std::string format_dossier_code(const std::string& agency_code, core::Date day, int sequence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "-%02d%02u%02u-%04d", static_cast<int>(day.year()) % 100,
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()), sequence);
  return agency_code + buf;
}

Result<ParsedDossierCode> parse_dossier_code(std::string_view code) {
  auto bad = [] {
    return Error::invalid("dossier.code_invalid",
                          "Mã hồ sơ phải có dạng <mã cơ quan>-<yymmdd>-<số thứ tự 4 chữ số>.",
                          "A dossier code looks like <agency>-<yymmdd>-<4-digit sequence>.", "code");
  };
  const auto last = code.rfind('-');
  if (last == std::string_view::npos || last == 0) return bad();
  const auto mid = code.rfind('-', last - 1);
  if (mid == std::string_view::npos || mid == 0 || last - mid != 7 || code.size() - last < 5) return bad();
  const auto date_part = code.substr(mid + 1, 6);
  const auto seq_part = code.substr(last + 1);
  for (char ch : std::string(date_part) + std::string(seq_part))
    if (ch < '0' || ch > '9') return bad();
  const auto day =
      core::parse_date("20" + std::string(date_part.substr(0, 2)) + "-" +
                       std::string(date_part.substr(2, 2)) + "-" + std::string(date_part.substr(4, 2)));
  if (!day || seq_part.size() > 6) return bad();
  return ParsedDossierCode{std::string(code.substr(0, mid)), *day, std::stoi(std::string(seq_part))};
}

}  // namespace motcua::domain
