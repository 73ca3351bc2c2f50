// Rendering helpers shared by the page handlers of this module (pages.cpp defines them): a template from the
// embedded assets, a whole page in the common layout (header with the signed-in user, footer, security
// headers), and the signed-in user. Internal to motcua::web.
#pragma once

#include <kainjow/mustache.hpp>
#include <optional>
#include <string>

#include "http/types.hpp"
#include "web/pages.hpp"

namespace motcua::web {

// Renders templates/<name>.mustache with `view`.
std::string render_template(const std::string& name, const kainjow::mustache::data& view);

// The user of the request's session cookie, if any; a missing, stale or invalid cookie is nullopt (pages show
// the anonymous view rather than fail).
std::optional<app::Actor> signed_in_user(WebContext& ctx, const http::Request& req);

// `content` (already rendered HTML) inside layout.mustache, with the given status and page title.
http::Response render_page(WebContext& ctx, const http::Request& req, int status, const std::string& title,
                           const std::string& content);

}  // namespace motcua::web
