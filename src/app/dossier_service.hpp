// DossierService: the one-stop process's use cases (issue 4). Submitting a dossier (online by the applicant,
// or at the desk by a desk officer on the applicant's behalf, received at once), every workflow action,
// reading a dossier, the public status lookup, inboxes and search, file uploads, and administrators' workflow
// definitions. Each change loads the aggregate, asks the domain for the transition, and commits the new
// state, its history rows, an audit row and an outbox row in one transaction (design decision 3).
// Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/auth.hpp"
#include "app/calendar_service.hpp"
#include "app/catalogue.hpp"
#include "app/dossier_ports.hpp"
#include "app/dossier_result.hpp"
#include "app/files_port.hpp"
#include "core/worker_pool.hpp"

namespace motcua::app {

struct ComponentInput {
  std::string name;    // the dossier component (as the procedure lists it)
  std::string sha256;  // an uploaded file
};

struct SubmitInput {
  std::string procedure_code;
  std::string receiving_agency;  // the desk (one-stop section) that receives it
  domain::Channel channel = domain::Channel::kOnline;
  domain::Applicant applicant;
  std::map<std::string, std::string> declaration;
  std::vector<ComponentInput> components;
  std::string idempotency_key;  // optional: a retry with the same key returns the same dossier
};

struct UploadedFile {
  std::string sha256;
  std::int64_t size = 0;
  std::string content_type;
};

// What anyone holding the code may see: no personal data.
struct PublicStatus {
  std::string code;
  std::string procedure_code;
  std::string procedure_name;
  domain::DossierState state = domain::DossierState::kSubmittedOnline;
  core::UnixSeconds submitted_at = 0;
  core::UnixSeconds received_at = 0;
  core::UnixSeconds due_at = 0;
  core::UnixSeconds finished_at = 0;
  std::string current_step;  // the step's name, while in process
  int steps_done = 0;
  int steps_total = 0;
  bool extended = false;
  bool has_result = false;  // the signed result can be downloaded (by the applicant, signed in)
};

struct DossierView {
  domain::Dossier dossier;
  std::vector<std::string> actions;  // what the viewer may do now
  std::string procedure_name;
};

// The signed result of a dossier, for download.
struct ResultFile {
  domain::ResultDocument document;
  std::string pdf;
  std::string file_name;  // "ket-qua-<code>.pdf"
};

struct FileLimits {
  std::int64_t max_bytes = 10 << 20;
  std::vector<std::string> allowed_types = {"application/pdf", "image/jpeg", "image/png"};
};

class DossierService {
 public:
  // `results` issues the signed result when a leader's action completes processing (see dossier_result.hpp);
  // without it dossiers complete without a result document.
  DossierService(Store& store, AuthService& auth, CatalogueService& catalogue, CalendarService& calendars,
                 BlobStore& blobs, FileSniffer& sniffer, const core::Clock& clock, FileLimits limits = {},
                 ResultIssuer* results = nullptr);

  // Any signed-in user may upload; the type is sniffed from the bytes. InvalidArgument for empty files or a
  // type outside the allowed list, PayloadTooLarge over the limit.
  core::Result<UploadedFile> upload(const Actor& actor, std::string_view bytes);
  core::Result<DossierView> submit(const Actor& actor, SubmitInput input, const std::string& remote,
                                   const std::string& request_id);
  using ViewDone = std::function<void(core::Result<DossierView>)>;
  // submit() without holding the caller's thread while the dossier is committed and synced: `done` gets the
  // same answer, once, possibly before this returns (a refused submission) and possibly on one of the store's
  // threads (Store::write_async); it must not throw.
  void submit_async(const Actor& actor, SubmitInput input, const std::string& remote,
                    const std::string& request_id, ViewDone done);
  // `expected_version`: the version the client read (0: do not check); Conflict when the dossier changed
  // since.
  core::Result<DossierView> act(const Actor& actor, const std::string& code,
                                const domain::ActionRequest& request, std::int64_t expected_version,
                                const std::string& remote, const std::string& request_id);
  // act() without holding the caller's thread while the decision is committed and synced; `done` as for
  // submit_async.
  void act_async(const Actor& actor, const std::string& code, const domain::ActionRequest& request,
                 std::int64_t expected_version, const std::string& remote, const std::string& request_id,
                 ViewDone done);
  core::Result<DossierView> get(const Actor& actor, const std::string& code);
  // The signed result PDF, for whoever may see the dossier (the applicant, officials of its units);
  // PermissionDenied for others, NotFound "dossier.no_result" before the leader approves.
  core::Result<ResultFile> result(const Actor& actor, const std::string& code);
  // Served from an in-memory cache invalidated by this process's commits (at most `cache_ttl_seconds` stale
  // with several app processes), since it is the most frequent public question.
  core::Result<std::shared_ptr<const PublicStatus>> status(const std::string& code);
  // What the official must act on now: open tasks of the (agency, role) pairs they hold (only `agency_code`'s
  // when set, which they must serve), by due time.
  core::Result<std::vector<InboxItem>> inbox(const Actor& actor, InboxQuery query);
  // A unit's whole queue: every open task of `agency_code` and of its sub-agencies (a commune's one-stop
  // section under its People's Committee...), whatever the role, by due time; `page` gives the cursor and
  // limit. For leaders of the agency or of an agency above it, administrators and supervisors; others get
  // PermissionDenied (audited); an unknown agency is NotFound.
  core::Result<std::vector<InboxItem>> unit_inbox(const Actor& actor, const std::string& agency_code,
                                                  InboxQuery page);
  core::Result<std::vector<DossierSummary>> search(const Actor& actor, DossierQuery query);
  // Administrators store a new workflow version (validated); returns the stored definition.
  core::Result<domain::WorkflowDefinition> save_workflow(const Actor& actor, domain::WorkflowDefinition def,
                                                         const std::string& remote);
  // Operator-side loading of workflow definitions (demo data).
  core::Status load_workflows(const std::vector<domain::WorkflowDefinition>& defs);

  core::UnixSeconds now() const { return clock_.now(); }

 private:
  class Calendars;
  struct Submission;
  struct Action;
  struct Decision;
  void start_action(std::shared_ptr<Action> a);
  // The decision of an action on the dossier as stored now, with everything the commit and the answer need.
  core::Result<std::shared_ptr<Decision>> decide_action(const Action& a);
  // The part of a submission outside its transaction: permissions, the catalogue, the workflow, validation,
  // the new dossier and its stored document.
  core::Result<std::shared_ptr<Submission>> prepare_submission(const Actor& actor, SubmitInput in,
                                                               const std::string& remote);
  core::Status commit_submission(Repositories& r, Submission& s);
  core::Result<domain::ProcedureTerms> terms_for(const domain::Procedure& p);
  core::Status check_can_view(const Actor& actor, const domain::Dossier& d);
  core::Result<domain::Dossier> build_new(const Actor& actor, const SubmitInput& in,
                                          const domain::Procedure& p, const domain::WorkflowDefinition& wf);
  using WorkflowPtr = std::shared_ptr<const domain::WorkflowDefinition>;
  core::Status bind_units(Repositories& r, domain::Dossier& d);
  // The workflow version a dossier runs on (its agency's, else the general one); versions are immutable, so
  // they are cached for the life of the service.
  core::Result<WorkflowPtr> workflow_of(Repositories& r, const domain::Dossier& d);
  // The version new dossiers of `procedure` at `agency` start on; cached like the catalogue (at most
  // cache_ttl_seconds stale with several processes, invalidated by this process's saves).
  core::Result<WorkflowPtr> latest_workflow(Repositories& r, const std::string& procedure,
                                            const std::string& agency);
  // Every agency, cached like the latest workflows; `refresh` reloads it (an agency created seconds ago).
  core::Result<std::shared_ptr<const std::vector<domain::Agency>>> agencies(Repositories& r, bool refresh);
  // The sniffed type and size of an uploaded file; NotFound if no such file was uploaded. Content-addressed
  // files never change, so the answer is cached.
  core::Result<domain::ComponentFile> component_of(const std::string& name, const std::string& sha256);
  void invalidate_workflows();
  core::Status record(Repositories& r, const Actor& actor, const domain::Dossier& d,
                      const std::string& action, const std::string& remote, const std::string& request_id);
  DossierView view(const Actor& actor, domain::Dossier d, const domain::WorkflowDefinition& wf,
                   const std::string& procedure_name);
  // What the result of a dossier the actor is approving needs from storage: the approving agency, its
  // superior and the place on the date line. Decided in decide_action's read.
  struct ResultPlan {
    domain::Agency agency;
    std::string superior_agency;
    std::string place;
  };
  core::Result<ResultPlan> plan_result(Repositories& r, const Actor& actor, const domain::Dossier& before,
                                       const domain::WorkflowDefinition& wf, const std::string& action);
  // Issues the signed result onto `t` (the dossier and a history row "issue_result"), outside any
  // transaction.
  core::Status attach_result(const Actor& actor, const ResultPlan& plan, const domain::WorkflowDefinition& wf,
                             const std::string& procedure_name, const std::string& opinion,
                             core::UnixSeconds now, domain::Transition& t);

  core::Result<PublicStatus> load_status(const std::string& code);
  void invalidate_status(const std::string& code);

  struct CachedStatus {
    std::shared_ptr<const PublicStatus> status;
    core::UnixSeconds loaded_at = 0;
  };
  std::shared_mutex status_mutex_;
  std::unordered_map<std::string, CachedStatus> status_cache_;  // guarded by status_mutex_
  std::atomic<std::uint64_t> status_generation_{0};
  std::int64_t cache_ttl_seconds_ = 5;

  // Small caches of slowly changing reference data, all guarded by cache_mutex_.
  struct LatestWorkflow {
    WorkflowPtr workflow;
    core::UnixSeconds loaded_at = 0;
  };
  struct FileMeta {
    std::string type;
    std::int64_t size = 0;
  };
  std::mutex cache_mutex_;
  std::unordered_map<std::string, WorkflowPtr> workflow_versions_;    // "procedure|agency|version"
  std::unordered_map<std::string, LatestWorkflow> latest_workflows_;  // "procedure|agency"
  std::uint64_t workflow_generation_ = 0;                             // bumped by every save
  std::shared_ptr<const std::vector<domain::Agency>> agencies_;
  core::UnixSeconds agencies_loaded_at_ = 0;
  std::unordered_map<std::string, FileMeta> file_meta_;  // by sha256

  Store& store_;
  AuthService& auth_;
  CatalogueService& catalogue_;
  CalendarService& calendars_;
  BlobStore& blobs_;
  FileSniffer& sniffer_;
  const core::Clock& clock_;
  FileLimits limits_;
  ResultIssuer* results_;
  // Where an action that lost a version race is decided again (start_action): deciding reads the dossier and,
  // for an approval, renders and signs its result, which must not hold up the store's thread that completed
  // the lost attempt (and the other writes of its batch). Last, so that it stops before the rest goes.
  core::WorkerPool retries_{1};
};

// The party of the domain state machine for an actor.
domain::Party party_of(const Actor& actor);

}  // namespace motcua::app
