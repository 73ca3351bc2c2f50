// The procedure catalogue: one row per procedure with its list fields as JSON documents, the agencies that
// perform it in procedure_agencies (in the given order), and a full-text index kept by the engine (FTS5
// external-content table maintained by triggers on SQLite, a stored generated tsvector on PostgreSQL). Search
// is in procedure_search.cpp.
#include "storage/common/procedure_codec.hpp"
#include "storage/common/procedure_rows.hpp"
#include "storage/common/repositories.hpp"
#include "storage/common/row_helpers.hpp"
#include "storage/common/sql_template.hpp"

namespace motcua::storage {

namespace {

using domain::Procedure;

core::Error procedure_not_found() {
  return core::Error::not_found("procedure.not_found", "Không tìm thấy thủ tục hành chính.",
                                "No such procedure.");
}

// $1..$19 in the column order of kInsert; update() appends the expected version as $20.
std::vector<Value> procedure_params(const Procedure& p) {
  const domain::TimeLimit& t = p.time_limit;
  return {Value(p.code),
          Value(p.name),
          Value(p.field),
          Value(levels_to_json(p.levels)),
          Value(domain::online_level_name(p.online_level)),
          Value(t.value),
          Value(domain::time_limit_unit_name(t.unit)),
          Value(t.note),
          t.cutoff_minutes ? Value(*t.cutoff_minutes) : Value(),
          Value(fees_to_json(p.fees)),
          Value(components_to_json(p.components)),
          Value(p.result),
          Value(strings_to_json(p.legal_basis)),
          Value(p.steps),
          Value(p.requirements),
          Value(p.applicants),
          Value(p.decision),
          Value(p.source_url),
          Value(p.updated_at)};
}

const SqlTemplate& insert_sql() {
  static const SqlTemplate sql(
      "INSERT INTO procedures (code, name, field, levels, online_level, time_limit_value, time_limit_unit, "
      "time_limit_note, time_limit_cutoff_minutes, fees, components, result, legal_basis, steps, "
      "requirements, "
      "applicants, decision, source_url, updated_at, version) VALUES ($1, $2, $3, $4{json}, $5, $6, $7, $8, "
      "$9, "
      "$10{json}, $11{json}, $12, $13{json}, $14, $15, $16, $17, $18, $19, 1) ON CONFLICT DO NOTHING");
  return sql;
}

const SqlTemplate& update_sql() {
  static const SqlTemplate sql(
      "UPDATE procedures SET name = $2, field = $3, levels = $4{json}, online_level = $5, time_limit_value = "
      "$6, "
      "time_limit_unit = $7, time_limit_note = $8, time_limit_cutoff_minutes = $9, fees = $10{json}, "
      "components = $11{json}, result = $12, legal_basis = $13{json}, steps = $14, requirements = $15, "
      "applicants = $16, decision = $17, source_url = $18, updated_at = $19, version = version + 1 "
      "WHERE code = $1 AND version = $20");
  return sql;
}

core::Status fill_details(const Row& row, Procedure& p) {
  auto fees = fees_from_json(row.text(kDetailFirstColumn));
  auto components = components_from_json(row.text(kDetailFirstColumn + 1));
  auto legal_basis = strings_from_json(row.text(kDetailFirstColumn + 3));
  if (!fees) return std::move(fees).error();
  if (!components) return std::move(components).error();
  if (!legal_basis) return std::move(legal_basis).error();
  p.fees = std::move(*fees);
  p.components = std::move(*components);
  p.result = row.text(kDetailFirstColumn + 2);
  p.legal_basis = std::move(*legal_basis);
  p.steps = row.text(kDetailFirstColumn + 4);
  p.requirements = row.text(kDetailFirstColumn + 5);
  p.applicants = row.text(kDetailFirstColumn + 6);
  p.decision = row.text(kDetailFirstColumn + 7);
  p.source_url = row.text(kDetailFirstColumn + 8);
  p.version = row.int64(kDetailFirstColumn + 9);
  p.updated_at = row.int64(kDetailFirstColumn + 10);
  return {};
}

core::Result<Procedure> procedure_from_row(const Row& row) {
  auto summary = summary_from_row(row);
  if (!summary) return std::move(summary).error();
  Procedure p;
  p.code = std::move(summary->code);
  p.name = std::move(summary->name);
  p.field = std::move(summary->field);
  p.levels = std::move(summary->levels);
  p.online_level = summary->online_level;
  p.time_limit = std::move(summary->time_limit);
  MOTCUA_RETURN_IF_ERROR(fill_details(row, p));
  return p;
}

}  // namespace

core::Status SqlProcedureRepository::insert(const Procedure& p) {
  const std::vector<Value> params = procedure_params(p);
  auto changed = conn_.exec(insert_sql().sql(conn_.dialect()), params);
  MOTCUA_RETURN_IF_ERROR(expect_changed(
      changed,
      make_error(core::ErrorCode::kAlreadyExists, "procedure.already_exists",
                 "Mã thủ tục hành chính đã tồn tại.", "A procedure with this code already exists.")));
  return replace_agencies(p.code, p.agency_codes);
}

core::Result<std::int64_t> SqlProcedureRepository::update(const Procedure& p) {
  std::vector<Value> params = procedure_params(p);
  params.emplace_back(p.version);
  auto changed = conn_.exec(update_sql().sql(conn_.dialect()), params);
  if (!changed) return std::move(changed).error();
  if (*changed == 0) {
    auto current = conn_.query("SELECT version FROM procedures WHERE code = $1", {Value(p.code)});
    if (!current) return std::move(current).error();
    if (current->empty()) return procedure_not_found();
    return make_error(core::ErrorCode::kConflict, "procedure.version_conflict",
                      "Thủ tục đã được người khác cập nhật; vui lòng tải lại rồi sửa.",
                      "The procedure was changed by someone else; reload it and try again.");
  }
  MOTCUA_RETURN_IF_ERROR(replace_agencies(p.code, p.agency_codes));
  return p.version + 1;
}

core::Status SqlProcedureRepository::replace_agencies(const std::string& code,
                                                      const std::vector<std::string>& agency_codes) {
  MOTCUA_RETURN_IF_ERROR(
      conn_.exec("DELETE FROM procedure_agencies WHERE procedure_code = $1", {Value(code)}));
  int position = 0;
  for (const std::string& agency : agency_codes) {
    MOTCUA_RETURN_IF_ERROR(conn_.exec(
        "INSERT INTO procedure_agencies (procedure_code, agency_code, position) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING",
        {Value(code), Value(agency), Value(position++)}));
  }
  return {};
}

core::Status SqlProcedureRepository::remove(const std::string& code) {
  return expect_changed(conn_.exec("DELETE FROM procedures WHERE code = $1", {Value(code)}),
                        procedure_not_found());
}

core::Result<Procedure> SqlProcedureRepository::find(const std::string& code) {
  static const std::string sql = std::string(kDetailSelect) + "WHERE p.code = $1";
  auto rows = conn_.query(sql, {Value(code)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return procedure_not_found();
  auto p = procedure_from_row(rows->front());
  if (!p) return p;
  auto agencies =
      conn_.query("SELECT agency_code FROM procedure_agencies WHERE procedure_code = $1 ORDER BY position",
                  {Value(code)});
  if (!agencies) return std::move(agencies).error();
  for (const Row& row : *agencies) p->agency_codes.push_back(row.text(0));
  return p;
}

core::Result<std::vector<std::string>> SqlProcedureRepository::fields() {
  auto rows = conn_.query("SELECT DISTINCT field FROM procedures ORDER BY field");
  if (!rows) return std::move(rows).error();
  std::vector<std::string> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) out.push_back(row.text(0));
  return out;
}

core::Result<std::int64_t> SqlProcedureRepository::count() {
  auto rows = conn_.query("SELECT count(*) FROM procedures");
  if (!rows) return std::move(rows).error();
  return (*rows)[0].int64(0);
}

}  // namespace motcua::storage
