// The calendar page /lich?nam=2026[&co-quan=CODE]: one year of the standard or an agency's working calendar
// in Vietnamese, each month a grid (Monday first) with the lunar day under the solar day, holidays,
// compensatory days, swapped days off and make-up working days marked and listed with their names. Plain
// HTML and CSS (no JavaScript), readable on a phone; signed-in administrators also get a link to the
// decisions page. add_calendar_page_routes also adds that page's routes (web/calendar_admin_page.hpp). The
// handlers borrow `ctx` and `calendar`.
#pragma once

#include "app/calendar_service.hpp"
#include "http/router.hpp"
#include "web/pages.hpp"

namespace motcua::web {

void add_calendar_page_routes(http::Router& router, WebContext& ctx, app::CalendarService& calendar);

}  // namespace motcua::web
