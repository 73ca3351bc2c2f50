// Dossiers, their tasks and history, code sequences and idempotency keys (see dossier_repository.hpp).
// Workflows and the outbox are in dossier_workflows.cpp, inbox and search in dossier_search.cpp.
#include "storage/common/dossier_repository.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "app/dossier_codec.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "storage/common/row_helpers.hpp"
#include "storage/common/sql_template.hpp"

namespace motcua::storage {

namespace {

using domain::Dossier;
using domain::DossierEvent;

core::Error dossier_not_found() {
  return core::Error::not_found("dossier.not_found", "Không tìm thấy hồ sơ.", "No such dossier.");
}

// $1..$14 in the column order of insert_sql(); update_sql() appends the expected version as $15.
// `document` is app::encode_dossier_document(d): the code and the version are columns only.
std::vector<Value> dossier_params(const Dossier& d, const app::StoredForm& form) {
  return {Value(d.code),
          Value(d.procedure_code),
          Value(domain::dossier_state_name(d.state)),
          Value(d.receiving_agency),
          Value(d.applicant.user_id),
          Value(d.applicant.full_name),
          Value(form.applicant_folded),
          Value(d.applicant.personal_id),
          Value(d.submitted_at),
          Value(d.received_at),
          Value(d.due_at),
          Value(d.finished_at),
          Value(form.document),
          Value(d.desk_due_at)};
}

const SqlTemplate& insert_sql() {
  static const SqlTemplate sql(
      "INSERT INTO dossiers (code, procedure_code, state, receiving_agency, owner_user_id, applicant_name, "
      "applicant_folded, personal_id, submitted_at, received_at, due_at, finished_at, document, desk_due_at, "
      "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13{json}, $14, 1) "
      "ON CONFLICT DO NOTHING");
  return sql;
}

const SqlTemplate& update_sql() {
  static const SqlTemplate sql(
      "UPDATE dossiers SET procedure_code = $2, state = $3, receiving_agency = $4, owner_user_id = $5, "
      "applicant_name = $6, applicant_folded = $7, personal_id = $8, submitted_at = $9, received_at = $10, "
      "due_at = $11, finished_at = $12, document = $13{json}, desk_due_at = $14, version = version + 1 "
      "WHERE code = $1 AND version = $15");
  return sql;
}

constexpr std::string_view kInsertTask =
    "INSERT INTO dossier_tasks (code, position, step_id, branch, agency_code, role, started_at, due_at, "
    "allowed_seconds) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

constexpr std::string_view kInsertEvent =
    "INSERT INTO dossier_events (code, seq, at, actor_user_id, actor, action, from_state, to_state, "
    "from_step, "
    "to_step, from_agency, to_agency, note, timeliness, used_seconds, allowed_seconds) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

constexpr std::string_view kSelectEvents =
    "SELECT at, actor_user_id, actor, action, from_state, to_state, from_step, to_step, from_agency, "
    "to_agency, "
    "note, timeliness, used_seconds, allowed_seconds FROM dossier_events WHERE code = $1 ORDER BY seq";

std::vector<Value> event_params(const std::string& code, std::int64_t seq, const DossierEvent& e) {
  return {Value(code),
          Value(seq),
          Value(e.at),
          Value(e.actor_user_id),
          Value(e.actor),
          Value(e.action),
          Value(domain::dossier_state_name(e.from_state)),
          Value(domain::dossier_state_name(e.to_state)),
          Value(e.from_step),
          Value(e.to_step),
          Value(e.from_agency),
          Value(e.to_agency),
          Value(e.note),
          Value(e.timeliness ? domain::calendar::timeliness_name(*e.timeliness) : ""),
          Value(e.used_seconds),
          Value(e.allowed_seconds)};
}

std::optional<domain::calendar::Timeliness> parse_timeliness(std::string_view text) {
  using domain::calendar::Timeliness;
  for (Timeliness t : {Timeliness::kEarly, Timeliness::kOnTime, Timeliness::kLate})
    if (text == domain::calendar::timeliness_name(t)) return t;
  return std::nullopt;
}

core::Result<DossierEvent> event_from_row(const Row& row) {
  auto from = enum_column(domain::parse_dossier_state, row.text(4));
  auto to = enum_column(domain::parse_dossier_state, row.text(5));
  if (!from || !to) return db_internal("malformed dossier_events row");
  DossierEvent e{row.int64(0), row.int64(1), row.text(2),   row.text(3),  *from,
                 *to,          row.text(6),  row.text(7),   row.text(8),  row.text(9),
                 row.text(10), std::nullopt, row.int64(12), row.int64(13)};
  if (const std::string timeliness = row.text(11); !timeliness.empty()) {
    auto parsed = enum_column(parse_timeliness, timeliness);
    if (!parsed) return std::move(parsed).error();
    e.timeliness = *parsed;
  }
  return e;
}

// A dossier from a row of (version, document, code).
core::Result<Dossier> dossier_from_row(const Row& row) {
  auto doc = nlohmann::json::parse(row.text(1), nullptr, false);
  if (doc.is_discarded()) return db_internal("malformed dossiers.document");
  auto d = app::dossier_from_json(doc);
  if (!d) return db_internal("malformed dossiers.document: " + d.error().field);
  d->version = row.int64(0);
  d->code = row.text(2);
  return d;
}

// Every stored code begins with its receiving agency's identifier and "-" (domain::format_dossier_code): the
// search for the dossiers an agency received reads that range of the primary key (dossier_search.cpp; there
// is no index by receiving agency since migration 0010), so a row that broke the rule would be missing from
// it.
core::Status check_code_agency(const Dossier& d) {
  const auto parsed = domain::parse_dossier_code(d.code);
  if (parsed && parsed->agency_code == d.receiving_agency) return {};
  return make_error(core::ErrorCode::kInvalidArgument, "dossier.code_agency_mismatch",
                    "Mã hồ sơ phải bắt đầu bằng mã định danh của cơ quan tiếp nhận.",
                    "A dossier code must begin with the receiving agency's identifier.");
}

}  // namespace

core::Result<int> SqlDossierRepository::next_sequence(const std::string& agency_code, core::Date day) {
  const std::vector<Value> key{Value(agency_code), Value(core::format_date(day))};
  if (conn_.dialect() == Dialect::kSqlite) {
    // SQLite runs one write transaction at a time, so bump-then-read is race-free; it avoids the upsert's
    // RETURNING, which SQLite materialises in a temporary b-tree opened and closed for every submission
    // (a few per cent of the writer thread). A rollback gives the number back.
    auto bumped = conn_.exec(
        "UPDATE dossier_sequences SET last_value = last_value + 1 WHERE agency_code = $1 AND day = $2", key);
    if (!bumped) return std::move(bumped).error();
    if (*bumped == 0) {
      auto inserted =
          conn_.exec("INSERT INTO dossier_sequences (agency_code, day, last_value) VALUES ($1, $2, 1)", key);
      if (!inserted) return std::move(inserted).error();
      return 1;
    }
    auto value =
        conn_.query("SELECT last_value FROM dossier_sequences WHERE agency_code = $1 AND day = $2", key);
    if (!value) return std::move(value).error();
    if (value->size() != 1) return db_internal("dossier_sequences row vanished after its update");
    return (*value)[0].int32(0);
  }
  // PostgreSQL: one upsert (one round trip): the first number of a day inserts the row, the others bump it
  // under its row lock, which concurrent allocations wait for until this transaction ends. A rollback gives
  // the number back.
  auto rows = conn_.query(
      "INSERT INTO dossier_sequences (agency_code, day, last_value) VALUES ($1, $2, 1) "
      "ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1 "
      "RETURNING last_value",
      key);
  if (!rows) return std::move(rows).error();
  if (rows->size() != 1) return db_internal("dossier_sequences upsert returned no row");
  return (*rows)[0].int32(0);
}

core::Status SqlDossierRepository::insert(const Dossier& d, const app::StoredForm& form) {
  MOTCUA_RETURN_IF_ERROR(check_code_agency(d));
  const std::vector<Value> params = dossier_params(d, form);
  auto changed = conn_.exec(insert_sql().sql(conn_.dialect()), params);
  MOTCUA_RETURN_IF_ERROR(expect_changed(
      changed, make_error(core::ErrorCode::kAlreadyExists, "dossier.already_exists", "Mã hồ sơ đã tồn tại.",
                          "A dossier with this code already exists.")));
  MOTCUA_RETURN_IF_ERROR(insert_tasks(d));  // a new code has no tasks to replace
  return append_events(d.code, 1, d.history);
}

core::Result<std::int64_t> SqlDossierRepository::update(const Dossier& d,
                                                        const std::vector<DossierEvent>& new_events,
                                                        const app::StoredForm& form) {
  // The version check and the write are one statement: of two transactions that read the same version, the
  // second UPDATE waits for the first's row lock (PostgreSQL) or the writer lock (SQLite), then matches no
  // row because the version has moved on.
  MOTCUA_RETURN_IF_ERROR(check_code_agency(d));
  std::vector<Value> params = dossier_params(d, form);
  params.emplace_back(d.version);
  auto changed = conn_.exec(update_sql().sql(conn_.dialect()), params);
  if (!changed) return std::move(changed).error();
  if (*changed == 0) {
    auto current = conn_.query("SELECT version FROM dossiers WHERE code = $1", {Value(d.code)});
    if (!current) return std::move(current).error();
    if (current->empty()) return dossier_not_found();
    return make_error(core::ErrorCode::kConflict, "dossier.version_conflict",
                      "Hồ sơ vừa được người khác xử lý; vui lòng tải lại hồ sơ rồi thực hiện lại.",
                      "The dossier was changed by someone else; reload it and try again.");
  }
  MOTCUA_RETURN_IF_ERROR(replace_tasks(d));
  auto last =
      conn_.query("SELECT COALESCE(MAX(seq), 0) FROM dossier_events WHERE code = $1", {Value(d.code)});
  if (!last) return std::move(last).error();
  MOTCUA_RETURN_IF_ERROR(append_events(d.code, (*last)[0].int64(0) + 1, new_events));
  return d.version + 1;
}

core::Status SqlDossierRepository::replace_tasks(const Dossier& d) {
  MOTCUA_RETURN_IF_ERROR(conn_.exec("DELETE FROM dossier_tasks WHERE code = $1", {Value(d.code)}));
  return insert_tasks(d);
}

core::Status SqlDossierRepository::insert_tasks(const Dossier& d) {
  int position = 0;
  for (const domain::Task& t : d.tasks) {
    MOTCUA_RETURN_IF_ERROR(conn_.exec(
        kInsertTask,
        {Value(d.code), Value(position++), Value(t.step_id), Value(t.branch), Value(t.agency_code),
         Value(domain::role_name(t.role)), Value(t.started_at), Value(t.due_at), Value(t.allowed_seconds)}));
  }
  return {};
}

core::Status SqlDossierRepository::append_events(const std::string& code, std::int64_t first_seq,
                                                 const std::vector<DossierEvent>& events) {
  std::int64_t seq = first_seq;
  for (const DossierEvent& e : events) {
    const std::vector<Value> params = event_params(code, seq++, e);
    MOTCUA_RETURN_IF_ERROR(conn_.exec(kInsertEvent, params));
  }
  return {};
}

core::Result<std::vector<DossierEvent>> SqlDossierRepository::history(const std::string& code) {
  auto rows = conn_.query(kSelectEvents, {Value(code)});
  if (!rows) return std::move(rows).error();
  std::vector<DossierEvent> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    auto e = event_from_row(row);
    if (!e) return std::move(e).error();
    out.push_back(std::move(*e));
  }
  return out;
}

core::Result<Dossier> SqlDossierRepository::find(const std::string& code) {
  auto rows = conn_.query("SELECT version, document, code FROM dossiers WHERE code = $1", {Value(code)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return dossier_not_found();
  auto d = dossier_from_row(rows->front());
  if (!d) return d;
  auto events = history(code);
  if (!events) return std::move(events).error();
  d->history = std::move(*events);
  return d;
}

// Two statements whatever the number of dossiers: their rows, then all their events in (code, seq) order,
// both driven by the (receiving_agency, received_at) index.
core::Result<std::vector<Dossier>> SqlDossierRepository::received_by(const std::string& agency_code,
                                                                     core::UnixSeconds from,
                                                                     core::UnixSeconds to) {
  const std::vector<Value> range = {Value(agency_code), Value(from), Value(to)};
  auto rows = conn_.query(
      "SELECT version, document, code FROM dossiers WHERE receiving_agency = $1 AND received_at >= $2 AND "
      "received_at < $3 AND received_at > 0 ORDER BY received_at, code",
      range);
  if (!rows) return std::move(rows).error();
  std::vector<Dossier> out;
  out.reserve(rows->size());
  std::map<std::string, std::size_t> index;
  for (const Row& row : *rows) {
    auto d = dossier_from_row(row);
    if (!d) return std::move(d).error();
    index.emplace(d->code, out.size());
    out.push_back(std::move(*d));
  }
  if (out.empty()) return out;
  auto events = conn_.query(
      "SELECT e.at, e.actor_user_id, e.actor, e.action, e.from_state, e.to_state, e.from_step, e.to_step, "
      "e.from_agency, e.to_agency, e.note, e.timeliness, e.used_seconds, e.allowed_seconds, e.code "
      "FROM dossier_events e JOIN dossiers d ON d.code = e.code WHERE d.receiving_agency = $1 AND "
      "d.received_at >= $2 AND d.received_at < $3 AND d.received_at > 0 ORDER BY e.code, e.seq",
      range);
  if (!events) return std::move(events).error();
  for (const Row& row : *events) {
    const auto it = index.find(row.text(14));
    if (it == index.end()) continue;  // cannot happen within one transaction: same range, same snapshot
    auto e = event_from_row(row);
    if (!e) return std::move(e).error();
    out[it->second].history.push_back(std::move(*e));
  }
  return out;
}

core::Result<std::int64_t> SqlDossierRepository::received_position(const std::string& agency_code,
                                                                   core::UnixSeconds from,
                                                                   core::UnixSeconds received_at,
                                                                   const std::string& code) {
  auto rows = conn_.query(
      "SELECT COUNT(*) FROM dossiers WHERE receiving_agency = $1 AND received_at >= $2 AND received_at > 0 "
      "AND (received_at < $3 OR (received_at = $3 AND code <= $4))",
      {Value(agency_code), Value(from), Value(received_at), Value(code)});
  if (!rows) return std::move(rows).error();
  return rows->front().int64(0);
}

core::Result<std::optional<std::string>> SqlDossierRepository::find_idempotency_key(std::int64_t user_id,
                                                                                    const std::string& key) {
  auto rows = conn_.query("SELECT code FROM idempotency_keys WHERE user_id = $1 AND key = $2",
                          {Value(user_id), Value(key)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().text(0));
}

core::Status SqlDossierRepository::save_idempotency_key(std::int64_t user_id, const std::string& key,
                                                        const std::string& code, core::UnixSeconds at) {
  auto changed = conn_.exec(
      "INSERT INTO idempotency_keys (user_id, key, code, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
      {Value(user_id), Value(key), Value(code), Value(at)});
  return expect_changed(changed, make_error(core::ErrorCode::kAlreadyExists, "dossier.idempotency_key_used",
                                            "Khóa chống gửi trùng này đã được dùng cho một hồ sơ khác.",
                                            "This idempotency key was already used for a submission."));
}

}  // namespace motcua::storage
