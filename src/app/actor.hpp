// Who is acting: the authenticated user behind a request (or anonymous), with the roles that permission
// checks read. Built by AuthService from a session cookie or an API token.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/organisation.hpp"

namespace motcua::app {

struct Actor {
  std::int64_t user_id = 0;  // 0: anonymous
  std::string username = "anonymous";
  std::string full_name;
  domain::UserKind kind = domain::UserKind::kCitizen;
  std::vector<domain::RoleAssignment> roles;
  std::string csrf_token;  // set for cookie sessions; forms must echo it
  bool via_api_token = false;

  bool anonymous() const { return user_id == 0; }
  bool has_role(domain::Role role) const {
    for (const auto& r : roles)
      if (r.role == role) return true;
    return false;
  }
  bool has_role_in(domain::Role role, const std::string& agency_code) const {
    for (const auto& r : roles)
      if (r.role == role && r.agency_code == agency_code) return true;
    return false;
  }
};

}  // namespace motcua::app
