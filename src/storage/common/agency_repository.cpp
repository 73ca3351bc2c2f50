#include "storage/common/repositories.hpp"
#include "storage/common/row_helpers.hpp"

namespace motcua::storage {

namespace {

using domain::Agency;

constexpr std::string_view kSelect = "SELECT code, name, kind, unit_code, parent_code FROM agencies ";

core::Error agency_not_found() {
  return core::Error::not_found("agency.not_found", "Không tìm thấy cơ quan.", "No such agency.");
}

core::Result<Agency> agency_from_row(const Row& row) {
  auto kind = enum_column(domain::parse_agency_kind, row.text(2));
  if (!kind) return std::move(kind).error();
  return Agency{row.text(0), row.text(1), *kind, row.text(3), row.text(4)};
}

}  // namespace

core::Status SqlAgencyRepository::insert(const Agency& agency) {
  auto changed = conn_.exec(
      "INSERT INTO agencies (code, name, kind, unit_code, parent_code) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT DO NOTHING",
      {Value(agency.code), Value(agency.name), Value(domain::agency_kind_name(agency.kind)),
       Value(agency.unit_code), Value(agency.parent_code)});
  return expect_changed(changed,
                        make_error(core::ErrorCode::kAlreadyExists, "agency.already_exists",
                                   "Mã định danh cơ quan đã tồn tại.", "An agency with this code exists."));
}

core::Status SqlAgencyRepository::update(const Agency& agency) {
  auto changed =
      conn_.exec("UPDATE agencies SET name = $2, kind = $3, unit_code = $4, parent_code = $5 WHERE code = $1",
                 {Value(agency.code), Value(agency.name), Value(domain::agency_kind_name(agency.kind)),
                  Value(agency.unit_code), Value(agency.parent_code)});
  return expect_changed(changed, agency_not_found());
}

core::Result<Agency> SqlAgencyRepository::find(const std::string& code) {
  static const std::string sql = std::string(kSelect) + "WHERE code = $1";
  auto rows = conn_.query(sql, {Value(code)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return agency_not_found();
  return agency_from_row(rows->front());
}

core::Result<std::vector<Agency>> SqlAgencyRepository::list() {
  static const std::string sql = std::string(kSelect) + "ORDER BY code";
  auto rows = conn_.query(sql);
  if (!rows) return std::move(rows).error();
  std::vector<Agency> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    auto agency = agency_from_row(row);
    if (!agency) return std::move(agency).error();
    out.push_back(std::move(*agency));
  }
  return out;
}

}  // namespace motcua::storage
