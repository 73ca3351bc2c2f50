#include "adapters/sign/signer.hpp"

#include <array>
#include <atomic>
#include <mutex>
#include <optional>

#include "adapters/pdf/stamp.hpp"
#include "adapters/sign/pdf_incremental.hpp"
#include "adapters/sign/pki.hpp"
#include "core/time.hpp"

namespace motcua::adapters::sign {

namespace {

constexpr std::size_t kCmsOverhead = 2048;         // signer info, attributes, signature value, structure
constexpr std::size_t kTimestampAllowance = 8192;  // a TSA token with its certificate chain
constexpr std::size_t kTimestampSlack = 16;        // room for a token a few bytes longer than the last one

// Decree 30/2020 App. I: attachments and copies carry the agency signature in the top-right corner of page 1.
constexpr app::SignatureBox kTopRightBox{0, 210 - 15 - 75, 2, 75, 13};

class PdfSigner final : public app::Signer {
 public:
  PdfSigner(SigningIdentity identity, const core::Clock& clock, std::shared_ptr<const TimestampAuthority> tsa)
      : identity_(std::move(identity)), clock_(clock), tsa_(std::move(tsa)) {
    X509* cert = identity_.certificate.get();
    summary_ = {subject_entry(cert, NID_commonName), subject_entry(cert, NID_organizationName), role_of(cert),
                to_hex(sha256(certificate_der(cert))), asn1_time_to_unix(X509_get0_notAfter(cert))};
    reserved_ = kCmsOverhead + certificate_der(cert).size();
    for (int i = 0; identity_.chain && i < sk_X509_num(identity_.chain.get()); ++i)
      reserved_ += certificate_der(sk_X509_value(identity_.chain.get(), i)).size();
    // The image is decoded and compressed for PDF once here; every visible signature copies those bytes.
    if (!identity_.image_png.empty()) image_ = pdf::encode_png_for_pdf(identity_.image_png);
  }

  const app::SignerSummary& summary() const override { return summary_; }

  core::Result<std::string> sign_pdf(std::string_view pdf,
                                     const app::PdfSignRequest& request) const override {
    MOTCUA_RETURN_IF_ERROR(check_pdf_header(pdf));
    const core::UnixSeconds now = clock_.now();
    MOTCUA_RETURN_IF_ERROR(check_signing_certificate(identity_.certificate.get(), now));
    auto tsa = tsa_for(request.level);
    if (!tsa) return tsa.error();
    PdfSignatureFields fields{request.reason, request.location, summary_.common_name, pdf_date_vn(now)};
    auto widget = make_widget(request, now);
    if (!widget) return widget.error();
    return sign_exact_fit(pdf, fields, *widget, request.level, *tsa);
  }

  core::Result<std::string> sign_detached(std::string_view data, app::SignatureLevel level) const override {
    MOTCUA_RETURN_IF_ERROR(check_signing_certificate(identity_.certificate.get(), clock_.now()));
    auto tsa = tsa_for(level);
    if (!tsa) return tsa.error();
    return sign_digest(sha256(data), *tsa);
  }

 private:
  // Reserves exactly the CMS's size in /Contents when it can, so that no zero padding is left unsigned there
  // (a changed padding byte goes unnoticed by other validators; ours rejects non-zero padding). A B-B CMS
  // with an RSA key has the same size for every document, so after the first signature one pass suffices.
  // ECDSA signatures and timestamp tokens vary by a few bytes between calls: a second pass aims at the size
  // just seen and, if the new CMS is a little larger, a third pass leaves kTimestampSlack bytes of zero
  // padding.
  core::Result<std::string> sign_exact_fit(std::string_view pdf, const PdfSignatureFields& fields,
                                           const PdfWidget& widget, app::SignatureLevel level,
                                           const TimestampAuthority* tsa) const {
    auto& expected = expected_size_[level == app::SignatureLevel::kBaselineB ? 0 : 1];
    std::size_t reserved = expected.load();
    if (reserved == 0) reserved = reserved_ + (tsa != nullptr ? kTimestampAllowance : 0);
    for (int attempt = 1;; ++attempt) {
      std::size_t produced = 0;
      auto out = add_pdf_signature(pdf, fields, widget, reserved, [&](std::string_view digest) {
        auto cms = sign_digest(digest, tsa);
        if (cms) produced = cms->size();
        return cms;
      });
      if (produced != 0) expected.store(produced);
      const bool too_large = !out && out.error().code_id == "signature.too_large";
      if (out && (produced == reserved || attempt >= 2)) return out;
      if ((!out && !too_large) || attempt == 3) return out;
      reserved = produced + (attempt == 2 ? kTimestampSlack : 0);
    }
  }

  core::Result<const TimestampAuthority*> tsa_for(app::SignatureLevel level) const {
    if (level == app::SignatureLevel::kBaselineB) return static_cast<const TimestampAuthority*>(nullptr);
    if (!tsa_)
      return core::Error{core::ErrorCode::kFailedPrecondition, "signature.no_tsa",
                         "Chưa cấu hình máy chủ cấp dấu thời gian (TSA) để ký có dấu thời gian.",
                         "No time-stamping authority is configured for B-T signatures.", ""};
    return tsa_.get();
  }

  core::Result<std::string> sign_digest(std::string_view digest, const TimestampAuthority* tsa) const {
    if (!identity_.token) return cades_sign_digest(identity_, digest, tsa);
    std::lock_guard lock(token_mutex_);  // one PKCS#11 session: one operation at a time
    return cades_sign_digest(identity_, digest, tsa);
  }

  // Text of the visible signature. A seal with an image shows the image alone: it overlaps the leader's
  // signature (Decree 30/2020), whose appearance already names the signer, the agency and the time.
  std::vector<std::string> appearance_lines(const app::PdfSignRequest& request, core::UnixSeconds now) const {
    std::vector<std::string> lines;
    if (request.style == app::AppearanceStyle::kImageAndText &&
        summary_.role == app::SignerRole::kOrganisation && !identity_.image_png.empty())
      return lines;
    if (!request.heading.empty()) lines.push_back(request.heading);
    if (request.style == app::AppearanceStyle::kTextOnly) {
      lines.push_back(summary_.organisation.empty() ? summary_.common_name : summary_.organisation);
    } else {
      lines.push_back("Ký bởi: " + summary_.common_name);
      if (!summary_.organisation.empty() && summary_.organisation != summary_.common_name)
        lines.push_back("Cơ quan: " + summary_.organisation);
    }
    lines.push_back("Thời gian ký: " + core::format_instant_vn(now));
    return lines;
  }

  core::Result<PdfWidget> make_widget(const app::PdfSignRequest& request, core::UnixSeconds now) const {
    if (request.style == app::AppearanceStyle::kInvisible) return PdfWidget{};
    app::SignatureBox box = request.box;
    if (request.style == app::AppearanceStyle::kTextOnly && box.width_mm <= 0) box = kTopRightBox;
    constexpr double kPt = 72.0 / 25.4;
    const bool text_only = request.style == app::AppearanceStyle::kTextOnly;
    if (!text_only && image_ && !*image_) return image_->error();
    const pdf::PdfImage* image = text_only || !image_ ? nullptr : &**image_;
    pdf::StampSpec stamp{box.width_mm * kPt,
                         box.height_mm * kPt,
                         text_only ? pdf::StampLayout::kTextOnly : pdf::StampLayout::kImageAndText,
                         {},
                         appearance_lines(request, now),
                         7,
                         image != nullptr ? image->width : 0,
                         image != nullptr ? image->height : 0};
    auto appearance = pdf::render_stamp(stamp);
    if (!appearance) return appearance.error();
    PdfWidget widget{
        true, box.page, box.x_mm, box.y_mm, box.width_mm, box.height_mm, std::move(appearance->pdf)};
    if (image != nullptr && appearance->image_box) {
      const pdf::StampBox& at = *appearance->image_box;
      widget.image = PdfWidgetImage{image->width, image->height, image->rgb_flate, image->alpha_flate,
                                    at.x,         at.y,          at.width,         at.height};
    }
    return widget;
  }

  SigningIdentity identity_;
  std::optional<core::Result<pdf::PdfImage>> image_;  // identity_.image_png encoded for PDF, if any
  const core::Clock& clock_;
  std::shared_ptr<const TimestampAuthority> tsa_;
  app::SignerSummary summary_;
  std::size_t reserved_ = 0;
  mutable std::array<std::atomic<std::size_t>, 2> expected_size_{};  // last CMS size for B-B and B-T
  mutable std::mutex token_mutex_;
};

core::Result<X509StackPtr> chain_after_first(std::string_view pem) {
  if (pem.find("-----BEGIN") == std::string_view::npos) return X509StackPtr(sk_X509_new_null());
  auto all = parse_certificates(pem);
  if (!all) return all.error();
  X509_free(sk_X509_shift(all->get()));
  return std::move(*all);
}

}  // namespace

core::Result<std::unique_ptr<app::Signer>> make_signer(SigningIdentity identity, const core::Clock& clock,
                                                       std::shared_ptr<const TimestampAuthority> tsa) {
  if (!identity.certificate)
    return core::Error::invalid("signature.bad_certificate", "Thiếu chứng thư số.", "No certificate.");
  MOTCUA_RETURN_IF_ERROR(check_key_matches(identity.certificate.get(), identity.key.get()));
  MOTCUA_RETURN_IF_ERROR(check_signing_certificate(identity.certificate.get(), clock.now()));
  if (!identity.chain) identity.chain.reset(sk_X509_new_null());
  return std::unique_ptr<app::Signer>(
      std::make_unique<PdfSigner>(std::move(identity), clock, std::move(tsa)));
}

core::Result<SigningIdentity> identity_from_pkcs12(std::string_view der, std::string_view password,
                                                   std::string image_png) {
  auto p12 = import_pkcs12(der, password);
  if (!p12) return p12.error();
  return SigningIdentity{nullptr, std::move(p12->certificate), std::move(p12->key), std::move(p12->chain),
                         std::move(image_png)};
}

core::Result<SigningIdentity> identity_from_encrypted_key(std::string_view certificate_pem,
                                                          std::string_view key_pem,
                                                          std::string_view passphrase,
                                                          std::string image_png) {
  auto cert = parse_certificate(certificate_pem);
  if (!cert) return cert.error();
  auto chain = chain_after_first(certificate_pem);
  if (!chain) return chain.error();
  auto key = decrypt_private_key(key_pem, passphrase);
  if (!key) return key.error();
  return SigningIdentity{nullptr, std::move(*cert), std::move(*key), std::move(*chain), std::move(image_png)};
}

core::Result<SigningIdentity> identity_from_token(std::string_view certificate_pem, const Pkcs11KeyRef& key,
                                                  std::string image_png) {
  auto cert = parse_certificate(certificate_pem);
  if (!cert) return cert.error();
  auto chain = chain_after_first(certificate_pem);
  if (!chain) return chain.error();
  auto token_key = load_pkcs11_key(key);
  if (!token_key) return token_key.error();
  return SigningIdentity{std::move(token_key->session), std::move(*cert), std::move(token_key->key),
                         std::move(*chain), std::move(image_png)};
}

}  // namespace motcua::adapters::sign
