// Legal calendar module (issue 3): lunar calendar, holiday rules as data, working time and deadlines.
#pragma once

namespace motcua::domain::calendar {}
