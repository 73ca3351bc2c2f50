// Runtime: the composition root's object graph (storage, crypto, clock, use cases), built from a Config.
// main owns one Runtime; commands borrow it. Not copyable.
#pragma once

#include <memory>

#include "app/auth.hpp"
#include "app/calendar_service.hpp"
#include "app/catalogue.hpp"
#include "app/demo.hpp"
#include "app/documents_port.hpp"
#include "app/dossier_forms.hpp"
#include "app/dossier_service.hpp"
#include "app/files_port.hpp"
#include "app/organisation.hpp"
#include "core/clock.hpp"
#include "server/config.hpp"

namespace motcua::server {

struct Runtime {
  // `clock`: the time source of every use case; null for the system clock (tests pass a FakeClock).
  explicit Runtime(const core::Clock* injected = nullptr) : clock(injected ? *injected : system_clock) {}
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  Config config;
  core::SystemClock system_clock;
  const core::Clock& clock;
  std::unique_ptr<app::Store> store;
  std::unique_ptr<app::Crypto> crypto;
  std::unique_ptr<app::AuthService> auth;
  std::unique_ptr<app::CatalogueService> catalogue;
  std::unique_ptr<app::OrganisationService> organisation;
  std::unique_ptr<app::CalendarService> calendar;
  std::unique_ptr<app::BlobStore> blobs;
  std::unique_ptr<app::FileSniffer> sniffer;
  std::unique_ptr<app::ResultRenderer> result_renderer;
  std::unique_ptr<app::SigningKeys> signing_keys;
  std::unique_ptr<app::ResultIssuer> results;  // used by dossiers: declared before it
  std::unique_ptr<app::DossierService> dossiers;
  std::unique_ptr<app::FormRenderer> form_renderer;
  std::unique_ptr<app::DossierForms> forms;
  std::unique_ptr<app::SignatureVerifier> signature_verifier;
};

// Creates the data directory, opens the database and applies pending migrations. `clock` (null: the system
// clock) must outlive the Runtime.
core::Result<std::unique_ptr<Runtime>> open_runtime(const Config& config, const core::Clock* clock = nullptr);

// The demo province files compiled into the binary (data/demo).
app::DemoFiles embedded_demo_files();

}  // namespace motcua::server
