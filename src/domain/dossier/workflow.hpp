// Workflow definitions as data (DIGIT / GOV.UK Pay style): per procedure, and optionally per agency, the
// steps of processing inside the one-stop process, who acts at each (a role in a unit fixed or resolved from
// the dossier), each step's share of the legal time limit, and the actions that lead from one step to the
// next. Definitions are versioned; a dossier keeps the version it started with. validate_workflow() rejects
// unreachable steps, dead ends, unknown targets and missing roles.
//
// The global dossier states (received, supplementation, refusal, completion...) are not declared here: they
// are the same for every procedure (dossier_state.hpp). A definition only declares the processing steps that
// run while the dossier is IN_PROCESS (or waiting for a consultation), from the first step after reception to
// the step whose action completes it.
//
// Example (birth registration, one level):
//   steps: [ {id: "tham_dinh", role: specialist, unit: receiving_agency, share: 1,
//             actions: {forward: "phe_duyet"}},
//            {id: "phe_duyet", role: leader, unit: receiving_agency, share: 1,
//             actions: {approve: "@complete", return_for_review: "tham_dinh"}} ]
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/dossier/declaration.hpp"
#include "domain/organisation.hpp"

namespace motcua::domain {

// Where the acting unit of a step comes from.
enum class UnitSource {
  kFixed,             // agency_code given in the definition
  kReceivingAgency,   // the agency whose desk received the dossier
  kApplicantCommune,  // the People's Committee of the applicant's commune (dossier field "commune_code")
  kProvince,          // the provincial agency given in agency_code (liên thông to the province)
};
const char* unit_source_name(
    UnitSource s);  // "fixed" | "receiving_agency" | "applicant_commune" | "province"
std::optional<UnitSource> parse_unit_source(std::string_view s);

// The target that completes processing (the dossier becomes COMPLETED, awaiting return).
inline constexpr const char* kCompleteTarget = "@complete";

// A branch of a parallel consultation: another agency gives its opinion within the step's share of time
// (counted on that agency's own calendar); the step's own actor continues when every branch has answered.
struct ConsultationBranch {
  std::string agency_code;
  Role role = Role::kSpecialist;
};

struct WorkflowStep {
  std::string id;    // stable id, a-z0-9_ (e.g. "tham_dinh")
  std::string name;  // shown to officials: "Thẩm định hồ sơ"
  Role role = Role::kSpecialist;
  UnitSource unit = UnitSource::kReceivingAgency;
  std::string agency_code;  // for kFixed / kProvince
  std::int32_t share = 1;   // weight of this step in the split of the time limit (0 = no time of its own)
  std::map<std::string, std::string> actions;  // action name -> next step id or kCompleteTarget
  std::vector<ConsultationBranch> consult;     // non-empty: a parallel consultation step (joins back here)
};

struct WorkflowDefinition {
  std::string procedure_code;
  std::string agency_code;  // empty: the default for the procedure; else this agency's variant
  std::int32_t version = 1;
  std::vector<WorkflowStep> steps;  // steps[0] is where processing starts
  std::vector<FormField> form;      // the declaration (tờ khai) submitted with the dossier

  const WorkflowStep* step(std::string_view id) const;
};

// Checks ids and names, roles, that every action target exists (or is kCompleteTarget), that every step is
// reachable from the first, that every step can reach completion (no dead ends), fixed units have an agency
// code, and consultation branches are well formed. Errors name the step in `field`
// ("steps[2].actions.approve").
core::Status validate_workflow(const WorkflowDefinition& def);

}  // namespace motcua::domain
