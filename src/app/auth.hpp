// AuthService: password sign-in with lock-out, cookie sessions with CSRF tokens, API bearer tokens, and
// account creation. Every sign-in attempt and every permission denial is written to the audit trail.
// Thread-safe (state lives in the Store).
#pragma once

#include <functional>
#include <string>

#include "app/actor.hpp"
#include "app/crypto_port.hpp"
#include "app/ports.hpp"
#include "core/worker_pool.hpp"

namespace motcua::app {

struct AuthPolicy {
  int max_failed_attempts = 5;              // consecutive failures before a lock-out
  std::int64_t lockout_seconds = 15 * 60;   // how long the account stays locked
  std::int64_t session_seconds = 8 * 3600;  // a working day
};

struct SignInResult {
  std::string session_token;  // the cookie value; only its hash is stored
  Actor actor;                // with csrf_token set
  core::UnixSeconds expires_at = 0;
};

struct NewUser {
  domain::User user;
  std::string password;       // empty for accounts that only use API tokens
  std::string password_hash;  // operator-side bulk loads: a hash from AuthService::hash_password, used as is
};

class AuthService {
 public:
  AuthService(Store& store, Crypto& crypto, const core::Clock& clock, AuthPolicy policy = {});

  // Unauthenticated for a wrong name or password (the same message for both), FailedPrecondition
  // ("auth.locked") while the account is locked or disabled.
  core::Result<SignInResult> sign_in(const std::string& username, const std::string& password,
                                     const std::string& remote);
  using SignInDone = std::function<void(core::Result<SignInResult>)>;
  // sign_in() on one of the service's own threads (one per CPU), so that the password check (argon2id: tens
  // of milliseconds of CPU on purpose) does not hold a request thread; `done` is called there, once.
  void sign_in_async(std::string username, std::string password, std::string remote, SignInDone done);
  // The actor of a session cookie; Unauthenticated if unknown or expired.
  core::Result<Actor> authenticate_session(const std::string& session_token);
  // The actor of an API bearer token; Unauthenticated if unknown, revoked or expired.
  core::Result<Actor> authenticate_bearer(const std::string& token);
  core::Status sign_out(const std::string& session_token, const Actor& actor, const std::string& remote);

  // Administrators create accounts; returns the new user id.
  core::Result<std::int64_t> create_user(const Actor& actor, const NewUser& input, const std::string& remote);
  // argon2id hash of a password that passes the policy for `username` (for bulk loads sharing one password).
  core::Result<std::string> hash_password(const std::string& username, const std::string& password);
  // Operator-side account creation (demo data, `motcua user add`): no actor, audited as `by`.
  core::Result<std::int64_t> create_user_trusted(const NewUser& input, const std::string& by);
  // Administrators issue a token acting as `user_id`; returns the token (shown once).
  core::Result<std::string> issue_api_token(const Actor& actor, std::int64_t user_id, const std::string& name,
                                            std::int64_t ttl_seconds, const std::string& remote);

  // The most recent audit rows whose action starts with `action_prefix` (administrators and supervisors; a
  // denial is itself audited).
  core::Result<std::vector<AuditEntry>> recent_audit(const Actor& actor, const std::string& action_prefix,
                                                     int limit, const std::string& remote);

  // Records a permission denial (used by every module's handlers) in its own transaction.
  void audit_denial(const Actor& actor, const std::string& action, const std::string& target,
                    const core::Error& error, const std::string& remote);

 private:
  core::Result<Actor> actor_for_user(Repositories& r, std::int64_t user_id);
  core::Result<std::int64_t> insert_user(const NewUser& input, const Actor& by, const std::string& remote);

  Store& store_;
  Crypto& crypto_;
  const core::Clock& clock_;
  AuthPolicy policy_;
  core::WorkerPool checkers_;  // sign_in_async's threads; last, so that they stop before the rest goes
};

}  // namespace motcua::app
