// Inboxes (see dossier_repository.hpp): for every (agency, role) the official holds, the first `limit` tasks
// (and, for a desk officer, the first `limit` dossiers of the desk's own queue, dossiers_desk_queue)
// after the cursor, each a range scan of the index dossier_tasks_inbox (agency_code, role, due_at, code) that
// stops after `limit` rows; the pages of up to kPairsPerStatement pairs come back from one statement (a UNION
// ALL of the per-pair queries, one round trip) and are merged here in (due_at, code) order. The cost is
// O(roles x limit), whatever the number of open dossiers; a page is exact because every pair's page holds
// the first `limit` rows of its stream.
#include <algorithm>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "storage/common/dossier_repository.hpp"
#include "storage/common/row_helpers.hpp"

namespace motcua::storage {

namespace {

constexpr int kMaxPage = 200;

constexpr std::size_t kPairsPerStatement = 8;

// The statement for `pairs` (agency, role) pairs: $1, $2 the cursor (due_at, code), $3 the page size, then
// each pair's agency and role ($4, $5 for the first).
std::string inbox_sql(std::size_t pairs) {
  std::string sql;
  for (std::size_t i = 0; i < pairs; ++i) {
    if (i > 0) sql += " UNION ALL ";
    sql +=
        "SELECT * FROM (SELECT t.code, d.procedure_code, d.applicant_name, d.state, t.step_id, t.branch, "
        "t.agency_code, t.role, t.due_at AS task_due_at, d.due_at AS dossier_due_at "
        "FROM dossier_tasks t JOIN dossiers d ON d.code = t.code WHERE t.agency_code = $" +
        std::to_string(4 + 2 * i) + " AND t.role = $" + std::to_string(5 + 2 * i) +
        " AND (t.due_at, t.code) > ($1, $2) ORDER BY t.due_at, t.code LIMIT $3) p" + std::to_string(i);
  }
  return sql;
}

const std::string& inbox_statement(std::size_t pairs) {
  static const std::vector<std::string> statements = [] {
    std::vector<std::string> all;
    for (std::size_t n = 1; n <= kPairsPerStatement; ++n) all.push_back(inbox_sql(n));
    return all;
  }();
  return statements.at(pairs - 1);
}

core::Result<app::InboxItem> inbox_item_from_row(const Row& row) {
  auto state = enum_column(domain::parse_dossier_state, row.text(3));
  auto role = enum_column(domain::parse_role, row.text(7));
  if (!state || !role) return db_internal("malformed dossier inbox row");
  return app::InboxItem{row.text(0),  row.text(1), row.text(2), *state,       row.text(4),
                        row.int32(5), row.text(6), *role,       row.int64(8), row.int64(9)};
}

core::Result<std::vector<app::InboxItem>> inbox_items_from_rows(const std::vector<Row>& rows) {
  std::vector<app::InboxItem> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    auto item = inbox_item_from_row(row);
    if (!item) return std::move(item).error();
    out.push_back(std::move(*item));
  }
  return out;
}

bool inbox_before(const app::InboxItem& a, const app::InboxItem& b) {
  return std::tie(a.task_due_at, a.code, a.branch) < std::tie(b.task_due_at, b.code, b.branch);
}

// The distinct (agency, role) pairs of the query, restricted to q.agency_code when it is set.
std::set<std::pair<std::string, domain::Role>> inbox_pairs(const app::InboxQuery& q) {
  std::set<std::pair<std::string, domain::Role>> pairs;
  for (const domain::RoleAssignment& r : q.roles) {
    if (q.agency_code.empty() || r.agency_code == q.agency_code) pairs.emplace(r.agency_code, r.role);
  }
  return pairs;
}

}  // namespace

core::Result<std::vector<app::InboxItem>> SqlDossierRepository::inbox_of(
    const std::vector<std::pair<std::string, domain::Role>>& pairs, const app::InboxQuery& q, int limit) {
  std::vector<Value> params = {Value(q.after_due_at), Value(q.after_code), Value(limit)};
  for (const auto& [agency, role] : pairs) {
    params.emplace_back(agency);
    params.emplace_back(domain::role_name(role));
  }
  auto rows = conn_.query(inbox_statement(pairs.size()), params);
  if (!rows) return std::move(rows).error();
  return inbox_items_from_rows(*rows);
}

// The desk's queue of `agency`: dossiers it received (or must receive) whose next action is the desk's,
// as inbox items of the desk officer role, by (desk_due_at, code) after the cursor; a range scan of the
// partial index dossiers_desk_queue.
core::Result<std::vector<app::InboxItem>> SqlDossierRepository::desk_queue(const std::string& agency,
                                                                           const app::InboxQuery& q,
                                                                           int limit) {
  auto rows = conn_.query(
      "SELECT code, procedure_code, applicant_name, state, '', -1, receiving_agency, 'desk_officer', "
      "desk_due_at, due_at FROM dossiers WHERE receiving_agency = $1 AND desk_due_at > 0 AND "
      "(desk_due_at, code) > ($2, $3) ORDER BY desk_due_at, code LIMIT $4",
      {Value(agency), Value(q.after_due_at), Value(q.after_code), Value(limit)});
  if (!rows) return std::move(rows).error();
  return inbox_items_from_rows(*rows);
}

core::Result<std::vector<app::InboxItem>> SqlDossierRepository::inbox(const app::InboxQuery& q) {
  const int limit = clamp_limit(q.limit, kMaxPage);
  const auto all = inbox_pairs(q);
  const std::vector<std::pair<std::string, domain::Role>> pairs(all.begin(), all.end());
  std::vector<app::InboxItem> merged;
  for (std::size_t first = 0; first < pairs.size(); first += kPairsPerStatement) {
    const std::size_t last = std::min(pairs.size(), first + kPairsPerStatement);
    auto items = inbox_of({pairs.begin() + static_cast<std::ptrdiff_t>(first),
                           pairs.begin() + static_cast<std::ptrdiff_t>(last)},
                          q, limit);
    if (!items) return items;
    merged.insert(merged.end(), std::make_move_iterator(items->begin()),
                  std::make_move_iterator(items->end()));
  }
  for (const auto& [agency, role] : pairs) {
    if (role != domain::Role::kDeskOfficer) continue;
    auto items = desk_queue(agency, q, limit);
    if (!items) return items;
    merged.insert(merged.end(), std::make_move_iterator(items->begin()),
                  std::make_move_iterator(items->end()));
  }
  std::sort(merged.begin(), merged.end(), inbox_before);
  if (merged.size() > static_cast<std::size_t>(limit)) merged.resize(static_cast<std::size_t>(limit));
  return merged;
}

}  // namespace motcua::storage
