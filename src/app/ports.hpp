// Storage ports: what the use cases need from a database, with no SQL and no engine in sight. Adapters in
// storage/sqlite and storage/postgres implement them; tests/contract runs one suite against both.
//
// All access goes through Store::read or Store::write, which hand the callback a Repositories bound to one
// transaction. A write callback that returns an error rolls the transaction back; nothing it did is visible.
//
//   auto st = store.write([&](Repositories& r) -> core::Status {
//     MOTCUA_RETURN_IF_ERROR(r.procedures().insert(p));
//     return r.audit().append(entry);
//   });
//
// Repositories objects are only valid inside the callback. Store is thread-safe; repositories are not.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/dossier_ports.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/calendar/holidays.hpp"
#include "domain/calendar/working_calendar.hpp"
#include "domain/organisation.hpp"
#include "domain/procedure.hpp"

namespace motcua::app {

using core::Result;
using core::Status;

struct UnitFilter {
  std::optional<domain::UnitLevel> level;
  std::string parent_code;       // only children of this unit (as of `on`)
  std::optional<core::Date> on;  // only units valid on this date
  std::string after_code;        // keyset cursor: codes greater than this
  int limit = 100;
};

class UnitRepository {
 public:
  virtual ~UnitRepository() = default;
  // Inserts a unit period; AlreadyExists if the same code and valid_from are present.
  virtual Status insert(const domain::AdministrativeUnit& unit) = 0;
  // Records that `successor_code` (valid from the day after `code`'s end) continues `code` (valid on `on`).
  virtual Status add_successor(const std::string& code, core::Date on, const std::string& successor_code) = 0;
  // The unit with this code valid on `on`; NotFound otherwise. Includes successor codes.
  virtual Result<domain::AdministrativeUnit> find(const std::string& code, core::Date on) = 0;
  // Every period of a code, oldest first (a code reused after 2025 has two).
  virtual Result<std::vector<domain::AdministrativeUnit>> history(const std::string& code) = 0;
  // Units whose successor list contains `code` (its predecessors).
  virtual Result<std::vector<domain::AdministrativeUnit>> predecessors(const std::string& code) = 0;
  virtual Result<std::vector<domain::AdministrativeUnit>> list(const UnitFilter& filter) = 0;
  virtual Result<std::int64_t> count() = 0;
};

class AgencyRepository {
 public:
  virtual ~AgencyRepository() = default;
  virtual Status insert(const domain::Agency& agency) = 0;
  virtual Status update(const domain::Agency& agency) = 0;
  virtual Result<domain::Agency> find(const std::string& code) = 0;
  virtual Result<std::vector<domain::Agency>> list() = 0;
};

// A stored account with its secret material. The password hash is an argon2id PHC string.
struct UserRecord {
  domain::User user;
  std::string password_hash;
  int failed_attempts = 0;
  core::UnixSeconds locked_until = 0;
  core::UnixSeconds created_at = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Inserts the user and its roles; returns the new id. AlreadyExists on a taken username.
  virtual Result<std::int64_t> insert(const UserRecord& record) = 0;
  virtual Result<UserRecord> find_by_username(const std::string& username) = 0;
  virtual Result<UserRecord> find_by_id(std::int64_t id) = 0;
  virtual Status set_password_hash(std::int64_t id, const std::string& hash) = 0;
  // Stores the failure counter and lock-out end after a sign-in attempt.
  virtual Status set_login_state(std::int64_t id, int failed_attempts, core::UnixSeconds locked_until) = 0;
  virtual Status set_roles(std::int64_t id, const std::vector<domain::RoleAssignment>& roles) = 0;
  virtual Result<std::vector<domain::User>> list(domain::UserKind kind, std::int64_t after_id, int limit) = 0;
};

struct SessionRecord {
  std::string token_hash;  // hex SHA-256 of the cookie value; the cookie itself is never stored
  std::int64_t user_id = 0;
  std::string csrf_token;
  core::UnixSeconds created_at = 0;
  core::UnixSeconds expires_at = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status insert(const SessionRecord& session) = 0;
  virtual Result<SessionRecord> find(const std::string& token_hash) = 0;
  virtual Status remove(const std::string& token_hash) = 0;
  virtual Status remove_expired(core::UnixSeconds now) = 0;
};

struct ApiTokenRecord {
  std::string token_hash;    // hex SHA-256 of the bearer token
  std::int64_t user_id = 0;  // a user of kind kSystem (or an official) the token acts as
  std::string name;
  core::UnixSeconds created_at = 0;
  core::UnixSeconds expires_at = 0;  // 0: no expiry
  bool revoked = false;
};

class ApiTokenRepository {
 public:
  virtual ~ApiTokenRepository() = default;
  virtual Status insert(const ApiTokenRecord& token) = 0;
  virtual Result<ApiTokenRecord> find(const std::string& token_hash) = 0;
  virtual Status revoke(const std::string& token_hash) = 0;
};

struct ProcedureSummary {
  std::string code;
  std::string name;
  std::string field;
  std::vector<domain::ProcedureLevel> levels;
  domain::OnlineLevel online_level = domain::OnlineLevel::kNone;
  domain::TimeLimit time_limit;
};

struct ProcedureQuery {
  std::string text;   // free text; folded for case and diacritics (đ included) by the engine
  std::string field;  // exact lĩnh vực, optional
  std::optional<domain::ProcedureLevel> level;
  std::string after_code;  // keyset cursor for unranked listing (text empty)
  int limit = 20;          // 1..100
};

class ProcedureRepository {
 public:
  virtual ~ProcedureRepository() = default;
  // AlreadyExists on a duplicate code. Stores version 1.
  virtual Status insert(const domain::Procedure& p) = 0;
  // Replaces the entry if its stored version equals p.version (Conflict otherwise) and stores version + 1.
  // Returns the new version.
  virtual Result<std::int64_t> update(const domain::Procedure& p) = 0;
  virtual Status remove(const std::string& code) = 0;
  virtual Result<domain::Procedure> find(const std::string& code) = 0;
  // Ranked search when query.text is set (best first), otherwise ordered by code after `after_code`.
  virtual Result<std::vector<ProcedureSummary>> search(const ProcedureQuery& query) = 0;
  virtual Result<std::vector<std::string>> fields() = 0;  // distinct lĩnh vực, sorted
  virtual Result<std::int64_t> count() = 0;
};

// One row of the append-only audit trail: sign-ins, permission denials and every change.
struct AuditEntry {
  core::UnixSeconds at = 0;
  std::int64_t actor_user_id = 0;  // 0: anonymous
  std::string actor;               // username or "anonymous"
  std::string action;              // "auth.sign_in", "auth.denied", "procedure.update"...
  std::string target;              // what it acted on: "procedure:1.001193"
  std::string outcome;             // "ok" | "denied" | "failed"
  std::string detail;              // free text or JSON
  std::string remote;              // client address
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  virtual Status append(const AuditEntry& entry) = 0;
  // Most recent first, optionally filtered by action prefix.
  virtual Result<std::vector<AuditEntry>> recent(const std::string& action_prefix, int limit) = 0;
};

// One official row of a year's holiday decision, as stored (the built-in 2024-2026 rows are not stored).
struct StoredCalendarDay {
  domain::calendar::OfficialDay day;
  std::string created_by;  // username of the administrator who added it
  core::UnixSeconds created_at = 0;
};

// An agency's working week and office hours (agency_code is the agency's identifier code).
struct AgencyHoursRecord {
  std::string agency_code;
  domain::calendar::AgencyCalendarConfig config;  // week and makeup_day are stored; config.agency is not
  std::string updated_by;
  core::UnixSeconds updated_at = 0;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  // Stores one official row; AlreadyExists if a row for that date is stored.
  virtual Status insert_day(const StoredCalendarDay& day) = 0;
  // Removes the stored rows of a solar year; returns how many there were.
  virtual Result<std::int64_t> remove_year(int year) = 0;
  // Removes the stored row of one date and returns it; NotFound (field "date") when no row is stored for it.
  virtual Result<StoredCalendarDay> remove_day(core::Date date) = 0;
  // The stored rows of a solar year, or of every year when `year` is 0, in date order.
  virtual Result<std::vector<StoredCalendarDay>> days(int year) = 0;
  // Inserts or replaces an agency's hours. The agency must exist (an engine error otherwise: check first).
  virtual Status put_agency_hours(const AgencyHoursRecord& record) = 0;
  // NotFound when the agency has no stored hours (it then works the standard week).
  virtual Result<AgencyHoursRecord> find_agency_hours(const std::string& agency_code) = 0;
};

class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual UnitRepository& units() = 0;
  virtual AgencyRepository& agencies() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual ApiTokenRepository& api_tokens() = 0;
  virtual ProcedureRepository& procedures() = 0;
  virtual CalendarRepository& calendar() = 0;
  virtual DossierRepository& dossiers() = 0;
  virtual AuditLog& audit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Applies pending schema migrations; returns the versions applied now (empty if up to date).
  virtual Result<std::vector<int>> migrate() = 0;
  // The schema version in the database (0 for an empty one).
  virtual Result<int> schema_version() = 0;
  // Runs `fn` in a read-only snapshot.
  virtual Status read(const std::function<Status(Repositories&)>& fn) = 0;
  // Runs `fn` in one durable transaction; commits if it returns ok, rolls back otherwise.
  virtual Status write(const std::function<Status(Repositories&)>& fn) = 0;
  // The same transaction without waiting for it: `done` is called exactly once with what write() would
  // return, once the commit is on disk or the write has failed; an exception thrown by `fn` arrives as an
  // Internal error. Both may run on another thread (the engine's own) and `done` may be called before
  // write_async returns, so whatever they capture must be safe to use from there. `done` must not throw, and
  // must not wait for another write (it may run on the thread that commits them). Both engines run the write
  // on threads of their own (SQLite's writer, PostgreSQL's pool of write threads).
  using WriteDone = std::function<void(Status)>;
  virtual void write_async(std::function<Status(Repositories&)> fn, WriteDone done) = 0;
  // Cheap liveness check of the database connection, for /readyz.
  virtual Status ping() = 0;
  // "sqlite" or "postgresql", for logs and metrics only.
  virtual const char* engine() const = 0;
};

}  // namespace motcua::app
