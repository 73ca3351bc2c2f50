// DossierRepository written once in SQL for both engines (tables of migration 0003_dossiers). Like the other
// Sql*Repository classes it lives for one transaction, over that transaction's Connection, and is used by one
// thread. Internal to storage/common; reached through SqlRepositories::dossiers().
//
// Layout: a dossier is one `dossiers` row whose `document` column holds the aggregate without its history
// (app/dossier_codec.hpp), plus copies of what is searched (state, applicant, dates...); its open tasks are
// copied to `dossier_tasks` for the inboxes, and its history is `dossier_events`, numbered per dossier and
// append-only. insert() and update() rewrite all of these together, so they never disagree.
//
// Expected outcomes (NotFound, AlreadyExists, a stale version's Conflict) are detected without an engine
// error, so the transaction stays usable after them (see repositories.hpp). Search (dossier_search.cpp):
//   - submitted_from is inclusive and submitted_to exclusive: [from, to);
//   - applicant_folded is folded again and split into words (search_terms.hpp); every word must be a word of
//     the folded name, the last one possibly the beginning of one, as in catalogue search ("nguyen van an"
//     finds "Nguyễn Văn An" and "Nguyễn Văn Anh", "dang" finds "Đặng Thu Hà" and "Trần Đăng Khoa"); text
//     without any word character matches nothing;
//   - agency_codes matches the receiving agency or the agency of an open task; empty means no restriction.
// Inbox keyset: the cursor is the (due_at, code) of the last item of the previous page, so a dossier with two
// open tasks for the same (agency, role) and the same due time may lose the second across a page boundary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/dossier_ports.hpp"
#include "storage/common/sql.hpp"

namespace motcua::storage {

class SqlDossierRepository final : public app::DossierRepository {
 public:
  explicit SqlDossierRepository(Connection& conn) : conn_(conn) {}

  core::Result<int> next_sequence(const std::string& agency_code, core::Date day) override;
  using app::DossierRepository::insert;
  core::Status insert(const domain::Dossier& d, const app::StoredForm& form) override;
  using app::DossierRepository::update;
  core::Result<std::int64_t> update(const domain::Dossier& d,
                                    const std::vector<domain::DossierEvent>& new_events,
                                    const app::StoredForm& form) override;
  core::Result<domain::Dossier> find(const std::string& code) override;

  core::Result<std::optional<std::string>> find_idempotency_key(std::int64_t user_id,
                                                                const std::string& key) override;
  core::Status save_idempotency_key(std::int64_t user_id, const std::string& key, const std::string& code,
                                    core::UnixSeconds at) override;

  core::Result<std::vector<app::InboxItem>> inbox(const app::InboxQuery& q) override;
  core::Result<std::vector<app::DossierSummary>> search(const app::DossierQuery& q) override;
  core::Result<std::vector<domain::Dossier>> received_by(const std::string& agency_code,
                                                         core::UnixSeconds from,
                                                         core::UnixSeconds to) override;
  core::Result<std::int64_t> received_position(const std::string& agency_code, core::UnixSeconds from,
                                               core::UnixSeconds received_at,
                                               const std::string& code) override;

  core::Status save_workflow(const domain::WorkflowDefinition& def) override;
  core::Result<domain::WorkflowDefinition> find_workflow(const std::string& procedure_code,
                                                         const std::string& agency_code,
                                                         std::int32_t version) override;
  core::Result<domain::WorkflowDefinition> latest_workflow(const std::string& procedure_code,
                                                           const std::string& agency_code) override;
  core::Result<std::vector<domain::WorkflowDefinition>> all_latest_workflows() override;

  core::Status add_outbox(const app::OutboxEvent& e) override;
  core::Result<std::vector<app::OutboxEvent>> pending_outbox(int limit) override;
  core::Status mark_delivered(std::int64_t id, core::UnixSeconds at) override;

 private:
  core::Status replace_tasks(const domain::Dossier& d);
  core::Status insert_tasks(const domain::Dossier& d);  // adds d.tasks; none may be stored for d.code
  core::Status append_events(const std::string& code, std::int64_t first_seq,
                             const std::vector<domain::DossierEvent>& events);
  core::Result<std::vector<domain::DossierEvent>> history(const std::string& code);
  // For each (agency, role) of `pairs` (at most kPairsPerStatement), the first `limit` tasks after the
  // cursor.
  core::Result<std::vector<app::InboxItem>> inbox_of(
      const std::vector<std::pair<std::string, domain::Role>>& pairs, const app::InboxQuery& q, int limit);
  // The desk's own queue of `agency` (desk_due_at > 0), the first `limit` after the cursor.
  core::Result<std::vector<app::InboxItem>> desk_queue(const std::string& agency, const app::InboxQuery& q,
                                                       int limit);
  // Runs one search statement of dossier_search.cpp.
  core::Result<std::vector<app::DossierSummary>> run_search(const std::string& sql,
                                                            const std::vector<Value>& params);
  Connection& conn_;
};

}  // namespace motcua::storage
