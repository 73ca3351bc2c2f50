// The dossier (hồ sơ thủ tục hành chính) aggregate and its state machine: the canonical states of spec §1.2,
// the global one-stop actions (receive, transfer, supplementation, refusal, payment, extension/apology, stop,
// withdrawal, result return) as a transition table, and the processing steps of the dossier's workflow
// definition. apply_action() is the one entry point: a pure function from (dossier, action, who, now,
// calendars) to the new dossier and the history events to append. It never reads a clock or a database.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/calendar/deadline.hpp"
#include "domain/dossier/workflow.hpp"

namespace motcua::domain {

enum class DossierState {
  kSubmittedOnline,      // Chờ tiếp nhận (trực tuyến)
  kReceived,             // Đã tiếp nhận
  kSupplementRequested,  // Yêu cầu bổ sung hồ sơ (the clock is paused)
  kRefused,              // Từ chối
  kInProcess,            // Đang xử lý
  kConsultation,         // Chờ liên thông / xin ý kiến
  kFinancialObligation,  // Yêu cầu thực hiện nghĩa vụ tài chính
  kStopped,              // Dừng xử lý
  kWithdrawn,            // Công dân yêu cầu rút hồ sơ
  kCompleted,            // Đã xử lý xong (chờ trả kết quả)
  kResultReturned,       // Đã trả kết quả
};
const char* dossier_state_name(DossierState s);      // "submitted_online", "received", ...
const char* dossier_state_label_vi(DossierState s);  // "Chờ tiếp nhận", ...
std::optional<DossierState> parse_dossier_state(std::string_view s);
bool is_terminal(DossierState s);  // refused, stopped, withdrawn, result_returned

enum class Channel { kOnline, kDesk, kPost };
const char* channel_name(Channel c);  // "online" | "desk" | "post"
std::optional<Channel> parse_channel(std::string_view s);

enum class ApplicantKind { kPerson, kOrganisation };

struct Applicant {
  ApplicantKind kind = ApplicantKind::kPerson;
  std::string full_name;    // person's name or organisation's name
  std::string personal_id;  // 12 digits (persons; the representative for organisations)
  std::string tax_code;     // organisations
  std::string address;
  std::string commune_code;  // unit code of the applicant's commune (5 digits), for routing
  std::string phone;
  std::string email;
  std::int64_t user_id = 0;  // the citizen account that owns the dossier (0: filed at the desk for a walk-in)
};

struct ComponentFile {
  std::string name;          // the dossier component it satisfies
  std::string content_type;  // sniffed, never taken from the name
  std::int64_t size = 0;
  std::string sha256;  // content address in the blob store
};

// A unit of work open right now: the step (or consultation branch) and who must act.
struct Task {
  std::string step_id;
  int branch = -1;          // -1: the step itself; >= 0: index of a consultation branch
  std::string agency_code;  // where it sits
  Role role = Role::kSpecialist;
  core::UnixSeconds started_at = 0;
  core::UnixSeconds due_at = 0;
  std::int64_t allowed_seconds = 0;  // working seconds allowed (the step's share)
};

// One row of the dossier's history; hand-overs between steps are the rows of the process-control slip.
struct DossierEvent {
  core::UnixSeconds at = 0;
  std::int64_t actor_user_id = 0;
  std::string actor;  // username, or "applicant"
  std::string action;
  DossierState from_state = DossierState::kSubmittedOnline;
  DossierState to_state = DossierState::kSubmittedOnline;
  std::string from_step;
  std::string to_step;
  std::string from_agency;
  std::string to_agency;
  std::string note;                                // reasons, opinion, what to supplement
  std::optional<calendar::Timeliness> timeliness;  // for a finished step or the finished dossier
  std::int64_t used_seconds = 0;
  std::int64_t allowed_seconds = 0;
};

// The signed result of an approved dossier (văn bản kết quả giải quyết): a PDF in the blob store, signed by
// the approving leader and then sealed by the agency. Issued by the application layer when the leader's
// action completes processing; the domain only carries it.
struct ResultDocument {
  std::string title;   // "Thông báo kết quả giải quyết thủ tục hành chính"
  std::string sha256;  // content address in the blob store
  std::int64_t size = 0;
  std::string content_type = "application/pdf";
  core::UnixSeconds issued_at = 0;
  std::string agency_code;  // the agency that approved and sealed it
  std::string signed_by;    // the leader's certificate name
  std::string sealed_by;    // the seal's certificate name (the agency)
};

struct Dossier {
  std::string code;  // <agency identifier>-<yymmdd>-<4-digit sequence>
  std::string procedure_code;
  std::int32_t workflow_version = 1;
  std::string rule_version;                          // legal-rule set in force at receipt: "2018" or "2025"
  std::string receiving_agency;                      // the desk (one-stop section) that receives
  std::map<std::string, std::string> unit_bindings;  // "receiving_agency"/"applicant_commune" -> agency code
  Channel channel = Channel::kOnline;
  Applicant applicant;
  std::map<std::string, std::string>
      declaration;  // the form's fields, validated against the procedure's form
  std::vector<ComponentFile> components;
  std::int64_t fee_vnd = 0;
  bool fee_paid = false;
  DossierState state = DossierState::kSubmittedOnline;
  DossierState state_before_pause = DossierState::kSubmittedOnline;  // where a supplement returns to
  std::vector<Task> tasks;
  core::UnixSeconds submitted_at = 0;
  core::UnixSeconds received_at = 0;
  core::UnixSeconds due_at = 0;  // appointment (ngày hẹn trả), end of office hours of that day
  core::UnixSeconds original_due_at = 0;
  core::UnixSeconds finished_at = 0;  // completed, refused, stopped or withdrawn
  core::UnixSeconds desk_due_at = 0;  // when the desk must act next (desk_due); 0: nothing for the desk
  std::int64_t total_allowed_seconds = 0;
  std::vector<calendar::PausedInterval> pauses;
  int supplement_requests = 0;
  bool extended = false;                 // the apology / extension may be used once
  std::optional<ResultDocument> result;  // set once, when the leader approves
  std::int64_t version = 0;              // optimistic version of the stored aggregate
  std::vector<DossierEvent> history;
};

// Who acts. The applicant is recognised by user id (or desk officers acting on their behalf).
struct Party {
  std::int64_t user_id = 0;
  std::string username;
  std::vector<RoleAssignment> roles;
  bool has(Role role, const std::string& agency) const;
};

struct ActionRequest {
  std::string action;  // "receive", "transfer", "request_supplement", "supplement", "refuse", "forward"...
  std::string note;    // reasons / opinion; required for refuse, request_supplement, stop, extend
  std::optional<core::UnixSeconds> new_due;  // extend: the new appointment
  int branch = -1;                           // give_opinion: which consultation branch
};

// Working calendars by agency (the agency's own: liên thông steps count on the calendar of the agency that
// acts).
class CalendarLookup {
 public:
  virtual ~CalendarLookup() = default;
  virtual core::Result<const calendar::WorkingCalendar*> calendar_for(const std::string& agency_code) = 0;
};

// The time limit of the procedure, as the deadline module counts it.
struct ProcedureTerms {
  calendar::LimitSpec limit;
};

struct Transition {
  Dossier dossier;                   // the new state (version not bumped: storage does that)
  std::vector<DossierEvent> events;  // to append to the history
};

// The actions valid now for `who`, for menus and inboxes.
std::vector<std::string> available_actions(const Dossier& d, const WorkflowDefinition& wf, const Party& who);

// Applies one action. FailedPrecondition ("dossier.illegal_action") naming the state and the action when the
// action is not allowed in the dossier's state or step; PermissionDenied when `who` lacks the role in the
// acting unit; InvalidArgument for a missing reason or a bad new date.
core::Result<Transition> apply_action(const Dossier& d, const WorkflowDefinition& wf,
                                      const ProcedureTerms& terms, const ActionRequest& req, const Party& who,
                                      core::UnixSeconds now, CalendarLookup& calendars);

// When the one-stop desk of the receiving agency must act on the dossier next, on that agency's calendar; 0
// when the desk has nothing to do (the dossier is with a processing step, the applicant, or finished):
//   - submitted online, waiting for reception: by the close of the working day it arrived on, or of the next
//     working day when it arrived at or after 15:00 or on a day off;
//   - received, waiting for transfer: the same, counted from the reception (Decree 61 Art. 20 [U]: a
//     received dossier is transferred within the working day, the next one after 15:00; the spec states no
//     time for checking an online dossier, so motcua holds reception to the same rule);
//   - completed, waiting for the result to be returned: the appointment, or the close of the working day it
//     completed on when it has none;
//   - back at the desk with a supplement: counted from the supplement's arrival instead.
// apply_action() keeps Dossier::desk_due_at up to date; a new online dossier is given it by its creator.
core::Result<core::UnixSeconds> desk_due(const Dossier& d, CalendarLookup& calendars);
// What the desk does next in `state`, the action desk_due() times: "receive", "transfer" or "return_result";
// "" in the states where the desk has no turn.
const char* desk_action(DossierState state);

// Dossier codes: "<agency>-<yymmdd>-<NNNN>" (spec §2.3).
std::string format_dossier_code(const std::string& agency_code, core::Date day, int sequence);
struct ParsedDossierCode {
  std::string agency_code;
  core::Date day;
  int sequence = 0;
};
// Splits on the last two '-' (the agency part may itself contain '-'); InvalidArgument "code" otherwise.
core::Result<ParsedDossierCode> parse_dossier_code(std::string_view code);

}  // namespace motcua::domain
