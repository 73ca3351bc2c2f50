#include "domain/calendar/calendar.hpp"
