#include "server/runtime.hpp"

#include <filesystem>

#include "adapters/crypto/sodium_crypto.hpp"
#include "core/embedded.hpp"
#include "storage/open_store.hpp"

namespace motcua_demo_data {
const std::vector<motcua::core::EmbeddedFile>& files();
}

namespace motcua::server {

core::Result<std::unique_ptr<Runtime>> open_runtime(const Config& config) {
  auto rt = std::make_unique<Runtime>();
  rt->config = config;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    return core::Error::invalid("config.data_dir", "Không tạo được thư mục dữ liệu \"" + config.data_dir + "\": " + ec.message(),
                                "Cannot create the data directory \"" + config.data_dir + "\": " + ec.message(),
                                "data_dir");
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
  return rt;
}

app::DemoFiles embedded_demo_files() {
  app::DemoFiles files;
  for (const auto& f : motcua_demo_data::files()) {
    if (f.name == "units.json") files.units = f.data;
    if (f.name == "agencies.json") files.agencies = f.data;
    if (f.name == "procedures.json") files.procedures = f.data;
    if (f.name == "users.json") files.users = f.data;
  }
  return files;
}

}  // namespace motcua::server
