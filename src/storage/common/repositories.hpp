// The repositories of motcua written once in SQL for both engines, over the Connection of one transaction.
// SqlRepositories is what Store::read and Store::write hand to their callbacks; it lives for one transaction
// and is used by one thread. Engine differences are confined to a few SqlTemplate pairs (full-text search,
// JSON parameters, array membership).
//
// Expected outcomes (NotFound, AlreadyExists, a stale version's Conflict) are detected without raising an
// engine error, so the transaction stays usable after them on both engines. After any other error (a foreign
// key violation, a lost connection) the callback must give up and return the error: PostgreSQL aborts the
// transaction at the first failed statement.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/ports.hpp"
#include "storage/common/dossier_repository.hpp"
#include "storage/common/sql.hpp"

namespace motcua::storage {

class SqlUnitRepository final : public app::UnitRepository {
 public:
  explicit SqlUnitRepository(Connection& conn) : conn_(conn) {}
  core::Status insert(const domain::AdministrativeUnit& unit) override;
  core::Status add_successor(const std::string& code, core::Date on,
                             const std::string& successor_code) override;
  core::Result<domain::AdministrativeUnit> find(const std::string& code, core::Date on) override;
  core::Result<std::vector<domain::AdministrativeUnit>> history(const std::string& code) override;
  core::Result<std::vector<domain::AdministrativeUnit>> predecessors(const std::string& code) override;
  core::Result<std::vector<domain::AdministrativeUnit>> list(const app::UnitFilter& filter) override;
  core::Result<std::int64_t> count() override;

 private:
  core::Result<std::int64_t> id_valid_on(const std::string& code, core::Date on);
  Connection& conn_;
};

class SqlAgencyRepository final : public app::AgencyRepository {
 public:
  explicit SqlAgencyRepository(Connection& conn) : conn_(conn) {}
  core::Status insert(const domain::Agency& agency) override;
  core::Status update(const domain::Agency& agency) override;
  core::Result<domain::Agency> find(const std::string& code) override;
  core::Result<std::vector<domain::Agency>> list() override;

 private:
  Connection& conn_;
};

class SqlUserRepository final : public app::UserRepository {
 public:
  explicit SqlUserRepository(Connection& conn) : conn_(conn) {}
  core::Result<std::int64_t> insert(const app::UserRecord& record) override;
  core::Result<app::UserRecord> find_by_username(const std::string& username) override;
  core::Result<app::UserRecord> find_by_id(std::int64_t id) override;
  core::Status set_password_hash(std::int64_t id, const std::string& hash) override;
  core::Status set_login_state(std::int64_t id, int failed_attempts, core::UnixSeconds locked_until) override;
  core::Status set_roles(std::int64_t id, const std::vector<domain::RoleAssignment>& roles) override;
  core::Result<std::vector<domain::User>> list(domain::UserKind kind, std::int64_t after_id,
                                               int limit) override;

 private:
  core::Result<app::UserRecord> find_one(std::string_view sql, const Value& key);
  core::Status insert_roles(std::int64_t id, const std::vector<domain::RoleAssignment>& roles);
  Connection& conn_;
};

class SqlSessionRepository final : public app::SessionRepository {
 public:
  explicit SqlSessionRepository(Connection& conn) : conn_(conn) {}
  core::Status insert(const app::SessionRecord& session) override;
  core::Result<app::SessionRecord> find(const std::string& token_hash) override;
  core::Status remove(const std::string& token_hash) override;
  core::Status remove_expired(core::UnixSeconds now) override;

 private:
  Connection& conn_;
};

class SqlApiTokenRepository final : public app::ApiTokenRepository {
 public:
  explicit SqlApiTokenRepository(Connection& conn) : conn_(conn) {}
  core::Status insert(const app::ApiTokenRecord& token) override;
  core::Result<app::ApiTokenRecord> find(const std::string& token_hash) override;
  core::Status revoke(const std::string& token_hash) override;

 private:
  Connection& conn_;
};

class SqlProcedureRepository final : public app::ProcedureRepository {
 public:
  explicit SqlProcedureRepository(Connection& conn) : conn_(conn) {}
  core::Status insert(const domain::Procedure& p) override;
  core::Result<std::int64_t> update(const domain::Procedure& p) override;
  core::Status remove(const std::string& code) override;
  core::Result<domain::Procedure> find(const std::string& code) override;
  core::Result<std::vector<app::ProcedureSummary>> search(const app::ProcedureQuery& query) override;
  core::Result<std::vector<std::string>> fields() override;
  core::Result<std::int64_t> count() override;

 private:
  core::Status replace_agencies(const std::string& code, const std::vector<std::string>& agency_codes);
  core::Result<std::vector<app::ProcedureSummary>> ranked_search(const app::ProcedureQuery& query, int limit);
  core::Result<std::vector<app::ProcedureSummary>> listing(const app::ProcedureQuery& query, int limit);
  Connection& conn_;
};

class SqlCalendarRepository final : public app::CalendarRepository {
 public:
  explicit SqlCalendarRepository(Connection& conn) : conn_(conn) {}
  core::Status insert_day(const app::StoredCalendarDay& day) override;
  core::Result<std::int64_t> remove_year(int year) override;
  core::Result<app::StoredCalendarDay> remove_day(core::Date date) override;
  core::Result<std::vector<app::StoredCalendarDay>> days(int year) override;
  core::Status put_agency_hours(const app::AgencyHoursRecord& record) override;
  core::Result<app::AgencyHoursRecord> find_agency_hours(const std::string& agency_code) override;

 private:
  Connection& conn_;
};

class SqlAuditLog final : public app::AuditLog {
 public:
  explicit SqlAuditLog(Connection& conn) : conn_(conn) {}
  core::Status append(const app::AuditEntry& entry) override;
  core::Result<std::vector<app::AuditEntry>> recent(const std::string& action_prefix, int limit) override;

 private:
  Connection& conn_;
};

class SqlRepositories final : public app::Repositories {
 public:
  explicit SqlRepositories(Connection& conn)
      : units_(conn),
        agencies_(conn),
        users_(conn),
        sessions_(conn),
        api_tokens_(conn),
        procedures_(conn),
        calendar_(conn),
        dossiers_(conn),
        audit_(conn) {}
  SqlRepositories(const SqlRepositories&) = delete;
  SqlRepositories& operator=(const SqlRepositories&) = delete;

  app::UnitRepository& units() override { return units_; }
  app::AgencyRepository& agencies() override { return agencies_; }
  app::UserRepository& users() override { return users_; }
  app::SessionRepository& sessions() override { return sessions_; }
  app::ApiTokenRepository& api_tokens() override { return api_tokens_; }
  app::ProcedureRepository& procedures() override { return procedures_; }
  app::CalendarRepository& calendar() override { return calendar_; }
  app::DossierRepository& dossiers() override { return dossiers_; }
  app::AuditLog& audit() override { return audit_; }

 private:
  SqlUnitRepository units_;
  SqlAgencyRepository agencies_;
  SqlUserRepository users_;
  SqlSessionRepository sessions_;
  SqlApiTokenRepository api_tokens_;
  SqlProcedureRepository procedures_;
  SqlCalendarRepository calendar_;
  SqlDossierRepository dossiers_;
  SqlAuditLog audit_;
};

}  // namespace motcua::storage
