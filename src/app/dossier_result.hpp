// ResultIssuer: the signed result of a dossier (issue 5, item 5). When the leader's action completes
// processing, DossierService asks it for the result document: it fills the result form from the dossier, its
// workflow's declaration labels and the approving agency, renders it (ResultRenderer), signs it with the
// leader's personal certificate and then the agency's seal over the left third of the leader's signature
// (Decree 30/2020 Appendix I, PAdES), and stores the PDF in the blob store. It runs in the decide phase of an
// action, outside any transaction; the blob is content-addressed, so a result stored by an attempt that then
// loses the race for the dossier is harmless. Nothing is issued when a signer is missing: the error names
// who lacks a certificate, and the dossier stays unapproved. Thread-safe (the ports are).
//
//   ResultIssuer issuer(renderer, keys, blobs);
//   auto result = issuer.issue({.dossier = approved, .workflow = wf, ...});  // domain::ResultDocument
#pragma once

#include <string>

#include "app/actor.hpp"
#include "app/documents_port.hpp"
#include "app/files_port.hpp"
#include "domain/dossier/dossier.hpp"
#include "domain/organisation.hpp"
#include "domain/procedure.hpp"

namespace motcua::app {

// Everything the result is made of. References must outlive the call.
struct ResultRequest {
  const domain::Dossier* dossier = nullptr;  // as approved (state completed)
  const domain::WorkflowDefinition* workflow = nullptr;
  std::string procedure_name;
  domain::Agency agency;        // the agency that approves and seals
  std::string superior_agency;  // its parent's name ("" at the top)
  std::string place;            // place on the date line: "Lào Cai"
  const Actor* leader = nullptr;
  std::string opinion;  // the leader's note on the approval
  core::UnixSeconds now = 0;
};

class ResultIssuer {
 public:
  ResultIssuer(ResultRenderer& renderer, SigningKeys& keys, BlobStore& blobs)
      : renderer_(renderer), keys_(keys), blobs_(blobs) {}
  ResultIssuer(const ResultIssuer&) = delete;
  ResultIssuer& operator=(const ResultIssuer&) = delete;

  // Renders, signs (leader, then seal) and stores the result. FailedPrecondition
  // "result.no_leader_certificate" / "result.no_seal_certificate" when a certificate is missing; the signers'
  // and the blob store's errors otherwise.
  core::Result<domain::ResultDocument> issue(const ResultRequest& request);

  // The form of the result, signed by `signer_name` (pure; exposed for tests).
  static ResultDocumentForm form_for(const ResultRequest& request, const std::string& signer_name);
  // "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" for a People's Committee, "GIÁM ĐỐC" for a department, else "THỦ
  // TRƯỞNG CƠ QUAN". The official's own position is not in the data model yet.
  static std::string signatory_title(const domain::Agency& agency);
  // The form set in force for a dossier's rule version.
  static FormSet form_set(const domain::Dossier& dossier);

 private:
  ResultRenderer& renderer_;
  SigningKeys& keys_;
  BlobStore& blobs_;
};

}  // namespace motcua::app
