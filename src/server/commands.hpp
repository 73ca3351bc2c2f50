// The administrative subcommands of the motcua binary besides `serve`: migrate, import, export, user add,
// calendar (`keys` is in keys_command.hpp).
// Each returns a process exit code and prints messages in Vietnamese (English second).
#pragma once

#include <string>

#include "server/runtime.hpp"

namespace motcua::server {

int run_migrate(const Config& config);
// kind: units | agencies | procedures | users
int run_import(Runtime& rt, const std::string& kind, const std::string& path, const std::string& password);
int run_export_procedures(Runtime& rt, const std::string& path);
int run_user_add(Runtime& rt, const app::NewUser& user);
// `motcua calendar YEAR [--agency CODE] [--weekends]`: the year's days off and make-up working days as a
// table (date, weekday, kind, name, source) on stdout; weekly rest days are counted, and listed with
// `weekends`.
int run_calendar(Runtime& rt, int year, const std::string& agency, bool weekends);

// Prints "motcua: <vi> / <en>" to stderr and returns 1.
int fail(const core::Error& e);

}  // namespace motcua::server
