// The SigningKeys port (app/documents_port.hpp) on a directory of certificates and encrypted keys:
//
//   <dir>/personal/<username>/certificate.pem   the official's certificate, then its chain (PEM)
//   <dir>/personal/<username>/key.pem           PKCS#8 "ENCRYPTED PRIVATE KEY" under the key passphrase
//   <dir>/personal/<username>/image.png         the handwritten signature (blue, transparent), optional
//   <dir>/seal/<agency code>/...                the same for the agency's seal (image: the red seal)
//   <dir>/ca/{certificate.pem,key.pem}          the agency's own CA (`motcua keys ca create`) or the demo CA
//
// Signers are made on first use and cached until the certificate file changes (a renewed certificate is
// picked up without a restart; a removed one makes the lookup fail). Several app processes must share the
// directory (or use PKCS#11 tokens). Thread-safe.
//
//   auto keys = make_key_directory({.dir = "var/keys", .passphrase = config.signing_key_passphrase}, clock);
//   auto leader = keys->personal("lanhdao.sotuphap");  // shared_ptr<const app::Signer>
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sign/cades.hpp"
#include "adapters/sign/pki.hpp"
#include "app/documents_port.hpp"
#include "core/clock.hpp"

namespace motcua::adapters::sign {

struct KeyDirectoryOptions {
  std::string dir;
  std::string passphrase;                                   // decrypts every key.pem
  std::shared_ptr<const TimestampAuthority> tsa = nullptr;  // for B-T signatures; may be null
};

std::unique_ptr<app::SigningKeys> make_key_directory(KeyDirectoryOptions options, const core::Clock& clock);

enum class KeyOwner { kPersonal, kSeal };

// Where the files of `name` live: <dir>/personal/<name> or <dir>/seal/<name>.
std::string identity_dir(const std::string& dir, KeyOwner owner, const std::string& name);

// Writes (or replaces) the certificate, chain, encrypted key and image of `name` (a username or an agency
// code). InvalidArgument "signature.key_owner_name" for a name that could leave the directory.
core::Status install_identity(const std::string& dir, std::string_view passphrase, KeyOwner owner,
                              const std::string& name, const SigningIdentity& identity);

// The identities installed in `dir`, personal ones first, each kind sorted by name. A directory whose
// certificate.pem is missing or unreadable is listed with a null certificate (has_key tells whether key.pem
// is there). An absent `dir` lists nothing.
struct InstalledIdentity {
  KeyOwner owner = KeyOwner::kPersonal;
  std::string name;     // username or agency code
  X509Ptr certificate;  // the first certificate of certificate.pem (the owner's), or null
  bool has_key = false;
};
core::Result<std::vector<InstalledIdentity>> list_identities(const std::string& dir);

// The CA of <dir>/ca: `ca_certificate_path` is where its certificate lives (the file to add to
// signature_trust_anchors). `install_ca` writes (or replaces) it, the key encrypted under `passphrase`, key
// first; `load_ca` reads it back: NotFound "signature.no_ca" when absent, the key's errors (wrong passphrase)
// otherwise.
std::string ca_certificate_path(const std::string& dir);
core::Status install_ca(const std::string& dir, std::string_view passphrase, const CertificateAuthority& ca);
core::Result<CertificateAuthority> load_ca(const std::string& dir, std::string_view passphrase);

// Demo keys: the demo CA of <dir>/ca (created when absent; returns the path of its certificate, to trust
// when verifying), then a personal certificate for each leader and a seal for each of their agencies that
// does not have one yet, with drawn signature and seal images. EC P-256 keys, so that a demo start stays
// fast.
struct DemoKeyHolder {
  std::string username;
  std::string full_name;
  std::string agency_code;
  std::string agency_name;
};
core::Result<std::string> ensure_demo_ca(const std::string& dir, std::string_view passphrase,
                                         const std::string& province, const core::Clock& clock);
core::Status issue_demo_keys(const std::string& dir, std::string_view passphrase,
                             const std::vector<DemoKeyHolder>& leaders, const std::string& province,
                             const core::Clock& clock);

}  // namespace motcua::adapters::sign
