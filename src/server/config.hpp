// Config: every setting of the motcua binary in one documented struct, filled once in main from (in order
// of precedence, lowest first) built-in defaults, a JSON config file, MOTCUA_* environment variables and
// command-line flags, then validated. Passed down by const reference; nothing else reads the environment.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/result.hpp"

namespace motcua::server {

struct Config {
  // HTTP
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free port   (MOTCUA_LISTEN, --listen)
  std::string host = "127.0.0.1";         // derived from listen
  std::uint16_t port = 8080;              // derived from listen
  int threads = 0;                        // request threads; 0 = one per CPU      (MOTCUA_THREADS, --threads)
  std::int64_t max_body_bytes = 1 << 20;  // larger request bodies get 413         (MOTCUA_MAX_BODY_BYTES)
  // Bodies of the upload routes (dossier files, PDFs to verify): larger ones get 413
  // (MOTCUA_MAX_UPLOAD_BYTES)
  std::int64_t max_upload_bytes = 10 << 20;
  // Textual responses of at least this many bytes go gzip-compressed to clients that accept it; 0 never
  // (e.g. when a proxy in front compresses).                                 (MOTCUA_GZIP_MIN_BYTES)
  std::int64_t gzip_min_bytes = 1024;
  bool access_log = true;       // one JSON line per request on stdout   (MOTCUA_ACCESS_LOG=0|1)
  bool secure_cookies = false;  // set when served over HTTPS            (MOTCUA_SECURE_COOKIES=0|1)
  // Storage
  std::string data_dir = "./var";  // files and the default SQLite database (MOTCUA_DATA_DIR, --data-dir)
  std::string database_url;        // "postgresql://..." or a SQLite path; default DATA_DIR/motcua.db
                                   //                                       (MOTCUA_DATABASE, --database)
  int db_pool = 4;                 // reader connections (SQLite) / pool size (PostgreSQL)
  // Portal
  std::string portal_name = "Cổng dịch vụ công tỉnh Lào Cai";  // shown on every page (MOTCUA_PORTAL_NAME)
  // The portal's address as citizens reach it (http:// or https://, no trailing slash): the receipts' QR
  // codes open <public_url>/tra-cuu/<code>. Default: http://LISTEN.           (MOTCUA_PUBLIC_URL)
  std::string public_url;
  // Signatures: PEM files of the roots trusted when verifying signatures (the agency's CA, national roots)
  // and of CRLs, each a comma-separated list of paths; empty: signatures verify but no chain is trusted.
  std::string
      signature_trust_anchors;  //                                       (MOTCUA_SIGNATURE_TRUST_ANCHORS)
  std::string signature_crls;   //                                       (MOTCUA_SIGNATURE_CRLS)
  // Signing results: the directory of the leaders' personal certificates and the agencies' seals
  // (adapters/sign/key_directory.hpp; default DATA_DIR/keys) and the passphrase their keys are encrypted
  // under (in demo mode the demo password when empty).
  std::string signing_keys_dir;        //                                 (MOTCUA_SIGNING_KEYS_DIR)
  std::string signing_key_passphrase;  //                                 (MOTCUA_SIGNING_KEY_PASSPHRASE)
  // Demo
  bool demo = false;                               // load the demo province into an empty database (--demo)
  std::string demo_password = "motcua-demo-2026";  // password of the demo accounts (MOTCUA_DEMO_PASSWORD)
};

// Applies the keys of a JSON config file (the field names above) onto `config`. Unknown keys are errors.
core::Status apply_config_file(Config& config, const std::string& json_text);
// Applies MOTCUA_* variables from `env` (name -> value) onto `config`.
core::Status apply_environment(Config& config, const std::map<std::string, std::string>& env);
// Checks every field, derives host/port and the default database URL. Messages say what to fix.
core::Status finalize_config(Config& config);

}  // namespace motcua::server
