// Loading of organisation and catalogue files in motcua's JSON formats (data/demo/*.json; see
// data/demo/README.md): units with successors, agencies, procedures and user accounts. Used by `serve --demo`
// on an empty database and by `motcua import`. Each loader is all or nothing.
#pragma once

#include <string>
#include <string_view>

#include "app/auth.hpp"
#include "app/catalogue.hpp"
#include "app/dossier_service.hpp"
#include "app/organisation.hpp"

namespace motcua::app {

core::Status import_units_json(OrganisationService& org, std::string_view text);
core::Status import_agencies_json(OrganisationService& org, std::string_view text);
core::Result<ImportReport> import_procedures_json(CatalogueService& catalogue, std::string_view text);
// Every user gets `password` (operators change it; the demo prints it). Returns how many were created.
core::Result<int> import_users_json(AuthService& auth, std::string_view text, const std::string& password);

// Workflow definitions {"workflows": [<definition as app/dossier_codec.hpp's strict input form>]}.
core::Result<int> import_workflows_json(DossierService& dossiers, std::string_view text);

struct DemoFiles {
  std::string_view units, agencies, procedures, users, workflows;
};

struct DemoSummary {
  int units = 0, agencies = 0, procedures = 0, users = 0, workflows = 0;
};

// Loads the demo province into an empty database; FailedPrecondition if procedures or units already exist.
core::Result<DemoSummary> load_demo(Store& store, OrganisationService& org, CatalogueService& catalogue,
                                    AuthService& auth, DossierService& dossiers, const DemoFiles& files,
                                    const std::string& password);

}  // namespace motcua::app
