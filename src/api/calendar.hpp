// /api/v1/calendar: the legal calendar (issue 3). Public reads: lunar <-> solar conversion, a year's days off
// for the standard or an agency's calendar, deadline computation, the stored decisions and an agency's office
// hours. Administrators' writes: a year's official decision, the removal of one stored decision row (rows are
// keyed by their date: DELETE /api/v1/calendar/decisions/{date}) and an agency's office hours (CSRF-checked
// for cookie sessions). The handlers borrow `ctx` and `calendar`, which must outlive the router.
#pragma once

#include "api/context.hpp"
#include "app/calendar_service.hpp"
#include "http/router.hpp"

namespace motcua::api {

void add_calendar_routes(http::Router& router, ApiContext& ctx, app::CalendarService& calendar);

}  // namespace motcua::api
