// Accounts and their role assignments. Roles come back ordered by role name, then agency code.
#include "storage/common/repositories.hpp"
#include "storage/common/row_helpers.hpp"

namespace motcua::storage {

namespace {

using app::UserRecord;
using domain::RoleAssignment;
using domain::User;

// Columns 0..7 are the public user, 8..11 the secret and sign-in state.
constexpr std::string_view kSelect =
    "SELECT id, username, full_name, kind, email, phone, personal_id, disabled, "
    "password_hash, failed_attempts, locked_until, created_at FROM users ";

core::Error user_not_found() {
  return core::Error::not_found("user.not_found", "Không tìm thấy tài khoản.", "No such user.");
}

core::Result<User> user_from_row(const Row& row) {
  auto kind = enum_column(domain::parse_user_kind, row.text(3));
  if (!kind) return std::move(kind).error();
  User u;
  u.id = row.int64(0);
  u.username = row.text(1);
  u.full_name = row.text(2);
  u.kind = *kind;
  u.email = row.text(4);
  u.phone = row.text(5);
  u.personal_id = row.text(6);
  u.disabled = row.boolean(7);
  return u;
}

core::Result<RoleAssignment> role_from_row(const Row& row, std::size_t first) {
  auto role = enum_column(domain::parse_role, row.text(first));
  if (!role) return std::move(role).error();
  return RoleAssignment{*role, row.text(first + 1)};
}

core::Result<std::vector<RoleAssignment>> roles_of(Connection& conn, std::int64_t id) {
  auto rows = conn.query(
      "SELECT role, agency_code FROM user_roles WHERE user_id = $1 ORDER BY role, agency_code", {Value(id)});
  if (!rows) return std::move(rows).error();
  std::vector<RoleAssignment> out;
  for (const Row& row : *rows) {
    auto role = role_from_row(row, 0);
    if (!role) return std::move(role).error();
    out.push_back(std::move(*role));
  }
  return out;
}

}  // namespace

core::Result<std::int64_t> SqlUserRepository::insert(const UserRecord& r) {
  auto rows = conn_.query(
      "INSERT INTO users (username, full_name, kind, email, phone, personal_id, disabled, password_hash, "
      "failed_attempts, locked_until, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
      "ON CONFLICT DO NOTHING RETURNING id",
      {Value(r.user.username), Value(r.user.full_name), Value(domain::user_kind_name(r.user.kind)),
       Value(r.user.email), Value(r.user.phone), Value(r.user.personal_id), Value(r.user.disabled ? 1 : 0),
       Value(r.password_hash), Value(r.failed_attempts), Value(r.locked_until), Value(r.created_at)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) {
    return make_error(core::ErrorCode::kAlreadyExists, "user.username_taken",
                      "Tên đăng nhập đã được sử dụng.", "This username is taken.");
  }
  const std::int64_t id = (*rows)[0].int64(0);
  MOTCUA_RETURN_IF_ERROR(insert_roles(id, r.user.roles));
  return id;
}

core::Status SqlUserRepository::insert_roles(std::int64_t id, const std::vector<RoleAssignment>& roles) {
  for (const RoleAssignment& role : roles) {
    MOTCUA_RETURN_IF_ERROR(conn_.exec(
        "INSERT INTO user_roles (user_id, role, agency_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        {Value(id), Value(domain::role_name(role.role)), Value(role.agency_code)}));
  }
  return {};
}

core::Result<UserRecord> SqlUserRepository::find_one(std::string_view sql, const Value& key) {
  auto rows = conn_.query(sql, {key});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return user_not_found();
  const Row& row = rows->front();
  auto user = user_from_row(row);
  if (!user) return std::move(user).error();
  auto roles = roles_of(conn_, user->id);
  if (!roles) return std::move(roles).error();
  user->roles = std::move(*roles);
  return UserRecord{std::move(*user), row.text(8), row.int32(9), row.int64(10), row.int64(11)};
}

core::Result<UserRecord> SqlUserRepository::find_by_username(const std::string& username) {
  static const std::string sql = std::string(kSelect) + "WHERE username = $1";
  return find_one(sql, Value(username));
}

core::Result<UserRecord> SqlUserRepository::find_by_id(std::int64_t id) {
  static const std::string sql = std::string(kSelect) + "WHERE id = $1";
  return find_one(sql, Value(id));
}

core::Status SqlUserRepository::set_password_hash(std::int64_t id, const std::string& hash) {
  return expect_changed(
      conn_.exec("UPDATE users SET password_hash = $2 WHERE id = $1", {Value(id), Value(hash)}),
      user_not_found());
}

core::Status SqlUserRepository::set_login_state(std::int64_t id, int failed_attempts,
                                                core::UnixSeconds locked_until) {
  return expect_changed(conn_.exec("UPDATE users SET failed_attempts = $2, locked_until = $3 WHERE id = $1",
                                   {Value(id), Value(failed_attempts), Value(locked_until)}),
                        user_not_found());
}

core::Status SqlUserRepository::set_roles(std::int64_t id, const std::vector<RoleAssignment>& roles) {
  auto exists = conn_.query("SELECT 1 FROM users WHERE id = $1", {Value(id)});
  if (!exists) return std::move(exists).error();
  if (exists->empty()) return user_not_found();
  MOTCUA_RETURN_IF_ERROR(conn_.exec("DELETE FROM user_roles WHERE user_id = $1", {Value(id)}));
  return insert_roles(id, roles);
}

core::Result<std::vector<User>> SqlUserRepository::list(domain::UserKind kind, std::int64_t after_id,
                                                        int limit) {
  // One row per (user, role), a NULL role for a user without any; folded per user below.
  auto rows = conn_.query(
      "SELECT u.id, u.username, u.full_name, u.kind, u.email, u.phone, u.personal_id, u.disabled, r.role, "
      "r.agency_code FROM (SELECT * FROM users WHERE kind = $1 AND id > $2 ORDER BY id LIMIT $3) u "
      "LEFT JOIN user_roles r ON r.user_id = u.id ORDER BY u.id, r.role, r.agency_code",
      {Value(domain::user_kind_name(kind)), Value(after_id), Value(clamp_limit(limit, 1000))});
  if (!rows) return std::move(rows).error();
  std::vector<User> out;
  for (const Row& row : *rows) {
    if (out.empty() || out.back().id != row.int64(0)) {
      auto user = user_from_row(row);
      if (!user) return std::move(user).error();
      out.push_back(std::move(*user));
    }
    if (row.is_null(8)) continue;
    auto role = role_from_row(row, 8);
    if (!role) return std::move(role).error();
    out.back().roles.push_back(std::move(*role));
  }
  return out;
}

}  // namespace motcua::storage
