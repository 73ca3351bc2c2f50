// The append-only audit trail. The schema forbids UPDATE and DELETE on audit_log (triggers on both engines).
#include "storage/common/repositories.hpp"
#include "storage/common/row_helpers.hpp"

namespace motcua::storage {

namespace {

constexpr std::string_view kSelect =
    "SELECT at, actor_user_id, actor, action, target, outcome, detail, remote "
    "FROM audit_log ";

// Every action starting with `prefix` sorts between `prefix` and `prefix` + U+10FFFF (the largest code
// point), so a prefix filter is a range scan on the (action, at) index of both engines.
std::string prefix_upper_bound(const std::string& prefix) {
  return prefix + "\xF4\x8F\xBF\xBF";
}

}  // namespace

core::Status SqlAuditLog::append(const app::AuditEntry& e) {
  MOTCUA_RETURN_IF_ERROR(
      conn_.exec("INSERT INTO audit_log (at, actor_user_id, actor, action, target, outcome, detail, remote) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                 {Value(e.at), Value(e.actor_user_id), Value(e.actor), Value(e.action), Value(e.target),
                  Value(e.outcome), Value(e.detail), Value(e.remote)}));
  return {};
}

core::Result<std::vector<app::AuditEntry>> SqlAuditLog::recent(const std::string& action_prefix, int limit) {
  static const std::string all = std::string(kSelect) + "ORDER BY at DESC, id DESC LIMIT $1";
  static const std::string filtered =
      std::string(kSelect) + "WHERE action >= $1 AND action < $2 ORDER BY at DESC, id DESC LIMIT $3";
  const Value capped(clamp_limit(limit, 1000));
  auto rows =
      action_prefix.empty()
          ? conn_.query(all, {capped})
          : conn_.query(filtered, {Value(action_prefix), Value(prefix_upper_bound(action_prefix)), capped});
  if (!rows) return std::move(rows).error();
  std::vector<app::AuditEntry> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) {
    out.push_back({r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)});
  }
  return out;
}

}  // namespace motcua::storage
