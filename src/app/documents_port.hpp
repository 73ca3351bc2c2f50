// Documents ports: official forms rendered as PDF, digital signatures on them, and their verification.
//
// Use cases fill plain form structs (no PDF or crypto types leak into app/) and call:
//   - FormRenderer::render_pdf(set, form)  → PDF bytes of an official form of Circular 01/2018/TT-VPCP or
//     Circular 03/2025/TT-VPCP (the set in force follows the dossier's legal-rule version);
//   - Signer::sign_pdf(pdf, request)        → the same PDF plus one PAdES signature (incremental update), so
//   a
//     leader's signature and then the agency seal can be added one after the other;
//   - Signer::sign_detached(bytes, level)   → a detached CMS signature (DER) for any other file;
//   - SignatureVerifier::verify_pdf(pdf)    → who signed, when, integrity and trust of every signature.
// Adapters: adapters/pdf (Cairo + Pango + libqrencode) and adapters/sign (OpenSSL 3 + PoDoFo for the
// incremental update only). Implementations are thread-safe unless their factory says otherwise.
//
// Times are core::UnixSeconds; the forms print them in Vietnam's time (UTC+7). Amounts are whole đồng.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace motcua::app {

// ---------------------------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------------------------

// The official form set. 2018: Circular 01/2018/TT-VPCP (forms 01-06). 2025: Circular 03/2025/TT-VPCP guiding
// Decree 118/2025 (forms 01-07: the apology becomes a request for an extension, 05 is the new stop notice).
enum class FormSet { k2018, k2025 };

// Where the visible signature goes, in millimetres from the top-left corner of a 0-based page.
struct SignatureBox {
  int page = 0;
  double x_mm = 0;
  double y_mm = 0;
  double width_mm = 0;
  double height_mm = 0;
};

// The header block every form opens with: the agency on the left, the national motto on the right.
struct AgencyHeader {
  std::string superior_agency;  // first line, e.g. "UBND TỈNH LÀO CAI" (may be empty)
  std::string agency;           // e.g. "SỞ TƯ PHÁP" or "BỘ PHẬN MỘT CỬA"
  std::string document_number;  // "Số: 15/PTN-STP" under the agency name (may be empty)
  std::string place;            // place on the date line: "Lào Cai, ngày 05 tháng 01 năm 2026"
  core::UnixSeconds issued_at = 0;
};

// The citizen or organisation the form is about.
struct Applicant {
  std::string name;
  std::string id_number;  // personal identification number or enterprise code (may be empty)
  std::string address;
  std::string phone;
  std::string email;
};

// An official who signs a form: the position line (e.g. "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC") and the name.
struct FormSignatory {
  std::string title;
  std::string name;
};

struct SubmittedDocument {
  std::string name;       // "Tờ khai đăng ký khai sinh"
  std::string copy_type;  // "Bản chính", "Bản sao", "Bản sao chứng thực"
  int quantity = 1;
};

enum class ResultDelivery { kAtCounter, kByPost, kOnline };

// Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. Carries a QR code of the dossier's public status page.
struct ReceiptForm {
  AgencyHeader header;
  std::string dossier_code;  // "000.00.01.H29-260310-0420"
  Applicant applicant;
  std::string request;  // Nội dung yêu cầu giải quyết (the procedure's name)
  std::vector<SubmittedDocument> documents;
  int dossier_sets = 1;         // Số lượng hồ sơ (bộ)
  std::string processing_time;  // Thời gian giải quyết theo quy định: "1 ngày làm việc", "Trong ngày"
  core::UnixSeconds received_at = 0;
  core::UnixSeconds due_at = 0;  // Thời gian trả kết quả
  ResultDelivery delivery = ResultDelivery::kAtCounter;
  std::optional<std::uint64_t> fee_vnd;  // printed in figures and in words when present
  std::string book_volume;               // "Vào Sổ theo dõi hồ sơ, Quyển số ..."
  std::string book_sequence;             // "... Số thứ tự ..."
  FormSignatory receiver;                // NGƯỜI TIẾP NHẬN HỒ SƠ
};

// Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
struct SupplementRequestForm {
  AgencyHeader header;
  std::string dossier_code;
  Applicant applicant;
  std::string request;
  core::UnixSeconds received_at = 0;
  std::vector<std::string> items;  // what to supplement or correct
  std::string reason;              // may be empty: the line is left out
  std::string contact_name;        // who helps the applicant
  std::string contact_phone;       // may be empty
  FormSignatory officer;           // NGƯỜI HƯỚNG DẪN
};

// Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ.
struct RefusalForm {
  AgencyHeader header;
  std::string dossier_code;  // may be empty: a refused dossier is often never registered
  Applicant applicant;
  std::string request;
  std::vector<std::string> reasons;
  FormSignatory officer;
};

// Mẫu 04: 2018 "Phiếu xin lỗi và hẹn lại ngày trả kết quả"; 2025 "Văn bản xin lỗi và đề nghị gia hạn thời
// gian giải quyết". The head of the agency signs.
struct ApologyForm {
  AgencyHeader header;
  std::string dossier_code;
  Applicant applicant;  // Kính gửi
  std::string request;
  core::UnixSeconds received_at = 0;
  core::UnixSeconds original_due_at = 0;
  std::string reason;
  core::UnixSeconds new_due_at = 0;
  FormSignatory head;
};

// Mẫu 05 of 2025 only: Thông báo dừng giải quyết hồ sơ.
struct StopNoticeForm {
  AgencyHeader header;
  std::string dossier_code;
  Applicant applicant;
  std::string request;
  core::UnixSeconds received_at = 0;
  std::string reason;
  FormSignatory head;
};

enum class StepResult { kNone, kEarly, kOnTime, kLate };  // trước hạn / đúng hạn / quá hạn

// One hand-over between units on the process-control slip.
struct ControlStep {
  std::string from_unit;
  std::string giver;
  std::string to_unit;
  std::string receiver;
  core::UnixSeconds handed_at = 0;
  StepResult result = StepResult::kNone;
  std::string note;
};

// 2018 Mẫu 05 / 2025 Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ.
struct ControlSlipForm {
  AgencyHeader header;
  std::string dossier_code;
  Applicant applicant;  // Kèm theo hồ sơ của
  core::UnixSeconds received_at = 0;
  core::UnixSeconds due_at = 0;
  std::string handling_unit;
  std::string coordinating_units;
  std::vector<ControlStep> steps;
};

struct TrackingRow {
  std::string dossier_code;
  std::string procedure;
  int dossier_sets = 1;
  std::string applicant_name;
  std::string address_phone;
  std::string lead_agency;
  core::UnixSeconds received_at = 0;
  core::UnixSeconds due_at = 0;
  std::optional<core::UnixSeconds> transferred_at;
  std::optional<core::UnixSeconds> result_received_at;
  std::optional<core::UnixSeconds> returned_at;
  std::string note;
};

// 2018 Mẫu 06 / 2025 Mẫu 07: Sổ theo dõi hồ sơ (landscape; rows flow onto as many pages as needed).
struct TrackingBookForm {
  AgencyHeader header;
  std::string period;  // "Tháng 3 năm 2026"
  std::vector<TrackingRow> rows;
};

using FormData = std::variant<ReceiptForm, SupplementRequestForm, RefusalForm, ApologyForm, StopNoticeForm,
                              ControlSlipForm, TrackingBookForm>;

// A rendered form: the PDF and where the agency-side signatory's signature goes (the space between the
// position line and the name), so a visible signature can be placed there later.
struct RenderedForm {
  std::string pdf;
  std::optional<SignatureBox> signature_box;
};

class FormRenderer {
 public:
  virtual ~FormRenderer() = default;
  // A4 PDF of `form` in `set`, with embedded fonts and extractable text. InvalidArgument for text that is not
  // valid UTF-8; FailedPrecondition for a form the set does not have (the stop notice in 2018).
  virtual core::Result<RenderedForm> render_pdf(FormSet set, const FormData& form) const = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// The result of a dossier
// ---------------------------------------------------------------------------------------------------------------

// One line of what was requested, as the procedure's declaration labels it ("Họ, chữ đệm, tên của trẻ").
struct ResultParticular {
  std::string label;
  std::string value;
};

// The result document issued when the leader approves a dossier: a Decree 30/2020 "Thông báo" of the
// result of the administrative procedure (agency | national motto header, place and date, the dossier code,
// the applicant, the procedure, what was requested, the decision, recipients and the signer block). The legal
// basis cited follows the dossier's rule version (Decree 61/2018 for 2018, Decree 118/2025 for 2025).
struct ResultDocumentForm {
  AgencyHeader header;
  std::string dossier_code;
  Applicant applicant;
  std::string procedure;       // the procedure's name
  std::string procedure_code;  // "1.001193"
  core::UnixSeconds received_at = 0;
  std::vector<ResultParticular> particulars;
  std::string decision;                 // the outcome, one sentence
  std::string opinion;                  // the leader's note on approval (may be empty)
  std::vector<std::string> recipients;  // Nơi nhận
  FormSignatory signatory;              // e.g. {"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Nông Văn Thành"}
};

class ResultRenderer {
 public:
  virtual ~ResultRenderer() = default;
  // A4 PDF with embedded fonts and extractable text, and the signatory's signing space. InvalidArgument for
  // text that is not valid UTF-8.
  virtual core::Result<RenderedForm> render_result(FormSet set, const ResultDocumentForm& form) const = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// Signatures
// ---------------------------------------------------------------------------------------------------------------

// B-B: CAdES signed attributes with signing-certificate-v2. B-T adds an RFC 3161 timestamp on the signature.
enum class SignatureLevel { kBaselineB, kBaselineT };

// Personal (a leader, an official) or organisational (the agency seal).
enum class SignerRole { kPersonal, kOrganisation };

// The visible appearance of Decree 30/2020 Appendix I: the signer's (blue) or seal's (red) PNG image when the
// identity has one, and text lines: signer, organisation, signing time in ISO 8601 with +07:00.
enum class AppearanceStyle {
  kInvisible,
  kImageAndText,  // the main document: image plus signer / organisation / time
  kTextOnly,      // attachments and electronic copies: top-right of page 1, Times New Roman 10, no image
};

struct PdfSignRequest {
  SignatureLevel level = SignatureLevel::kBaselineB;
  AppearanceStyle style = AppearanceStyle::kImageAndText;
  SignatureBox box{};      // ignored when invisible
  std::string reason{};    // "Phê duyệt kết quả", "Đóng dấu"
  std::string location{};  // "Lào Cai"
  std::string heading{};   // optional first text line, e.g. "SAO Y" or "Số: 15/QĐ-UBND"
};

// What a signer is, from its certificate.
struct SignerSummary {
  std::string common_name;
  std::string organisation;
  SignerRole role = SignerRole::kPersonal;
  std::string certificate_sha256;  // lower-case hex of the DER certificate
  core::UnixSeconds not_after = 0;
};

class Signer {
 public:
  virtual ~Signer() = default;
  virtual const SignerSummary& summary() const = 0;
  // The PDF with one more signature appended as an incremental update; earlier signatures stay valid.
  // Failures: InvalidArgument (not a PDF, encrypted), FailedPrecondition (certificate expired or not for
  // signing at this moment), Unavailable (the TSA did not answer for B-T). Nothing is signed on failure.
  virtual core::Result<std::string> sign_pdf(std::string_view pdf, const PdfSignRequest& request) const = 0;
  // A detached CMS SignedData (DER) over `data`, with the same attributes as the PDF signatures.
  virtual core::Result<std::string> sign_detached(std::string_view data, SignatureLevel level) const = 0;
};

// Decree 30/2020 Appendix I: the red seal covers about the left third of the signer's signature. Given the
// leader's signature box, a square box of `seal_mm` whose right edge is one third into the signer's box and
// which is centred on it vertically.
inline SignatureBox seal_box_over(const SignatureBox& signer_box, double seal_mm) {
  const double right = signer_box.x_mm + signer_box.width_mm / 3;
  return {signer_box.page, right - seal_mm, signer_box.y_mm + (signer_box.height_mm - seal_mm) / 2, seal_mm,
          seal_mm};
}

// Where the signers of an agency's documents come from: each official's personal certificate and each
// agency's seal (organisational certificate), with their images. Thread-safe.
class SigningKeys {
 public:
  virtual ~SigningKeys() = default;
  // The personal signer of the official `username`. NotFound "signature.no_personal_certificate" when they
  // have none; the signer's own errors (expired certificate, wrong passphrase) otherwise.
  virtual core::Result<std::shared_ptr<const Signer>> personal(const std::string& username) = 0;
  // The seal of the agency `agency_code`. NotFound "signature.no_seal_certificate" when it has none.
  virtual core::Result<std::shared_ptr<const Signer>> seal(const std::string& agency_code) = 0;
};

enum class ChainStatus {
  kTrusted,        // reaches a configured trust anchor and every certificate was valid at the signing time
  kUntrusted,      // no path to a trust anchor
  kExpired,        // a certificate of the chain was outside its validity period at the signing time
  kRevoked,        // a configured CRL lists a certificate of the chain
  kNotForSigning,  // key usage / extended key usage does not allow document signing
  kInvalid,        // any other path-validation failure
};

enum class Modification {
  kNone,             // the signature covers the whole file
  kSignaturesAdded,  // later revisions only add signatures (fields, widgets, appearances), each one signed
  kChanged,          // anything else after this signature, e.g. unsigned bytes or a page's content replaced
};

struct SignatureReport {
  std::string field_name;
  std::string sub_filter;  // "ETSI.CAdES.detached", "adbe.pkcs7.detached"
  std::string signer_name;
  std::string organisation;
  std::string certificate_subject;
  std::string certificate_issuer;
  std::string certificate_serial;                   // hex
  std::optional<core::UnixSeconds> claimed_time;    // /M of the signature dictionary
  bool has_timestamp = false;                       // an RFC 3161 signature-time-stamp is attached (B-T)
  std::optional<core::UnixSeconds> timestamp_time;  // its genTime, when the token verifies (TSA trusted)
  bool bytes_intact = false;     // the digest over the ByteRange equals the signed messageDigest
  bool signature_valid = false;  // the CMS signature verifies with the signer's key
  ChainStatus chain = ChainStatus::kUntrusted;
  std::string chain_detail;         // OpenSSL's reason when not trusted
  bool revocation_checked = false;  // a CRL of the issuer was configured and consulted
  bool certificate_expired_now = false;
  Modification modification = Modification::kNone;
  std::uint64_t signed_until = 0;  // end offset of the revision this signature covers
  // True when the signature itself is sound: intact, valid, trusted chain.
  bool ok() const { return bytes_intact && signature_valid && chain == ChainStatus::kTrusted; }
};

struct PdfVerification {
  std::uint64_t file_size = 0;
  std::vector<SignatureReport> signatures;  // in file order (first signer first)
  // Every signature ok() and nothing but signatures added after any of them.
  bool all_valid() const;
};

inline bool PdfVerification::all_valid() const {
  if (signatures.empty()) return false;
  for (const auto& s : signatures)
    if (!s.ok() || s.modification == Modification::kChanged) return false;
  return true;
}

class SignatureVerifier {
 public:
  virtual ~SignatureVerifier() = default;
  // Reports every signature of an uploaded PDF. Errors (Vietnamese and English): InvalidArgument with
  // "signature.not_pdf", "signature.corrupt", "signature.encrypted", "signature.none".
  virtual core::Result<PdfVerification> verify_pdf(std::string_view pdf) const = 0;
  // Verifies a detached CMS signature (DER or PEM) over `data`.
  virtual core::Result<SignatureReport> verify_detached(std::string_view data,
                                                        std::string_view cms) const = 0;
};

}  // namespace motcua::app
