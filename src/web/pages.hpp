// Server-rendered pages for people (Vietnamese first, usable without JavaScript): the public catalogue with
// diacritic-insensitive search, a procedure's page, and sign-in/sign-out with CSRF protection. The same use
// cases as the JSON API; templates and the stylesheet are embedded in the binary.
#pragma once

#include <string>

#include "app/auth.hpp"
#include "app/catalogue.hpp"
#include "app/organisation.hpp"
#include "http/router.hpp"

namespace motcua::web {

struct WebContext {
  app::CatalogueService& catalogue;
  app::OrganisationService& organisation;
  app::AuthService& auth;
  app::Crypto& crypto;
  std::string portal_name = "Cổng dịch vụ công";
  bool secure_cookies = false;
};

void add_page_routes(http::Router& router, WebContext& ctx);

// Formats an amount of đồng the Vietnamese way: 1234567 -> "1.234.567 đồng".
std::string format_vnd(std::int64_t amount);

}  // namespace motcua::web
