// JSON forms of the one-stop process's values: the dossier aggregate, its history events and workflow
// definitions. Used by the storage adapters (the dossiers.document and workflows.definition columns), the
// outbox payloads and the API, so that all of them read and write one format. Pure functions, thread-safe.
//
// Instants are integer unix seconds; enums are their stable names (domain::dossier_state_name, role_name...).
//
// Dossiers and events are written with write_dossier_members / write_dossier_event_members (RapidJSON's
// SAX writer, json_writer.hpp: no tree is built), members in key order; the nlohmann forms below
// (dossier_to_json, dossier_event_to_json) parse that text, for the tests that compare and corrupt members.
//
// Dossier (the whole aggregate except its history, which lives in its own rows; the stored document leaves
// out "code" and "version", which are columns of its row):
//   {"code", "procedure_code", "workflow_version", "rule_version", "receiving_agency",
//    "unit_bindings": {"applicant_commune": "..."}, "channel": "online"|"desk"|"post",
//    "applicant": {"kind": "person"|"organisation", "full_name", "personal_id", "tax_code", "address",
//                  "commune_code", "phone", "email", "user_id"},
//    "declaration": {"field": "value"}, "components": [{"name", "content_type", "size", "sha256"}],
//    "fee_vnd", "fee_paid", "state", "state_before_pause",
//    "tasks": [{"step_id", "branch", "agency_code", "role", "started_at", "due_at", "allowed_seconds"}],
//    "submitted_at", "received_at", "due_at", "original_due_at", "finished_at", "total_allowed_seconds",
//    "pauses": [{"from", "to"}], "supplement_requests", "extended", "version",
//    "result": {"title", "sha256", "size", "content_type", "issued_at", "agency_code", "signed_by",
//               "sealed_by"} (absent until the leader approves)}
// Event:
//   {"at", "actor_user_id", "actor", "action", "from_state", "to_state", "from_step", "to_step",
//    "from_agency", "to_agency", "note", "timeliness": "early"|"on_time"|"late" (absent when none),
//    "used_seconds", "allowed_seconds"}
// Workflow definition:
//   {"procedure_code", "agency_code" ("" or absent: the procedure's default), "version",
//    "steps": [{"id", "name", "role", "unit": "fixed"|"receiving_agency"|"applicant_commune"|"province",
//               "agency_code", "share", "actions": {"forward": "next_step", "approve": "@complete"},
//               "consult": [{"agency_code", "role"}]}],
//    "form": [{"key", "label", "type": "text"|"date"|..., "required", "max_length", "options": [...]}]}
//
// Stored forms are read back with dossier_from_json / dossier_event_from_json / workflow_from_stored_json:
// a missing member takes its default (so documents written before a field existed still load), a member of
// the wrong type or an unknown enum name is an InvalidArgument naming the field ("tasks[1].role"); storage
// reports it as a corrupt row. workflow_from_json is the STRICT form for administrators' input.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/dossier_ports.hpp"
#include "core/result.hpp"
#include "domain/dossier/dossier.hpp"
#include "domain/dossier/workflow.hpp"

namespace motcua::app {

class JsonWriter;

// The dossier without its history ("history" is never written and ignored when read).
nlohmann::json dossier_to_json(const domain::Dossier& d);
// Writes the members of dossier_to_json(d) into the object `w` has open (no braces), in key order, without
// "code" and "version" unless `with_identity`. A non-empty `result_download` becomes the result's "download"
// member (the API view's link to the signed PDF). The fast path: no tree is built (json_writer.hpp).
void write_dossier_members(JsonWriter& w, const domain::Dossier& d, bool with_identity,
                           std::string_view result_download = {});
// The document stored in a dossier's row: dossier_to_json without "code" and "version", which are columns
// of that row (dossier_from_json leaves them empty and zero when absent; the storage fills them). Leaving
// them out lets a submission encode its document before the write transaction, which assigns the code.
std::string encode_dossier_document(const domain::Dossier& d);
// The document and the folded applicant name that DossierRepository stores with `d`.
StoredForm stored_form(const domain::Dossier& d);
core::Result<domain::Dossier> dossier_from_json(const nlohmann::json& doc);

nlohmann::json dossier_event_to_json(const domain::DossierEvent& e);
// The members of dossier_event_to_json(e) into the object `w` has open, in key order.
void write_dossier_event_members(JsonWriter& w, const domain::DossierEvent& e);
core::Result<domain::DossierEvent> dossier_event_from_json(const nlohmann::json& doc,
                                                           const std::string& path = {});

nlohmann::json workflow_to_json(const domain::WorkflowDefinition& def);
// A stored definition, as written by workflow_to_json. Not validated again: a definition was validated when
// it was saved, and a stricter validator later must not make the dossiers that use it unreadable.
core::Result<domain::WorkflowDefinition> workflow_from_stored_json(const nlohmann::json& doc);
// A definition sent by an administrator: unknown fields, wrong types, unknown roles or unit sources are
// InvalidArgument naming the field under `path` ("steps[2].role"); then domain::validate_workflow. "version"
// is optional (1 when absent; the use case that stores it may assign the next one).
core::Result<domain::WorkflowDefinition> workflow_from_json(const nlohmann::json& doc,
                                                            const std::string& path = {});

}  // namespace motcua::app
