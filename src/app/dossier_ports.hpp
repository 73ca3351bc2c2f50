// Storage ports of the one-stop process (issue 4): dossiers with their tasks and history, gap-free dossier
// code sequences, idempotency keys, workflow definitions and the outbox. Reached through
// Repositories::dossiers() inside Store::read/write, so every transition, its history rows and its outbox
// rows commit in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/dossier/dossier.hpp"

namespace motcua::app {

using core::Result;
using core::Status;

// A row of an inbox: an open task and the dossier it belongs to.
struct InboxItem {
  std::string code;
  std::string procedure_code;
  std::string applicant_name;
  domain::DossierState state = domain::DossierState::kInProcess;
  std::string step_id;
  int branch = -1;
  std::string agency_code;
  domain::Role role = domain::Role::kSpecialist;
  core::UnixSeconds task_due_at = 0;
  core::UnixSeconds dossier_due_at = 0;
};

struct InboxQuery {
  std::vector<domain::RoleAssignment> roles;  // tasks whose (agency, role) is one of these
  std::string agency_code;                    // only this agency; empty: all of `roles`
  core::UnixSeconds after_due_at = 0;         // keyset cursor (due_at, code)
  std::string after_code;
  int limit = 50;
};

struct DossierSummary {
  std::string code;
  std::string procedure_code;
  std::string applicant_name;
  domain::DossierState state = domain::DossierState::kSubmittedOnline;
  std::string receiving_agency;
  core::UnixSeconds submitted_at = 0;
  core::UnixSeconds due_at = 0;
};

struct DossierQuery {
  std::string code_prefix;
  std::string applicant_folded;  // folded (core::fold_for_search) words of the applicant's name
  std::string personal_id;
  std::string procedure_code;
  std::optional<domain::DossierState> state;
  std::vector<std::string> agency_codes;  // restrict to dossiers received by or tasked to these agencies
  std::int64_t owner_user_id = 0;         // restrict to one applicant's dossiers
  core::UnixSeconds submitted_from = 0;
  core::UnixSeconds submitted_to = 0;  // 0: no bound
  std::string after_code;              // keyset cursor, newest first by code
  int limit = 50;
};

// An event for the outside world, written in the same transaction as the change it reports.
struct OutboxEvent {
  std::int64_t id = 0;  // assigned by storage
  core::UnixSeconds at = 0;
  std::string topic;      // "dossier.<action>": "dossier.submit", "dossier.receive", "dossier.approve"...
  std::string aggregate;  // "dossier:<code>"
  std::string payload_json;
  std::string request_id;  // follows the originating HTTP request
};

// What a dossier stores besides its columns' plain values, made by the caller before the write transaction
// so that the serialised writer only binds it: stored_form(d) (dossier_codec.hpp).
struct StoredForm {
  std::string document;          // encode_dossier_document(d)
  std::string applicant_folded;  // the applicant's name as searched: core::fold_for_search(full name)
};

class DossierRepository {
 public:
  virtual ~DossierRepository() = default;

  // The next sequence number of `agency_code` on `day` (1, 2, ...): gap-free and unique under concurrency
  // when used in the same write transaction as the insert (a rolled-back insert gives its number back).
  virtual Result<int> next_sequence(const std::string& agency_code, core::Date day) = 0;
  // Stores a new dossier (version 1), its tasks and its history. AlreadyExists on a duplicate code.
  // `form` is stored_form(d) (dossier_codec.hpp), made by the caller: a submission makes it before the write
  // transaction, so that the serialised writer only binds it.
  virtual Status insert(const domain::Dossier& d, const StoredForm& form) = 0;
  // The same, making the stored form itself (defined with the codec, in dossier_codec.cpp).
  Status insert(const domain::Dossier& d);
  // Replaces the dossier's state and tasks if the stored version equals d.version (Conflict otherwise),
  // appends `new_events` to its history, and returns the new version. `form` is stored_form(d), as for
  // insert: an action makes it before its write transaction.
  virtual Result<std::int64_t> update(const domain::Dossier& d,
                                      const std::vector<domain::DossierEvent>& new_events,
                                      const StoredForm& form) = 0;
  // The same, making the stored form itself (dossier_codec.cpp).
  Result<std::int64_t> update(const domain::Dossier& d, const std::vector<domain::DossierEvent>& new_events);
  // The dossier with its full history; NotFound otherwise.
  virtual Result<domain::Dossier> find(const std::string& code) = 0;

  // Idempotent submission: the code stored for (user, key), if any.
  virtual Result<std::optional<std::string>> find_idempotency_key(std::int64_t user_id,
                                                                  const std::string& key) = 0;
  virtual Status save_idempotency_key(std::int64_t user_id, const std::string& key, const std::string& code,
                                      core::UnixSeconds at) = 0;

  virtual Result<std::vector<InboxItem>> inbox(const InboxQuery& q) = 0;
  virtual Result<std::vector<DossierSummary>> search(const DossierQuery& q) = 0;
  // The dossiers `agency_code` received in [from, to) by their received_at (a dossier not yet received is in
  // no period), oldest first and by code among equal times, each with its history: a desk's tracking book.
  virtual Result<std::vector<domain::Dossier>> received_by(const std::string& agency_code,
                                                           core::UnixSeconds from, core::UnixSeconds to) = 0;
  // The line of dossier `code`, received by `agency_code` at `received_at`, in the tracking book that starts
  // at `from`: how many dossiers that agency received from `from` up to it, in received_by's order.
  virtual Result<std::int64_t> received_position(const std::string& agency_code, core::UnixSeconds from,
                                                 core::UnixSeconds received_at, const std::string& code) = 0;

  // Workflow definitions, versioned per (procedure, agency); agency "" is the procedure's default.
  virtual Status save_workflow(
      const domain::WorkflowDefinition& def) = 0;  // AlreadyExists on a duplicate version
  virtual Result<domain::WorkflowDefinition> find_workflow(const std::string& procedure_code,
                                                           const std::string& agency_code,
                                                           std::int32_t version) = 0;
  // The highest version for (procedure, agency), falling back to the procedure's default; NotFound if none.
  virtual Result<domain::WorkflowDefinition> latest_workflow(const std::string& procedure_code,
                                                             const std::string& agency_code) = 0;
  virtual Result<std::vector<domain::WorkflowDefinition>> all_latest_workflows() = 0;

  virtual Status add_outbox(const OutboxEvent& e) = 0;
  // Oldest undelivered events, for the dispatcher; mark_delivered after success.
  virtual Result<std::vector<OutboxEvent>> pending_outbox(int limit) = 0;
  virtual Status mark_delivered(std::int64_t id, core::UnixSeconds at) = 0;
};

}  // namespace motcua::app
