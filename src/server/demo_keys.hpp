// Demo signing keys: in demo mode the province gets its own demo CA (trusted by the verifier), a personal
// certificate for every demo leader and a seal for each of their agencies, so that approving a dossier signs
// its result out of the box. Real deployments import certificates instead (docs/operations.md).
#pragma once

#include "core/result.hpp"

namespace motcua::server {

struct Runtime;

// Issues what is missing in rt.config.signing_keys_dir for the leaders of the demo users file (idempotent).
core::Status issue_demo_signing_keys(const Runtime& rt);

}  // namespace motcua::server
