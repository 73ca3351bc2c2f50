// Catalogue listing and Vietnamese full-text search.
//
// Ranked search: the query text is split into terms (search_terms.hpp); every term must match (AND), the last
// one as a prefix, in the code, name or field. SQLite ranks with bm25 over the FTS5 table (name weighted
// highest), PostgreSQL with ts_rank over the `vn` tsvector, normalised by document length, so that of two
// names with the same words the shorter ranks first on both. A procedure whose code equals the whole query
// comes before everything else. Ties go to the smaller code. Unranked listing (empty text) is a keyset scan
// by code.
#include "core/text.hpp"
#include "storage/common/procedure_codec.hpp"
#include "storage/common/procedure_rows.hpp"
#include "storage/common/repositories.hpp"
#include "storage/common/row_helpers.hpp"
#include "storage/common/search_terms.hpp"
#include "storage/common/sql_template.hpp"

namespace motcua::storage {

namespace {

constexpr int kMaxPage = 100;

const SqlTemplate& ranked_sql() {
  // SQLite: $1 FTS5 expression, $2 code, $3 field, $4 level, $5 limit.
  // PostgreSQL: $1 leading terms, $2 last term as a prefix tsquery, $3 code, $4 field, $5 level, $6 limit.
  // A procedure whose code is the whole query always matches the full-text query too (its code's words are
  // indexed), so "exact" only has to lift it to the top.
  // SQLite: bm25 is computed once per match (m). Without a field or level filter, only the matches that can
  // be on the page are joined with procedures and sorted: those scoring at most the limit-th best score (ties
  // at the cut included, so their order by code is unchanged) and the exact code. Joining and sorting every
  // match made a common word slow ("đăng ký", half of 2,000 procedures: 1.87 ms, now 0.91 ms in
  // search_bench). With a filter, the limit-th score is not known before filtering, so every match is joined.
  // PostgreSQL: "OFFSET 0" keeps the planner from folding the subquery into the outer query, where a prepared
  // statement's generic plan parsed the tsquery again (plainto_tsquery, unaccent) for every matching row, in
  // the recheck and in ts_rank: 1.97 ms for "đất đai" (417 rows) against 1.19 ms with the query built once.
  static const SqlTemplate sql(
      "WITH m AS MATERIALIZED (SELECT rowid AS id, bm25(procedures_fts, 2.0, 10.0, 1.0) AS score "
      "FROM procedures_fts WHERE procedures_fts MATCH $1) "
      "SELECT " +
          std::string(kSummaryColumns) +
          ", p.code = $2 AS exact, m.score AS score "
          "FROM m JOIN procedures p ON p.id = m.id "
          "WHERE ($3 <> '' OR $4 <> '' OR m.id = (SELECT id FROM procedures WHERE code = $2) "
          "OR m.score <= coalesce((SELECT score FROM m ORDER BY score LIMIT 1 OFFSET $5 - 1), 1e308)) "
          "AND ($3 = '' OR p.field = $3) "
          "AND ($4 = '' OR EXISTS (SELECT 1 FROM json_each(p.levels) WHERE json_each.value = $4)) "
          "ORDER BY exact DESC, score, p.code LIMIT $5",
      "SELECT " + std::string(kSummaryColumns) +
          ", p.code = $3 AS exact, ts_rank(p.search, q.query, 1) AS score "
          "FROM procedures p, (SELECT plainto_tsquery('vn', $1) && to_tsquery('vn', $2) AS query OFFSET 0) q "
          "WHERE p.search @@ q.query AND ($4 = '' OR p.field = $4) AND ($5 = '' OR p.levels ? $5) "
          "ORDER BY exact DESC, score DESC, p.code LIMIT $6");
  return sql;
}

const SqlTemplate& listing_sql() {
  // $1 after_code, $2 field, $3 level, $4 limit.
  static const SqlTemplate sql(
      "SELECT " + std::string(kSummaryColumns) +
          " FROM procedures p WHERE p.code > $1 AND ($2 = '' OR p.field = $2) "
          "AND ($3 = '' OR EXISTS (SELECT 1 FROM json_each(p.levels) WHERE json_each.value = $3)) "
          "ORDER BY p.code LIMIT $4",
      "SELECT " + std::string(kSummaryColumns) +
          " FROM procedures p WHERE p.code > $1 AND ($2 = '' OR p.field = $2) AND ($3 = '' OR p.levels ? $3) "
          "ORDER BY p.code LIMIT $4");
  return sql;
}

core::Result<std::vector<app::ProcedureSummary>> summaries_from_rows(const Rows& rows) {
  std::vector<app::ProcedureSummary> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    auto summary = summary_from_row(row);
    if (!summary) return std::move(summary).error();
    out.push_back(std::move(*summary));
  }
  return out;
}

std::string joined(const std::vector<std::string>& terms, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += (i ? " " : "") + terms[i];
  return out;
}

// The parameters of ranked_sql() for the connection's engine.
std::vector<Value> ranked_params(Dialect dialect, const std::vector<std::string>& terms,
                                 const std::string& code, const app::ProcedureQuery& query, int limit) {
  const std::string level = query.level ? domain::procedure_level_name(*query.level) : "";
  if (dialect == Dialect::kSqlite) {
    return {Value(fts5_match_expression(terms)), Value(code), Value(query.field), Value(level), Value(limit)};
  }
  return {Value(joined(terms, terms.size() - 1)),
          Value(tsquery_prefix_term(terms.back())),
          Value(code),
          Value(query.field),
          Value(level),
          Value(limit)};
}

}  // namespace

core::Result<app::ProcedureSummary> summary_from_row(const Row& row) {
  auto levels = levels_from_json(row.text(3));
  if (!levels) return std::move(levels).error();
  auto online = enum_column(domain::parse_online_level, row.text(4));
  if (!online) return std::move(online).error();
  auto unit = enum_column(domain::parse_time_limit_unit, row.text(6));
  if (!unit) return std::move(unit).error();
  domain::TimeLimit limit{static_cast<std::int32_t>(row.int64(5)), *unit, row.text(7), std::nullopt};
  if (!row.is_null(8)) limit.cutoff_minutes = static_cast<std::int32_t>(row.int64(8));
  return app::ProcedureSummary{row.text(0),        row.text(1), row.text(2),
                               std::move(*levels), *online,     std::move(limit)};
}

core::Result<std::vector<app::ProcedureSummary>> SqlProcedureRepository::search(
    const app::ProcedureQuery& query) {
  const int limit = clamp_limit(query.limit, kMaxPage);
  if (core::trim(query.text).empty()) return listing(query, limit);
  return ranked_search(query, limit);
}

core::Result<std::vector<app::ProcedureSummary>> SqlProcedureRepository::ranked_search(
    const app::ProcedureQuery& query, int limit) {
  const std::vector<std::string> terms = split_search_terms(query.text);
  // A procedure code contains digits, so text without any word character can match neither a code nor a term.
  if (terms.empty()) return std::vector<app::ProcedureSummary>{};
  const Dialect dialect = conn_.dialect();
  const std::vector<Value> params = ranked_params(dialect, terms, core::trim(query.text), query, limit);
  auto rows = conn_.query(ranked_sql().sql(dialect), params);
  if (!rows) return std::move(rows).error();
  return summaries_from_rows(*rows);
}

core::Result<std::vector<app::ProcedureSummary>> SqlProcedureRepository::listing(
    const app::ProcedureQuery& query, int limit) {
  const std::string level = query.level ? domain::procedure_level_name(*query.level) : "";
  auto rows = conn_.query(listing_sql().sql(conn_.dialect()),
                          {Value(query.after_code), Value(query.field), Value(level), Value(limit)});
  if (!rows) return std::move(rows).error();
  return summaries_from_rows(*rows);
}

}  // namespace motcua::storage
