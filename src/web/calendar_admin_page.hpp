// The administrators' page of the legal calendar's official decisions, /lich/quyet-dinh?nam=2027: the stored
// decision rows of a year, a form that adds a decision (up to five rows of date, kind, occasion, name and
// legal source, with one source for the whole decision), and a button per row that deletes it. Vietnamese,
// plain HTML forms without JavaScript, each POST checked against the session's CSRF token. Anonymous visitors
// get 401 with a sign-in link, signed-in users without the administrator role 403 (app/permissions.hpp;
// denials are audited). The use cases are CalendarService's, as for /api/v1/calendar/decisions.
//
//   GET  /lich/quyet-dinh?nam=2027             the year's stored rows and the form
//   POST /lich/quyet-dinh                      adds a decision, then 303 to the year's page
//   POST /lich/quyet-dinh/{date}/xoa           deletes the stored row of that date, then 303
//
// The handlers borrow `ctx` and `calendar`, which must outlive the router.
#pragma once

#include "app/calendar_service.hpp"
#include "http/router.hpp"
#include "web/pages.hpp"

namespace motcua::web {

void add_calendar_admin_routes(http::Router& router, WebContext& ctx, app::CalendarService& calendar);

}  // namespace motcua::web
