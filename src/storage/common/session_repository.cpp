// Sign-in sessions and API tokens: rows keyed by the hash of a secret the client holds.
#include "storage/common/repositories.hpp"
#include "storage/common/row_helpers.hpp"

namespace motcua::storage {

namespace {

core::Error session_not_found() {
  return core::Error::not_found("session.not_found", "Phiên đăng nhập không tồn tại.", "No such session.");
}

core::Error token_not_found() {
  return core::Error::not_found("api_token.not_found", "Không tìm thấy mã truy cập.", "No such API token.");
}

}  // namespace

core::Status SqlSessionRepository::insert(const app::SessionRecord& s) {
  auto changed = conn_.exec(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, "
      "$4, $5) "
      "ON CONFLICT DO NOTHING",
      {Value(s.token_hash), Value(s.user_id), Value(s.csrf_token), Value(s.created_at), Value(s.expires_at)});
  return expect_changed(changed, make_error(core::ErrorCode::kAlreadyExists, "session.already_exists",
                                            "Phiên đăng nhập đã tồn tại.", "This session already exists."));
}

core::Result<app::SessionRecord> SqlSessionRepository::find(const std::string& token_hash) {
  auto rows = conn_.query(
      "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = $1",
      {Value(token_hash)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return session_not_found();
  const Row& r = rows->front();
  return app::SessionRecord{r.text(0), r.int64(1), r.text(2), r.int64(3), r.int64(4)};
}

core::Status SqlSessionRepository::remove(const std::string& token_hash) {
  MOTCUA_RETURN_IF_ERROR(conn_.exec("DELETE FROM sessions WHERE token_hash = $1", {Value(token_hash)}));
  return {};
}

core::Status SqlSessionRepository::remove_expired(core::UnixSeconds now) {
  MOTCUA_RETURN_IF_ERROR(conn_.exec("DELETE FROM sessions WHERE expires_at <= $1", {Value(now)}));
  return {};
}

core::Status SqlApiTokenRepository::insert(const app::ApiTokenRecord& t) {
  auto changed = conn_.exec(
      "INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at, revoked) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
      {Value(t.token_hash), Value(t.user_id), Value(t.name), Value(t.created_at), Value(t.expires_at),
       Value(t.revoked ? 1 : 0)});
  return expect_changed(changed, make_error(core::ErrorCode::kAlreadyExists, "api_token.already_exists",
                                            "Mã truy cập đã tồn tại.", "This API token already exists."));
}

core::Result<app::ApiTokenRecord> SqlApiTokenRepository::find(const std::string& token_hash) {
  auto rows = conn_.query(
      "SELECT token_hash, user_id, name, created_at, expires_at, revoked FROM api_tokens WHERE token_hash = "
      "$1",
      {Value(token_hash)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return token_not_found();
  const Row& r = rows->front();
  return app::ApiTokenRecord{r.text(0), r.int64(1), r.text(2), r.int64(3), r.int64(4), r.boolean(5)};
}

core::Status SqlApiTokenRepository::revoke(const std::string& token_hash) {
  return expect_changed(
      conn_.exec("UPDATE api_tokens SET revoked = 1 WHERE token_hash = $1", {Value(token_hash)}),
      token_not_found());
}

}  // namespace motcua::storage
