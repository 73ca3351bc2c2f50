// Versioned workflow definitions and the outbox of the one-stop process (see dossier_repository.hpp).
//
// A definition is stored in the app/dossier_codec.hpp storage form, keyed by (procedure, agency, version);
// agency '' is the procedure's default. The outbox is drained in id order; ids are assigned by the engine in
// insertion order, but on PostgreSQL two transactions may commit out of that order, so "oldest first" is a
// best effort and consumers must not rely on strict ordering (they get the aggregate and a request id).
#include <nlohmann/json.hpp>

#include "app/dossier_codec.hpp"
#include "storage/common/dossier_repository.hpp"
#include "storage/common/row_helpers.hpp"
#include "storage/common/sql_template.hpp"

namespace motcua::storage {

namespace {

constexpr int kMaxOutboxPage = 1000;

core::Error workflow_not_found() {
  return core::Error::not_found("workflow.not_found", "Không tìm thấy quy trình xử lý của thủ tục.",
                                "No workflow definition for this procedure.");
}

core::Result<domain::WorkflowDefinition> workflow_from_row(const Row& row) {
  auto doc = nlohmann::json::parse(row.text(0), nullptr, false);
  if (doc.is_discarded()) return db_internal("malformed workflows.definition");
  auto def = app::workflow_from_stored_json(doc);
  if (!def) return db_internal("malformed workflows.definition: " + def.error().field);
  return def;
}

core::Result<domain::WorkflowDefinition> first_workflow(const core::Result<Rows>& rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return workflow_not_found();
  return workflow_from_row(rows->front());
}

const SqlTemplate& save_workflow_sql() {
  static const SqlTemplate sql(
      "INSERT INTO workflows (procedure_code, agency_code, version, definition) VALUES ($1, $2, $3, "
      "$4{json}) "
      "ON CONFLICT DO NOTHING");
  return sql;
}

}  // namespace

core::Status SqlDossierRepository::save_workflow(const domain::WorkflowDefinition& def) {
  auto changed = conn_.exec(save_workflow_sql().sql(conn_.dialect()),
                            {Value(def.procedure_code), Value(def.agency_code), Value(def.version),
                             Value(app::workflow_to_json(def).dump())});
  return expect_changed(changed,
                        make_error(core::ErrorCode::kAlreadyExists, "workflow.version_exists",
                                   "Phiên bản quy trình này đã tồn tại; hãy lưu thành phiên bản mới.",
                                   "This workflow version already exists; save it as a new version."));
}

core::Result<domain::WorkflowDefinition> SqlDossierRepository::find_workflow(
    const std::string& procedure_code, const std::string& agency_code, std::int32_t version) {
  return first_workflow(conn_.query(
      "SELECT definition FROM workflows WHERE procedure_code = $1 AND agency_code = $2 AND version = $3",
      {Value(procedure_code), Value(agency_code), Value(version)}));
}

core::Result<domain::WorkflowDefinition> SqlDossierRepository::latest_workflow(
    const std::string& procedure_code, const std::string& agency_code) {
  // The agency's own variant sorts before the default ('' is the smallest code), its highest version first.
  return first_workflow(
      conn_.query("SELECT definition FROM workflows WHERE procedure_code = $1 AND agency_code IN ($2, '') "
                  "ORDER BY agency_code DESC, version DESC LIMIT 1",
                  {Value(procedure_code), Value(agency_code)}));
}

core::Result<std::vector<domain::WorkflowDefinition>> SqlDossierRepository::all_latest_workflows() {
  auto rows = conn_.query(
      "SELECT w.definition FROM workflows w WHERE w.version = (SELECT MAX(x.version) FROM workflows x "
      "WHERE x.procedure_code = w.procedure_code AND x.agency_code = w.agency_code) "
      "ORDER BY w.procedure_code, w.agency_code");
  if (!rows) return std::move(rows).error();
  std::vector<domain::WorkflowDefinition> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    auto def = workflow_from_row(row);
    if (!def) return std::move(def).error();
    out.push_back(std::move(*def));
  }
  return out;
}

core::Status SqlDossierRepository::add_outbox(const app::OutboxEvent& e) {
  MOTCUA_RETURN_IF_ERROR(conn_.exec(
      "INSERT INTO outbox (at, topic, aggregate, payload, request_id) VALUES ($1, $2, $3, $4, $5)",
      {Value(e.at), Value(e.topic), Value(e.aggregate), Value(e.payload_json), Value(e.request_id)}));
  return {};
}

core::Result<std::vector<app::OutboxEvent>> SqlDossierRepository::pending_outbox(int limit) {
  auto rows = conn_.query(
      "SELECT id, at, topic, aggregate, payload, request_id FROM outbox WHERE delivered_at IS NULL "
      "ORDER BY id LIMIT $1",
      {Value(clamp_limit(limit, kMaxOutboxPage))});
  if (!rows) return std::move(rows).error();
  std::vector<app::OutboxEvent> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    out.push_back({row.int64(0), row.int64(1), row.text(2), row.text(3), row.text(4), row.text(5)});
  }
  return out;
}

core::Status SqlDossierRepository::mark_delivered(std::int64_t id, core::UnixSeconds at) {
  // Marking twice keeps the first delivery time; an unknown id is NotFound.
  auto changed = conn_.exec("UPDATE outbox SET delivered_at = $2 WHERE id = $1 AND delivered_at IS NULL",
                            {Value(id), Value(at)});
  if (!changed) return std::move(changed).error();
  if (*changed > 0) return {};
  auto exists = conn_.query("SELECT 1 FROM outbox WHERE id = $1", {Value(id)});
  if (!exists) return std::move(exists).error();
  if (!exists->empty()) return {};
  return core::Error::not_found("outbox.not_found", "Không tìm thấy sự kiện cần gửi.",
                                "No such outbox event.");
}

}  // namespace motcua::storage
