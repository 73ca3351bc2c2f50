// Dossier search (see dossier_repository.hpp for the matching rules).
//
// Statements are assembled from fixed fragments, one per filter that is set, so that each combination is a
// constant statement the engines prepare once and plan with the index that fits (the primary key for code
// prefixes, dossiers_personal_id, dossiers_procedure_state, the full-text index of applicant names: FTS5
// dossiers_fts on SQLite, the GIN-indexed applicant_search tsvector on PostgreSQL). User input only ever goes
// into parameters, and the number of distinct statements is bounded.
//
// A search restricted to agencies (an official's units) finds the dossiers each agency received, holds an
// open task of, or was handed at an earlier step (a hand-over event to it): the dossiers DossierService lets
// its officials read. With nothing selective it runs, per agency, one query for the dossiers it received
// (the range of the primary key that starts with the agency's identifier, read backwards: a code begins with
// the identifier of the agency that received the dossier and a hyphen), one for those it holds an open task
// of (dossier_tasks_agency (agency_code, code)) and one for those handed to it (dossier_events_to_agency
// (to_agency, code, seq)), each stopping after `limit` rows, all in one statement (UNION ALL), and merges
// them here: O(agencies x limit). One query testing
// "received by or tasked to" row by row would walk the primary key from the newest code of any agency down to
// these agencies' codes, which are contiguous because a code begins with its agency, and one with "code IN
// (received UNION tasked)" would collect every dossier the agencies ever had: both grow with the database.
// When a selective filter is set (code prefix, personal ID, owner, applicant name), its index finds few
// candidates and the agencies are checked row by row in one query; so too past kMaxAgencyQueries agencies (a
// supervisor of a whole province), whose dossiers are a large share of all.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "storage/common/dossier_repository.hpp"
#include "storage/common/row_helpers.hpp"
#include "storage/common/search_terms.hpp"

namespace motcua::storage {

namespace {

using app::DossierSummary;

constexpr int kMaxPage = 200;
constexpr std::size_t kMaxAgencyQueries = 8;

constexpr std::string_view kColumns =
    "d.code, d.procedure_code, d.applicant_name, d.state, d.receiving_agency, d.submitted_at, d.due_at";

core::Result<DossierSummary> summary_from_row(const Row& row) {
  auto state = enum_column(domain::parse_dossier_state, row.text(3));
  if (!state) return std::move(state).error();
  return DossierSummary{row.text(0), row.text(1),  row.text(2), *state,
                        row.text(4), row.int64(5), row.int64(6)};
}

// Collects the parameters of a statement being assembled and names them $1, $2...
class SqlBuilder {
 public:
  std::string param(Value v) {
    params_.push_back(std::move(v));
    return "$" + std::to_string(params_.size());
  }
  const std::vector<Value>& params() const { return params_; }

 private:
  std::vector<Value> params_;
};

// " WHERE a AND b" (`keyword` " WHERE " or " AND "), or "" for no conditions.
std::string where(const std::vector<std::string>& conditions, std::string_view keyword = " WHERE ") {
  std::string out;
  for (std::size_t i = 0; i < conditions.size(); ++i)
    out += (i == 0 ? std::string(keyword) : " AND ") + conditions[i];
  return out;
}

// The smallest string greater than every string that starts with `prefix`, when the prefix is printable
// ASCII (dossier codes are); nullopt when nothing can match.
std::optional<std::string> prefix_end(const std::string& prefix) {
  for (char c : prefix) {
    if (c < 0x20 || c >= 0x7E) return std::nullopt;
  }
  std::string end = prefix;
  end.back() = static_cast<char>(end.back() + 1);
  return end;
}

// The name condition for the folded words `terms`: every word is a word of the folded name, the last one
// possibly the beginning of one (as in catalogue search). Both engines index applicant_folded.
std::string name_condition(Dialect dialect, const std::vector<std::string>& terms, SqlBuilder& b) {
  if (dialect == Dialect::kSqlite) {
    return "d.id IN (SELECT rowid FROM dossiers_fts WHERE dossiers_fts MATCH " +
           b.param(fts5_match_expression(terms)) + ")";
  }
  std::string leading;
  for (std::size_t i = 0; i + 1 < terms.size(); ++i) leading += (i ? " " : "") + terms[i];
  const std::string p1 = b.param(leading);
  const std::string p2 = b.param(tsquery_prefix_term(terms.back()));
  return "d.applicant_search @@ (plainto_tsquery('simple', " + p1 + ") && to_tsquery('simple', " + p2 + "))";
}

// The conditions on the dossier row of every filter of `q` except the cursor and the agencies; nullopt when
// the query cannot match anything.
std::optional<std::vector<std::string>> filters(const app::DossierQuery& q, Dialect dialect, SqlBuilder& b) {
  std::vector<std::string> out;
  if (!q.code_prefix.empty()) {
    const std::optional<std::string> end = prefix_end(q.code_prefix);
    if (!end) return std::nullopt;
    out.push_back("d.code >= " + b.param(q.code_prefix) + " AND d.code < " + b.param(*end));
  }
  if (!q.personal_id.empty()) out.push_back("d.personal_id = " + b.param(q.personal_id));
  if (!q.procedure_code.empty()) out.push_back("d.procedure_code = " + b.param(q.procedure_code));
  if (q.state) out.push_back("d.state = " + b.param(domain::dossier_state_name(*q.state)));
  if (q.owner_user_id != 0) out.push_back("d.owner_user_id = " + b.param(q.owner_user_id));
  if (q.submitted_from != 0) out.push_back("d.submitted_at >= " + b.param(q.submitted_from));
  if (q.submitted_to != 0) out.push_back("d.submitted_at < " + b.param(q.submitted_to));
  if (!core::trim(q.applicant_folded).empty()) {
    const std::vector<std::string> terms = split_search_terms(core::fold_for_search(q.applicant_folded));
    if (terms.empty()) return std::nullopt;  // only punctuation: no name has such a word
    out.push_back(name_condition(dialect, terms, b));
  }
  return out;
}

// A PostgreSQL array literal {"a","b"} of `items`, for a $n::text[] parameter.
std::string pg_text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i ? ",\"" : "\"";
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out += '"';
  }
  return out + "}";
}

// Dossiers received by one of `agencies`, with an open task at one of them or handed to one of them at an
// earlier step, checked row by row: for queries where another index (name, personal ID, code prefix, owner)
// finds the candidates. On PostgreSQL `OFFSET 0` keeps each EXISTS a per-row probe of its index: without it
// the planner may turn an EXISTS into a "hashed SubPlan" that first reads every task of the agencies (20,000
// rows for one agency of a 100k-dossier database: 14 ms for a code-prefix search that then checked 246 rows,
// 1.2 ms with the probes), because it cannot see that the LIMIT stops the outer scan early.
std::string agency_membership(Dialect dialect, const std::vector<std::string>& agencies, SqlBuilder& b) {
  if (dialect == Dialect::kSqlite) {
    const std::string list =
        "(SELECT value FROM json_each(" + b.param(nlohmann::json(agencies).dump()) + "))";
    return "(d.receiving_agency IN " + list +
           " OR EXISTS (SELECT 1 FROM dossier_tasks t WHERE t.code = d.code AND t.agency_code IN " + list +
           ") OR EXISTS (SELECT 1 FROM dossier_events e WHERE e.code = d.code AND e.to_agency IN " + list +
           "))";
  }
  const std::string p = b.param(pg_text_array(agencies));
  return "(d.receiving_agency = ANY(" + p +
         "::text[]) OR EXISTS (SELECT 1 FROM dossier_tasks t WHERE "
         "t.code = d.code AND t.agency_code = ANY(" +
         p +
         "::text[]) OFFSET 0) OR EXISTS (SELECT 1 FROM dossier_events e WHERE e.code = d.code AND "
         "e.to_agency = ANY(" +
         p + "::text[]) OFFSET 0))";
}

// True when a filter with an index of its own narrows the query to few dossiers.
bool has_selective_filter(const app::DossierQuery& q) {
  return !q.code_prefix.empty() || !q.personal_id.empty() || q.owner_user_id != 0 ||
         !core::trim(q.applicant_folded).empty();
}

// A statement and its parameters.
struct Statement {
  std::string sql;
  std::vector<Value> params;
};

// Every matching dossier (of `agencies`, when there are any), newest code first.
std::optional<Statement> listing(const app::DossierQuery& q, Dialect dialect,
                                 const std::vector<std::string>& agencies, int limit) {
  SqlBuilder b;
  auto conditions = filters(q, dialect, b);
  if (!conditions) return std::nullopt;
  if (!q.after_code.empty()) conditions->push_back("d.code < " + b.param(q.after_code));
  if (!agencies.empty()) conditions->push_back(agency_membership(dialect, agencies, b));
  std::string sql = "SELECT " + std::string(kColumns) + " FROM dossiers d" + where(*conditions) +
                    " ORDER BY d.code DESC LIMIT " + b.param(limit);
  return Statement{std::move(sql), b.params()};
}

// The shared pieces of the per-agency subqueries: the filters' conditions, the cursor and the page size,
// whose parameters every subquery names.
struct PartPieces {
  std::vector<std::string> filters;
  std::string after;  // the cursor's parameter, or "" without a cursor
  std::string limit;
};

// The matching dossiers that the agency received, newest code first: the codes from `first_code_param`
// (its identifier and "-") up to `after_codes_param` (prefix_end of that), which are exactly the codes that
// begin with its identifier and a hyphen.
std::string received_by(const PartPieces& p, const std::string& agency_param,
                        const std::string& first_code_param, const std::string& after_codes_param) {
  std::vector<std::string> conditions = p.filters;
  conditions.push_back("d.code >= " + first_code_param + " AND d.code < " + after_codes_param +
                       " AND d.receiving_agency = " + agency_param);
  if (!p.after.empty()) conditions.push_back("d.code < " + p.after);
  return "SELECT " + std::string(kColumns) + " FROM dossiers d" + where(conditions) +
         " ORDER BY d.code DESC LIMIT " + p.limit;
}

// The matching dossiers with an open task at `agency_param`, newest code first, each once (by its first task
// there). Driven by dossier_tasks_agency in code order: on PostgreSQL the dossier is joined LATERAL so that
// the planner cannot walk the dossiers' primary key instead (see the top of this file).
std::string tasked_at(const PartPieces& p, Dialect dialect, const std::string& agency_param) {
  std::vector<std::string> task_conditions = {
      "t.agency_code = " + agency_param,
      "NOT EXISTS (SELECT 1 FROM dossier_tasks x WHERE x.code = t.code AND x.agency_code = t.agency_code "
      "AND x.position < t.position)"};
  if (!p.after.empty()) task_conditions.push_back("t.code < " + p.after);
  const std::string order = " ORDER BY t.code DESC LIMIT " + p.limit;
  if (dialect == Dialect::kSqlite) {
    return "SELECT " + std::string(kColumns) + " FROM dossier_tasks t JOIN dossiers d ON d.code = t.code" +
           where(task_conditions) + where(p.filters, " AND ") + order;
  }
  return "SELECT " + std::string(kColumns) + " FROM dossier_tasks t CROSS JOIN LATERAL (SELECT " +
         std::string(kColumns) + " FROM dossiers d WHERE d.code = t.code" + where(p.filters, " AND ") +
         " OFFSET 0) d" + where(task_conditions) + order;
}

// The matching dossiers handed to `agency_param` at some step, newest code first, each once (by its first
// hand-over there), driven by dossier_events_to_agency like tasked_at() by dossier_tasks_agency.
std::string handed_to(const PartPieces& p, Dialect dialect, const std::string& agency_param) {
  std::vector<std::string> event_conditions = {
      "e.to_agency = " + agency_param,
      "NOT EXISTS (SELECT 1 FROM dossier_events x WHERE x.code = e.code AND x.to_agency = e.to_agency "
      "AND x.seq < e.seq)"};
  if (!p.after.empty()) event_conditions.push_back("e.code < " + p.after);
  const std::string order = " ORDER BY e.code DESC LIMIT " + p.limit;
  if (dialect == Dialect::kSqlite) {
    return "SELECT " + std::string(kColumns) + " FROM dossier_events e JOIN dossiers d ON d.code = e.code" +
           where(event_conditions) + where(p.filters, " AND ") + order;
  }
  return "SELECT " + std::string(kColumns) + " FROM dossier_events e CROSS JOIN LATERAL (SELECT " +
         std::string(kColumns) + " FROM dossiers d WHERE d.code = e.code" + where(p.filters, " AND ") +
         " OFFSET 0) d" + where(event_conditions) + order;
}

// One statement returning, for each agency, the first `limit` matching dossiers it received, the first
// `limit` it holds a task of and the first `limit` handed to it: up to 3 x limit x agencies rows, in no
// particular order, to merge.
std::optional<Statement> per_agency(const app::DossierQuery& q, Dialect dialect,
                                    const std::vector<std::string>& agencies, int limit) {
  SqlBuilder b;
  auto conditions = filters(q, dialect, b);
  if (!conditions) return std::nullopt;
  PartPieces pieces{std::move(*conditions), q.after_code.empty() ? "" : b.param(q.after_code),
                    b.param(limit)};
  std::string sql;
  for (std::size_t i = 0; i < agencies.size(); ++i) {
    const std::string agency = b.param(agencies[i]);
    const std::string codes_prefix = agencies[i] + "-";
    const std::string first_code = b.param(codes_prefix);
    // No end: no code can begin with it (prefix_end), and the empty range [prefix, prefix) says so.
    const std::string after_codes = b.param(prefix_end(codes_prefix).value_or(codes_prefix));
    const std::string n = std::to_string(i);
    sql += (i ? " UNION ALL " : "") + std::string("SELECT * FROM (") +
           received_by(pieces, agency, first_code, after_codes) + ") r" + n + " UNION ALL SELECT * FROM (" +
           tasked_at(pieces, dialect, agency) + ") t" + n + " UNION ALL SELECT * FROM (" +
           handed_to(pieces, dialect, agency) + ") e" + n;
  }
  return Statement{std::move(sql), b.params()};
}

// The first `limit` distinct dossiers, newest code first, of rows that hold the first `limit` distinct
// dossiers of each part (a dossier can come from several parts: received by one agency, tasked at another).
std::vector<DossierSummary> merge_parts(std::vector<DossierSummary> rows, std::size_t limit) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.code > b.code; });
  rows.erase(
      std::unique(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.code == b.code; }),
      rows.end());
  if (rows.size() > limit) rows.resize(limit);
  return rows;
}

std::vector<std::string> distinct(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}

}  // namespace

core::Result<std::vector<DossierSummary>> SqlDossierRepository::run_search(const std::string& sql,
                                                                           const std::vector<Value>& params) {
  auto rows = conn_.query(sql, params);
  if (!rows) return std::move(rows).error();
  std::vector<DossierSummary> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    auto s = summary_from_row(row);
    if (!s) return std::move(s).error();
    out.push_back(std::move(*s));
  }
  return out;
}

core::Result<std::vector<DossierSummary>> SqlDossierRepository::search(const app::DossierQuery& q) {
  const int limit = clamp_limit(q.limit, kMaxPage);
  const Dialect dialect = conn_.dialect();
  const std::vector<std::string> agencies = distinct(q.agency_codes);
  if (agencies.empty() || agencies.size() > kMaxAgencyQueries || has_selective_filter(q)) {
    const std::optional<Statement> st = listing(q, dialect, agencies, limit);
    if (!st) return std::vector<DossierSummary>{};
    return run_search(st->sql, st->params);
  }
  const std::optional<Statement> st = per_agency(q, dialect, agencies, limit);
  if (!st) return std::vector<DossierSummary>{};
  auto rows = run_search(st->sql, st->params);
  if (!rows) return rows;
  return merge_parts(std::move(*rows), static_cast<std::size_t>(limit));
}

}  // namespace motcua::storage
