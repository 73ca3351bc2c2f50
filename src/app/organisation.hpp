// OrganisationService: administrative units (with their history across the 2025 reorganisation), agencies
// and their administration. Reads are public; changes need an administrator and are audited. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/auth.hpp"
#include "app/ports.hpp"

namespace motcua::app {

// "`code` (valid on `on`) is continued by `successor_code`" (a row of units-2025-mapping).
struct SuccessorLink {
  std::string code;
  core::Date on;
  std::string successor_code;
};

struct UnitView {
  domain::AdministrativeUnit unit;
  std::vector<domain::AdministrativeUnit> predecessors;  // units that it continues
  std::vector<domain::AdministrativeUnit> history;       // every period of the same code
};

class OrganisationService {
 public:
  OrganisationService(Store& store, AuthService& auth, const core::Clock& clock);

  // The unit with `code` valid on `on` (today in Vietnam when nullopt), with predecessors and history.
  core::Result<UnitView> unit(const std::string& code, std::optional<core::Date> on);
  core::Result<std::vector<domain::AdministrativeUnit>> units(UnitFilter filter);
  core::Result<std::vector<domain::Agency>> agencies();
  core::Result<domain::Agency> agency(const std::string& code);

  core::Status create_agency(const Actor& actor, const domain::Agency& agency, const std::string& remote);

  // Operator-side loading (demo data, `motcua import units`): inserts units, then successor links; all or
  // nothing.
  core::Status load_units(const std::vector<domain::AdministrativeUnit>& units,
                          const std::vector<SuccessorLink>& successors);
  core::Status load_agencies(const std::vector<domain::Agency>& agencies);

  core::Date today() const;

 private:
  Store& store_;
  AuthService& auth_;
  const core::Clock& clock_;
};

}  // namespace motcua::app
