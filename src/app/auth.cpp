#include "app/auth.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <thread>

#include "app/permissions.hpp"
#include "core/time.hpp"

namespace motcua::app {

using core::Error;
using core::ErrorCode;

namespace {

Error bad_credentials() {
  return {ErrorCode::kUnauthenticated,
          "auth.bad_credentials",
          "Tên đăng nhập hoặc mật khẩu không đúng.",
          "Wrong username or password.",
          {}};
}

Error locked_error(core::UnixSeconds until) {
  return {
      ErrorCode::kFailedPrecondition,
      "auth.locked",
      "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau " + core::format_instant_vn(until) + ".",
      "The account is locked after repeated failures; try again after " + core::format_instant_vn(until) +
          ".",
      {}};
}

Error session_invalid() {
  return {ErrorCode::kUnauthenticated,
          "auth.session_invalid",
          "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.",
          "The session has expired; sign in again.",
          {}};
}

AuditEntry audit_entry(core::UnixSeconds at, const Actor& actor, std::string action, std::string target,
                       std::string outcome, std::string detail, const std::string& remote) {
  return {at,
          actor.user_id,
          actor.username,
          std::move(action),
          std::move(target),
          std::move(outcome),
          std::move(detail),
          remote};
}

// The outcome of a sign-in attempt, decided inside the transaction that also records it.
struct Attempt {
  std::optional<Error> error;
  std::int64_t user_id = 0;
};

}  // namespace

AuthService::AuthService(Store& store, Crypto& crypto, const core::Clock& clock, AuthPolicy policy)
    : store_(store),
      crypto_(crypto),
      clock_(clock),
      policy_(policy),
      checkers_(static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {}

void AuthService::sign_in_async(std::string username, std::string password, std::string remote,
                                SignInDone done) {
  checkers_.post([this, username = std::move(username), password = std::move(password),
                  remote = std::move(remote), done = std::move(done)] {
    core::Result<SignInResult> result = Error::internal("sign-in did not run");
    try {
      result = sign_in(username, password, remote);
    } catch (...) {
      result = Error::from_exception("sign-in failed with an exception", std::current_exception());
    }
    done(std::move(result));
  });
}

core::Result<SignInResult> AuthService::sign_in(const std::string& username, const std::string& password,
                                                const std::string& remote) {
  const auto now = clock_.now();
  // The password is checked (argon2id: slow on purpose) before the write transaction, against the hash read
  // in a snapshot: inside, it would hold the single writer, and every other write of the server with it, for
  // its whole duration. The transaction then re-reads the account and counts the attempt; a password changed
  // in between counts as wrong.
  std::optional<UserRecord> seen;
  if (domain::validate_username(username)) {
    MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
      auto rec = r.users().find_by_username(username);
      if (rec) {
        seen = std::move(*rec);
      } else if (rec.error().code != ErrorCode::kNotFound) {
        return rec.error();
      }
      return {};
    }));
  }
  const bool password_ok = seen && !seen->user.disabled && seen->locked_until <= now &&
                           !seen->password_hash.empty() &&
                           crypto_.verify_password(seen->password_hash, password);
  Attempt attempt;
  SignInResult out;
  auto st = store_.write([&](Repositories& r) -> core::Status {
    attempt = {};  // the store may run this function a second time (SqliteStore's group commit)
    out = {};
    Actor who;
    who.username = username.size() <= 64 ? username : username.substr(0, 64);
    auto rec = domain::validate_username(username) ? r.users().find_by_username(username)
                                                   : core::Result<UserRecord>(bad_credentials());
    if (!rec) {
      attempt.error = bad_credentials();
      return r.audit().append(
          audit_entry(now, who, "auth.sign_in", "user:" + who.username, "failed", "unknown user", remote));
    }
    who.user_id = rec->user.id;
    if (rec->user.disabled || rec->locked_until > now) {
      attempt.error = locked_error(rec->user.disabled ? now : rec->locked_until);
      return r.audit().append(
          audit_entry(now, who, "auth.sign_in", "user:" + username, "denied", "locked", remote));
    }
    if (!password_ok || rec->user.id != seen->user.id || rec->password_hash != seen->password_hash) {
      int failures = rec->failed_attempts + 1;
      core::UnixSeconds lock = 0;
      if (failures >= policy_.max_failed_attempts) {
        lock = now + policy_.lockout_seconds;
        failures = 0;
      }
      MOTCUA_RETURN_IF_ERROR(r.users().set_login_state(rec->user.id, failures, lock));
      attempt.error = lock ? locked_error(lock) : bad_credentials();
      return r.audit().append(audit_entry(now, who, "auth.sign_in", "user:" + username, "failed",
                                          lock ? "wrong password; account locked" : "wrong password",
                                          remote));
    }
    MOTCUA_RETURN_IF_ERROR(r.users().set_login_state(rec->user.id, 0, 0));
    out.session_token = crypto_.random_token(32);
    SessionRecord session{crypto_.sha256_hex(out.session_token), rec->user.id, crypto_.random_token(24), now,
                          now + policy_.session_seconds};
    MOTCUA_RETURN_IF_ERROR(r.sessions().insert(session));
    auto actor = actor_for_user(r, rec->user.id);
    if (!actor) return actor.error();
    out.actor = std::move(*actor);
    out.actor.csrf_token = session.csrf_token;
    out.expires_at = session.expires_at;
    return r.audit().append(
        audit_entry(now, out.actor, "auth.sign_in", "user:" + username, "ok", "", remote));
  });
  if (!st) return st.error();
  if (attempt.error) return *attempt.error;
  return out;
}

core::Result<Actor> AuthService::actor_for_user(Repositories& r, std::int64_t user_id) {
  auto rec = r.users().find_by_id(user_id);
  if (!rec) return rec.error().code == ErrorCode::kNotFound ? session_invalid() : rec.error();
  if (rec->user.disabled) return session_invalid();
  Actor a;
  a.user_id = rec->user.id;
  a.username = rec->user.username;
  a.full_name = rec->user.full_name;
  a.kind = rec->user.kind;
  a.roles = rec->user.roles;
  return a;
}

core::Result<Actor> AuthService::authenticate_session(const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 128) return session_invalid();
  const auto now = clock_.now();
  core::Result<Actor> out = session_invalid();
  auto st = store_.read([&](Repositories& r) -> core::Status {
    auto s = r.sessions().find(crypto_.sha256_hex(session_token));
    if (!s) return s.error().code == ErrorCode::kNotFound ? core::Status{} : core::Status{s.error()};
    if (s->expires_at <= now) return {};
    out = actor_for_user(r, s->user_id);
    if (out) out->csrf_token = s->csrf_token;
    return {};
  });
  if (!st) return st.error();
  return out;
}

core::Result<Actor> AuthService::authenticate_bearer(const std::string& token) {
  Error invalid{ErrorCode::kUnauthenticated,
                "auth.token_invalid",
                "Mã truy cập API không hợp lệ hoặc đã hết hạn.",
                "The API token is invalid, revoked or expired.",
                {}};
  if (token.empty() || token.size() > 128) return invalid;
  const auto now = clock_.now();
  core::Result<Actor> out = invalid;
  auto st = store_.read([&](Repositories& r) -> core::Status {
    auto t = r.api_tokens().find(crypto_.sha256_hex(token));
    if (!t) return t.error().code == ErrorCode::kNotFound ? core::Status{} : core::Status{t.error()};
    if (t->revoked || (t->expires_at != 0 && t->expires_at <= now)) return {};
    out = actor_for_user(r, t->user_id);
    if (out) out->via_api_token = true;
    return {};
  });
  if (!st) return st.error();
  if (!out) return invalid;
  return out;
}

core::Status AuthService::sign_out(const std::string& session_token, const Actor& actor,
                                   const std::string& remote) {
  const auto now = clock_.now();
  return store_.write([&](Repositories& r) -> core::Status {
    MOTCUA_RETURN_IF_ERROR(r.sessions().remove(crypto_.sha256_hex(session_token)));
    return r.audit().append(
        audit_entry(now, actor, "auth.sign_out", "user:" + actor.username, "ok", "", remote));
  });
}

core::Result<std::int64_t> AuthService::create_user(const Actor& actor, const NewUser& input,
                                                    const std::string& remote) {
  if (auto p = permissions::can_manage_organisation(actor); !p) {
    audit_denial(actor, "user.create", "user:" + input.user.username, p.error(), remote);
    return p.error();
  }
  return insert_user(input, actor, remote);
}

core::Result<std::string> AuthService::hash_password(const std::string& username,
                                                     const std::string& password) {
  MOTCUA_RETURN_IF_ERROR(domain::validate_password(username, password));
  return crypto_.hash_password(password);
}

core::Result<std::int64_t> AuthService::create_user_trusted(const NewUser& input, const std::string& by) {
  Actor operator_actor;
  operator_actor.username = by;
  return insert_user(input, operator_actor, "local");
}

core::Result<std::int64_t> AuthService::insert_user(const NewUser& input, const Actor& actor,
                                                    const std::string& remote) {
  MOTCUA_RETURN_IF_ERROR(domain::validate_user(input.user));
  UserRecord rec{input.user, input.password_hash, 0, 0, clock_.now()};
  if (rec.password_hash.empty() &&
      (!input.password.empty() || input.user.kind != domain::UserKind::kSystem)) {
    MOTCUA_RETURN_IF_ERROR(domain::validate_password(input.user.username, input.password));
    auto hash = crypto_.hash_password(input.password);
    if (!hash) return hash.error();
    rec.password_hash = std::move(*hash);
  }
  std::int64_t id = 0;
  auto st = store_.write([&](Repositories& r) -> core::Status {
    for (const auto& role : input.user.roles) {
      auto agency = r.agencies().find(role.agency_code);
      if (!agency) {
        return Error::invalid("user.agency_unknown", "Không có cơ quan mã " + role.agency_code + ".",
                              "No agency with code " + role.agency_code + ".", "roles.agency_code");
      }
    }
    auto inserted = r.users().insert(rec);
    if (!inserted) return inserted.error();
    id = *inserted;
    return r.audit().append(audit_entry(clock_.now(), actor, "user.create", "user:" + input.user.username,
                                        "ok", domain::user_kind_name(input.user.kind), remote));
  });
  if (!st) return st.error();
  return id;
}

core::Result<std::string> AuthService::issue_api_token(const Actor& actor, std::int64_t user_id,
                                                       const std::string& name, std::int64_t ttl_seconds,
                                                       const std::string& remote) {
  if (auto p = permissions::can_manage_organisation(actor); !p) {
    audit_denial(actor, "api_token.issue", "user:" + std::to_string(user_id), p.error(), remote);
    return p.error();
  }
  const auto now = clock_.now();
  std::string token = "mc_" + crypto_.random_token(32);
  auto st = store_.write([&](Repositories& r) -> core::Status {
    auto user = r.users().find_by_id(user_id);
    if (!user) return user.error();
    ApiTokenRecord rec{
        crypto_.sha256_hex(token), user_id, name, now, ttl_seconds > 0 ? now + ttl_seconds : 0, false};
    MOTCUA_RETURN_IF_ERROR(r.api_tokens().insert(rec));
    return r.audit().append(
        audit_entry(now, actor, "api_token.issue", "user:" + user->user.username, "ok", name, remote));
  });
  if (!st) return st.error();
  return token;
}

core::Result<std::vector<AuditEntry>> AuthService::recent_audit(const Actor& actor,
                                                                const std::string& action_prefix, int limit,
                                                                const std::string& remote) {
  if (auto p = permissions::can_read_audit(actor); !p) {
    audit_denial(actor, "audit.read", "audit", p.error(), remote);
    return p.error();
  }
  core::Result<std::vector<AuditEntry>> rows = std::vector<AuditEntry>{};
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    rows = r.audit().recent(action_prefix, limit);
    return {};
  }));
  return rows;
}

void AuthService::audit_denial(const Actor& actor, const std::string& action, const std::string& target,
                               const Error& error, const std::string& remote) {
  const auto now = clock_.now();
  auto st = store_.write([&](Repositories& r) {
    return r.audit().append(audit_entry(now, actor, action, target, "denied", error.code_id, remote));
  });
  (void)st;  // auditing a denial must not turn the denial into another error
}

}  // namespace motcua::app
