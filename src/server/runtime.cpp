#include "server/runtime.hpp"

#include <filesystem>

#include "adapters/crypto/sodium_crypto.hpp"
#include "adapters/files/local_files.hpp"
#include "adapters/pdf/form_renderer.hpp"
#include "adapters/pdf/result_document.hpp"
#include "adapters/sign/key_directory.hpp"
#include "adapters/sign/verifier.hpp"
#include "core/embedded.hpp"
#include "server/demo_keys.hpp"
#include "storage/open_store.hpp"

namespace motcua_demo_data {
const std::vector<motcua::core::EmbeddedFile>& files();
}

namespace motcua::server {

core::Result<std::unique_ptr<Runtime>> open_runtime(const Config& config, const core::Clock* clock) {
  auto rt = std::make_unique<Runtime>(clock);
  rt->config = config;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    return core::Error::invalid(
        "config.data_dir", "Không tạo được thư mục dữ liệu \"" + config.data_dir + "\": " + ec.message(),
        "Cannot create the data directory \"" + config.data_dir + "\": " + ec.message(), "data_dir");
  }
  storage::StoreOptions options;
  options.pool_size = config.db_pool;
  auto store = storage::open_store(config.database_url, options);
  if (!store) return store.error();
  rt->store = std::move(*store);
  auto applied = rt->store->migrate();
  if (!applied) return applied.error();
  auto crypto = adapters::make_sodium_crypto();
  if (!crypto) return crypto.error();
  rt->crypto = std::move(*crypto);
  rt->auth = std::make_unique<app::AuthService>(*rt->store, *rt->crypto, rt->clock);
  rt->catalogue = std::make_unique<app::CatalogueService>(*rt->store, *rt->auth, rt->clock);
  rt->organisation = std::make_unique<app::OrganisationService>(*rt->store, *rt->auth, rt->clock);
  rt->calendar = std::make_unique<app::CalendarService>(*rt->store, *rt->auth, rt->clock);
  auto blobs = adapters::make_local_blob_store(config.data_dir + "/blobs");
  if (!blobs) return blobs.error();
  rt->blobs = std::move(*blobs);
  auto sniffer = adapters::make_magic_sniffer();
  if (!sniffer) return sniffer.error();
  rt->sniffer = std::move(*sniffer);
  rt->result_renderer = adapters::pdf::make_result_renderer();
  rt->signing_keys = adapters::sign::make_key_directory(
      {.dir = config.signing_keys_dir, .passphrase = config.signing_key_passphrase}, rt->clock);
  rt->results = std::make_unique<app::ResultIssuer>(*rt->result_renderer, *rt->signing_keys, *rt->blobs);
  rt->dossiers = std::make_unique<app::DossierService>(
      *rt->store, *rt->auth, *rt->catalogue, *rt->calendar, *rt->blobs, *rt->sniffer, rt->clock,
      app::FileLimits{.max_bytes = config.max_upload_bytes}, rt->results.get());
  rt->form_renderer = adapters::pdf::make_form_renderer({.public_base_url = config.public_url});
  rt->forms = std::make_unique<app::DossierForms>(*rt->store, *rt->auth, *rt->dossiers, *rt->form_renderer);
  // In demo mode the demo CA signs the demo leaders' and seals' certificates (issued with the demo data), and
  // the verifier trusts it.
  std::string anchors = config.signature_trust_anchors;
  if (config.demo) {
    MOTCUA_RETURN_IF_ERROR(issue_demo_signing_keys(*rt));
    anchors += (anchors.empty() ? "" : ",") + config.signing_keys_dir + "/ca/certificate.pem";
  }
  auto verifier = adapters::sign::make_verifier_from_files(anchors, config.signature_crls, rt->clock);
  if (!verifier) return verifier.error();
  rt->signature_verifier = std::move(*verifier);
  return rt;
}

app::DemoFiles embedded_demo_files() {
  app::DemoFiles files;
  for (const auto& f : motcua_demo_data::files()) {
    if (f.name == "units.json") files.units = f.data;
    if (f.name == "agencies.json") files.agencies = f.data;
    if (f.name == "procedures.json") files.procedures = f.data;
    if (f.name == "users.json") files.users = f.data;
    if (f.name == "workflows.json") files.workflows = f.data;
  }
  return files;
}

}  // namespace motcua::server
