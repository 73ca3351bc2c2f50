// Permission rules of the foundation modules, in one place (Decidim-style). Each predicate returns ok or a
// PermissionDenied/Unauthenticated error with a Vietnamese message; use cases call them first and audit
// denials.
#pragma once

#include "app/actor.hpp"
#include "core/result.hpp"

namespace motcua::app::permissions {

// Any signed-in user.
core::Status require_signed_in(const Actor& actor);
// Catalogue changes (create, update, delete, import): administrators.
core::Status can_manage_catalogue(const Actor& actor);
// Organisation changes (units, agencies, users, API tokens): administrators.
core::Status can_manage_organisation(const Actor& actor);
// Legal calendar changes (a year's holiday decision, an agency's office hours): administrators.
core::Status can_manage_calendar(const Actor& actor);
// Reading the audit trail: administrators and supervisors.
core::Status can_read_audit(const Actor& actor);

}  // namespace motcua::app::permissions
