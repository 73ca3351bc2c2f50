#include "server/demo_keys.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "adapters/sign/key_directory.hpp"
#include "server/runtime.hpp"

namespace motcua::server {

namespace {

inline constexpr const char* kDemoProvince = "Lào Cai";

// The leaders of the demo users file, with the names of the agencies they lead.
std::vector<adapters::sign::DemoKeyHolder> demo_leaders(const app::DemoFiles& files) {
  std::map<std::string, std::string> agency_names;
  const auto agencies = nlohmann::json::parse(files.agencies, nullptr, false);
  if (agencies.is_object())
    for (const auto& a : agencies.value("agencies", nlohmann::json::array()))
      agency_names[a.value("code", "")] = a.value("name", "");
  std::vector<adapters::sign::DemoKeyHolder> out;
  const auto users = nlohmann::json::parse(files.users, nullptr, false);
  if (!users.is_object()) return out;
  for (const auto& u : users.value("users", nlohmann::json::array())) {
    for (const auto& role : u.value("roles", nlohmann::json::array())) {
      if (role.value("role", "") != "leader") continue;
      const std::string agency = role.value("agency_code", "");
      out.push_back({u.value("username", ""), u.value("full_name", ""), agency, agency_names[agency]});
    }
  }
  return out;
}

}  // namespace

core::Status issue_demo_signing_keys(const Runtime& rt) {
  const auto& c = rt.config;
  auto ca =
      adapters::sign::ensure_demo_ca(c.signing_keys_dir, c.signing_key_passphrase, kDemoProvince, rt.clock);
  if (!ca) return ca.error();
  return adapters::sign::issue_demo_keys(c.signing_keys_dir, c.signing_key_passphrase,
                                         demo_leaders(embedded_demo_files()), kDemoProvince, rt.clock);
}

}  // namespace motcua::server
