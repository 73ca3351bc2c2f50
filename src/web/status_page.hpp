// The public status page (tra cứu hồ sơ): anyone holding a dossier code sees its state, appointment date and
// progress, without personal data. /tra-cuu (a form) and /tra-cuu/{code}; the receipt's QR code opens the
// latter.
#pragma once

#include "app/dossier_service.hpp"
#include "http/router.hpp"
#include "web/pages.hpp"

namespace motcua::web {

void add_status_page_routes(http::Router& router, WebContext& ctx, app::DossierService& dossiers);

}  // namespace motcua::web
