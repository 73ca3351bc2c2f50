// /api/v1/files, /api/v1/dossiers (submit, read, act, search, the signed result, the process's official
// forms), /api/v1/inbox, /api/v1/status (public, no personal data) and /api/v1/workflows (definitions).
#pragma once

#include "api/context.hpp"
#include "app/dossier_forms.hpp"
#include "app/dossier_service.hpp"

namespace motcua::api {

void add_dossier_routes(http::Router& router, ApiContext& ctx, app::DossierService& dossiers,
                        app::DossierForms& forms);

}  // namespace motcua::api
