// Administrative units with validity periods. A period with no start is stored from 0001-01-01 and one still
// in force until 9999-12-31, so that "valid on D" is two comparisons and (code, valid_from) can be UNIQUE
// without NULL exceptions.
#include "core/time.hpp"
#include "storage/common/repositories.hpp"
#include "storage/common/row_helpers.hpp"

namespace motcua::storage {

namespace {

using domain::AdministrativeUnit;

constexpr std::string_view kBeginningOfRecords = "0001-01-01";
constexpr std::string_view kStillInForce = "9999-12-31";

std::string date_or(const std::optional<core::Date>& d, std::string_view open_end) {
  return d ? core::format_date(*d) : std::string(open_end);
}

std::optional<core::Date> date_column(const std::string& text, std::string_view open_end) {
  if (text == open_end) return std::nullopt;
  return core::parse_date(text);
}

core::Error unit_not_found() {
  return core::Error::not_found("unit.not_found", "Không tìm thấy đơn vị hành chính.",
                                "No such administrative unit.");
}

// Columns: u.id, code, name, type, level, parent_code, valid_from, valid_to, then s.successor_code.
constexpr std::string_view kColumns =
    "SELECT u.id, u.code, u.name, u.type, u.level, u.parent_code, u.valid_from, u.valid_to, "
    "s.successor_code ";

core::Result<AdministrativeUnit> unit_from_row(const Row& row) {
  auto level = enum_column(domain::parse_unit_level, row.text(4));
  if (!level) return std::move(level).error();
  AdministrativeUnit u;
  u.code = row.text(1);
  u.name = row.text(2);
  u.type = row.text(3);
  u.level = *level;
  u.parent_code = row.text(5);
  u.valid_from = date_column(row.text(6), kBeginningOfRecords);
  u.valid_to = date_column(row.text(7), kStillInForce);
  return u;
}

// Rows come ordered by unit and then successor code, one row per (unit, successor) with a NULL successor for
// a unit that has none; consecutive rows of one unit are folded into one value.
core::Result<std::vector<AdministrativeUnit>> units_from_rows(const Rows& rows) {
  std::vector<AdministrativeUnit> out;
  std::int64_t last_id = 0;
  for (const Row& row : rows) {
    if (out.empty() || row.int64(0) != last_id) {
      auto unit = unit_from_row(row);
      if (!unit) return std::move(unit).error();
      out.push_back(std::move(*unit));
      last_id = row.int64(0);
    }
    if (!row.is_null(8)) out.back().successor_codes.push_back(row.text(8));
  }
  return out;
}

core::Result<std::vector<AdministrativeUnit>> query_units(Connection& conn, std::string_view sql,
                                                          std::initializer_list<Value> params) {
  auto rows = conn.query(sql, params);
  if (!rows) return std::move(rows).error();
  return units_from_rows(*rows);
}

}  // namespace

core::Status SqlUnitRepository::insert(const AdministrativeUnit& unit) {
  auto rows = conn_.query(
      "INSERT INTO units (code, name, type, level, parent_code, valid_from, valid_to) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id",
      {Value(unit.code), Value(unit.name), Value(unit.type), Value(domain::unit_level_name(unit.level)),
       Value(unit.parent_code), Value(date_or(unit.valid_from, kBeginningOfRecords)),
       Value(date_or(unit.valid_to, kStillInForce))});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) {
    return make_error(core::ErrorCode::kAlreadyExists, "unit.already_exists",
                      "Đơn vị hành chính với mã và ngày hiệu lực này đã tồn tại.",
                      "A unit with this code and start date already exists.");
  }
  const std::int64_t id = (*rows)[0].int64(0);
  for (const std::string& successor : unit.successor_codes) {
    MOTCUA_RETURN_IF_ERROR(conn_.exec(
        "INSERT INTO unit_successors (unit_id, successor_code) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        {Value(id), Value(successor)}));
  }
  return {};
}

core::Result<std::int64_t> SqlUnitRepository::id_valid_on(const std::string& code, core::Date on) {
  const std::string day = core::format_date(on);
  auto rows = conn_.query(
      "SELECT id FROM units WHERE code = $1 AND valid_from <= $2 AND valid_to >= $2 "
      "ORDER BY valid_from DESC LIMIT 1",
      {Value(code), Value(day)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return unit_not_found();
  return (*rows)[0].int64(0);
}

core::Status SqlUnitRepository::add_successor(const std::string& code, core::Date on,
                                              const std::string& successor_code) {
  auto id = id_valid_on(code, on);
  if (!id) return std::move(id).error();
  MOTCUA_RETURN_IF_ERROR(conn_.exec(
      "INSERT INTO unit_successors (unit_id, successor_code) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      {Value(*id), Value(successor_code)}));
  return {};
}

core::Result<AdministrativeUnit> SqlUnitRepository::find(const std::string& code, core::Date on) {
  auto id = id_valid_on(code, on);
  if (!id) return std::move(id).error();
  static const std::string sql = std::string(kColumns) +
                                 "FROM units u LEFT JOIN unit_successors s ON s.unit_id = u.id "
                                 "WHERE u.id = $1 ORDER BY s.successor_code";
  auto units = query_units(conn_, sql, {Value(*id)});
  if (!units) return std::move(units).error();
  if (units->empty()) return unit_not_found();
  return std::move(units->front());
}

core::Result<std::vector<AdministrativeUnit>> SqlUnitRepository::history(const std::string& code) {
  static const std::string sql = std::string(kColumns) +
                                 "FROM units u LEFT JOIN unit_successors s ON s.unit_id = u.id "
                                 "WHERE u.code = $1 ORDER BY u.valid_from, u.id, s.successor_code";
  return query_units(conn_, sql, {Value(code)});
}

core::Result<std::vector<AdministrativeUnit>> SqlUnitRepository::predecessors(const std::string& code) {
  static const std::string sql =
      std::string(kColumns) +
      "FROM units u LEFT JOIN unit_successors s ON s.unit_id = u.id "
      "WHERE u.id IN (SELECT unit_id FROM unit_successors WHERE successor_code = $1) "
      "ORDER BY u.code, u.valid_from, u.id, s.successor_code";
  return query_units(conn_, sql, {Value(code)});
}

core::Result<std::vector<AdministrativeUnit>> SqlUnitRepository::list(const app::UnitFilter& filter) {
  // Without a date every period passes: valid_to >= 0001-01-01 and valid_from <= 9999-12-31 always hold.
  const std::string from = filter.on ? core::format_date(*filter.on) : std::string(kBeginningOfRecords);
  const std::string to = filter.on ? core::format_date(*filter.on) : std::string(kStillInForce);
  const std::string level = filter.level ? domain::unit_level_name(*filter.level) : "";
  static const std::string sql =
      std::string(kColumns) +
      "FROM (SELECT * FROM units WHERE code > $1 AND ($2 = '' OR level = $2) AND ($3 = '' OR parent_code = "
      "$3) "
      "AND valid_to >= $4 AND valid_from <= $5 ORDER BY code, valid_from, id LIMIT $6) u "
      "LEFT JOIN unit_successors s ON s.unit_id = u.id ORDER BY u.code, u.valid_from, u.id, s.successor_code";
  return query_units(conn_, sql,
                     {Value(filter.after_code), Value(level), Value(filter.parent_code), Value(from),
                      Value(to), Value(clamp_limit(filter.limit, 1000))});
}

core::Result<std::int64_t> SqlUnitRepository::count() {
  auto rows = conn_.query("SELECT count(*) FROM units");
  if (!rows) return std::move(rows).error();
  return (*rows)[0].int64(0);
}

}  // namespace motcua::storage
