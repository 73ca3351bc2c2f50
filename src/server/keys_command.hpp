// `motcua keys`: the agency PKI from the shell (issue 5) — the agency's own CA, certificates it issues,
// PKCS#12 imports from a licensed CA, and a listing of what is installed in signing_keys_dir
// (adapters/sign/key_directory.hpp):
//
//   motcua keys ca create --name "CA Sở Tư pháp Lào Cai" [--org ...] [--force]
//   motcua keys issue  --personal USERNAME --name "Trần Quốc Bảo" [--org ...]  |  --seal CODE --name "Sở ..."
//   motcua keys import --personal USERNAME | --seal CODE  --p12 FILE [--image PNG]
//   motcua keys list
//
// Every certificate installed for an owner must be able to sign documents now, match its key and be of the
// owner's kind (personal for an official, organisational for a seal); the owner must exist (an official, an
// agency). Keys are encrypted at rest under signing_key_passphrase: without one, nothing is created. Nothing
// is written when a check fails. The PKCS#12 password comes from MOTCUA_P12_PASSWORD or the first line of
// standard input, never from the command line (it would show in `ps`).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "server/runtime.hpp"

namespace CLI {
class App;
}

namespace motcua::server {

struct KeysOptions {
  std::string personal;    // --personal USERNAME (issue, import)
  std::string seal;        // --seal AGENCY_CODE (issue, import)
  std::string p12_path;    // --p12 (import)
  std::string image_path;  // --image (import): the handwritten signature or the seal, PNG
  std::string name;        // --name: the CA's or the certificate's common name (ca create, issue)
  std::string org;         // --org: the organisation (ca create, issue --personal)
  bool force = false;      // --force (ca create): replace an existing CA
};

// The `keys` subcommand tree declared on a CLI11 app; the parsed values land in `options`.
struct KeysCommand {
  CLI::App* keys = nullptr;
  CLI::App* ca_create = nullptr;
  CLI::App* issue = nullptr;
  CLI::App* import = nullptr;
  CLI::App* list = nullptr;
  KeysOptions options;

  bool parsed() const;
};

// Declares `keys` on `app`. The returned object must outlive parsing and run_keys.
std::unique_ptr<KeysCommand> add_keys_command(CLI::App& app);

// Runs the parsed `keys` subcommand and returns the process exit code (messages in Vietnamese, English
// second). `env` is the MOTCUA_* environment (MOTCUA_P12_PASSWORD).
int run_keys(Runtime& rt, const KeysCommand& command, const std::map<std::string, std::string>& env);

}  // namespace motcua::server
