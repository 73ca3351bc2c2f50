#include "adapters/sign/pdf_incremental.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "adapters/sign/ossl.hpp"
#include "core/time.hpp"

namespace motcua::adapters::sign {

namespace {

using namespace PoDoFo;

constexpr double kPointsPerMm = 72.0 / 25.4;

core::Error not_pdf(const std::string& detail) {
  return core::Error::invalid("signature.not_pdf", "Tệp không phải PDF hợp lệ, không thể ký.",
                              "The file is not a valid PDF and cannot be signed: " + detail);
}

// PoDoFo 0.9.8 prints its diagnostics on stdout unless told not to; do that once per process.
void quiet_podofo() {
  static const bool once = [] {
    PdfError::EnableDebug(false);
    PdfError::EnableLogging(false);
    return true;
  }();
  (void)once;
}

// PoDoFo 0.9.8 numbers the objects it imports for an appearance from GetSize() + the free-list size, which is
// too low when earlier revisions left numbers unused (objects it created but never wrote): the imported
// objects would then collide with existing ones. Registering the unused numbers as free lifts the import
// above every object.
void reserve_unused_object_numbers(PdfVecObjects& objects) {
  std::set<pdf_objnum> used;
  pdf_objnum max = 0;
  for (const PdfObject* o : objects) {
    used.insert(o->Reference().ObjectNumber());
    max = std::max(max, o->Reference().ObjectNumber());
  }
  std::set<pdf_objnum> free;
  for (const auto& r : objects.GetFreeObjects()) free.insert(r.ObjectNumber());
  for (pdf_objnum n = 1; n <= max && objects.GetSize() + objects.GetFreeObjects().size() < max; ++n)
    if (used.count(n) == 0 && free.count(n) == 0) objects.AddFreeObject(PdfReference(n, 0));
}

// An image XObject whose stream is the already-compressed samples, copied as they are (no re-encoding).
PdfObject* image_object(PdfVecObjects& objects, int width, int height, const char* colour_space,
                        std::string_view flate) {
  PdfObject* image = objects.CreateObject("XObject");
  PdfDictionary& dict = image->GetDictionary();
  dict.AddKey(PdfName("Subtype"), PdfName("Image"));
  dict.AddKey(PdfName("Width"), PdfObject(static_cast<pdf_int64>(width)));
  dict.AddKey(PdfName("Height"), PdfObject(static_cast<pdf_int64>(height)));
  dict.AddKey(PdfName("ColorSpace"), PdfName(colour_space));
  dict.AddKey(PdfName("BitsPerComponent"), PdfObject(static_cast<pdf_int64>(8)));
  dict.AddKey(PdfName("Interpolate"), PdfObject(true));
  dict.AddKey(PdfName("Filter"), PdfName("FlateDecode"));
  PdfMemoryInputStream samples(flate.data(), static_cast<pdf_long>(flate.size()));
  image->GetStream()->SetRawData(&samples, static_cast<pdf_long>(flate.size()));
  return image;
}

// The widget's appearance: the pre-encoded image (if any) in its box, then the imported page (if any) on top.
PdfObject* appearance_with_image(PdfMemDocument& doc, const PdfWidget& widget, const PdfRect& box) {
  const PdfWidgetImage& img = *widget.image;
  PdfVecObjects& objects = doc.GetObjects();
  PdfObject* image = image_object(objects, img.width_px, img.height_px, "DeviceRGB", img.rgb_flate);
  if (!img.alpha_flate.empty())
    image->GetDictionary().AddKey(
        PdfName("SMask"),
        image_object(objects, img.width_px, img.height_px, "DeviceGray", img.alpha_flate)->Reference());
  PdfXObject form(PdfRect(0, 0, box.GetWidth(), box.GetHeight()), &doc);
  PdfDictionary xobjects;
  xobjects.AddKey(PdfName("Im0"), image->Reference());
  char content[256];
  std::snprintf(content, sizeof content, "q %.4f 0 0 %.4f %.4f %.4f cm /Im0 Do Q\n", img.width_pt,
                img.height_pt, img.x_pt, box.GetHeight() - img.y_pt - img.height_pt);
  std::string ops = content;
  if (!widget.appearance_pdf.empty()) {
    PdfMemDocument stamp;
    stamp.LoadFromBuffer(widget.appearance_pdf.data(), static_cast<long>(widget.appearance_pdf.size()));
    reserve_unused_object_numbers(objects);
    PdfXObject text(stamp, 0, &doc);
    xobjects.AddKey(PdfName("Tx0"), text.GetObjectReference());
    ops += "/Tx0 Do\n";
  }
  form.GetResources()->GetDictionary().AddKey(PdfName("XObject"), xobjects);
  PdfMemoryInputStream stream(ops.data(), static_cast<pdf_long>(ops.size()));
  form.GetContents()->GetStream()->SetRawData(&stream, static_cast<pdf_long>(ops.size()));
  return form.GetObject();
}

PdfString utf8(const std::string& s) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str()));
}

// The digest of everything but the /Contents placeholder, as PoDoFo's device exposes it after
// AdjustByteRange.
std::string digest_signed_ranges(PdfSignOutputDevice& device) {
  MdCtxPtr md(EVP_MD_CTX_new());
  EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr);
  char buf[65536];
  device.Seek(0);
  for (std::size_t n = 0; (n = device.ReadForSignature(buf, sizeof buf)) > 0;)
    EVP_DigestUpdate(md.get(), buf, n);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(md.get(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

PdfAcroForm* signature_form(PdfMemDocument& doc) {
  PdfAcroForm* form = doc.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
  PdfDictionary& dict = form->GetObject()->GetDictionary();
  dict.AddKey(PdfName("SigFlags"), PdfObject(static_cast<pdf_int64>(3)));  // SignaturesExist | AppendOnly
  return form;
}

std::string next_field_name(PdfAcroForm* form) {
  const PdfObject* fields = form->GetObject()->GetDictionary().GetKey(PdfName("Fields"));
  const std::size_t n = fields != nullptr && fields->IsArray() ? fields->GetArray().size() : 0;
  return "Signature" + std::to_string(n + 1);
}

core::Result<std::string> sign_loaded(PdfMemDocument& doc, const PdfSignatureFields& fields,
                                      const PdfWidget& widget, std::size_t reserved_bytes,
                                      const DigestSigner& sign) {
  if (widget.page < 0 || widget.page >= doc.GetPageCount())
    return core::Error::invalid("signature.bad_page", "Trang đặt chữ ký không tồn tại.",
                                "The signature's page does not exist.");
  PdfPage* page = doc.GetPage(widget.page);
  PdfAcroForm* form = signature_form(doc);
  const double page_h = page->GetPageSize().GetHeight();
  const PdfRect rect =
      widget.visible
          ? PdfRect(widget.x_mm * kPointsPerMm, page_h - (widget.y_mm + widget.height_mm) * kPointsPerMm,
                    widget.width_mm * kPointsPerMm, widget.height_mm * kPointsPerMm)
          : PdfRect(0, 0, 0, 0);
  PdfAnnotation* annot = page->CreateAnnotation(ePdfAnnotation_Widget, rect);
  annot->SetFlags(widget.visible ? ePdfAnnotationFlags_Print
                                 : static_cast<EPdfAnnotationFlags>(ePdfAnnotationFlags_Invisible |
                                                                    ePdfAnnotationFlags_Hidden));
  const std::string name = next_field_name(form);
  PdfSignatureField field(annot, form, &doc);
  field.SetFieldName(PdfString(name));
  if (widget.visible && widget.image) {
    PdfXObject appearance(appearance_with_image(doc, widget, rect));
    field.SetAppearanceStream(&appearance);
  } else if (widget.visible) {
    PdfMemDocument stamp;
    stamp.LoadFromBuffer(widget.appearance_pdf.data(), static_cast<long>(widget.appearance_pdf.size()));
    reserve_unused_object_numbers(doc.GetObjects());
    PdfXObject appearance(stamp, 0, &doc);
    field.SetAppearanceStream(&appearance);
  }
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  PdfSignOutputDevice signer(&device);
  signer.SetSignatureSize(reserved_bytes);
  field.SetSignature(*signer.GetSignatureBeacon());
  if (!fields.reason.empty()) field.SetSignatureReason(utf8(fields.reason));
  if (!fields.location.empty()) field.SetSignatureLocation(utf8(fields.location));
  PdfDictionary& sig = field.GetSignatureObject()->GetDictionary();
  sig.AddKey(PdfName("SubFilter"), PdfName("ETSI.CAdES.detached"));
  sig.AddKey(PdfName("M"), PdfString(fields.claimed_time));
  if (!fields.signer_name.empty()) sig.AddKey(PdfName("Name"), utf8(fields.signer_name));
  doc.WriteUpdate(&signer, true);
  if (!signer.HasSignaturePosition())
    return core::Error::internal("PoDoFo: signature placeholder not written");
  signer.AdjustByteRange();
  auto cms = sign(digest_signed_ranges(signer));
  if (!cms) return cms.error();
  if (cms->size() > reserved_bytes)
    return core::Error{core::ErrorCode::kFailedPrecondition, "signature.too_large",
                       "Chữ ký số lớn hơn vùng dành sẵn trong tệp PDF.",
                       "The signature is larger than the space reserved in the PDF.", ""};
  signer.SetSignature(PdfData(cms->data(), cms->size()));
  signer.Flush();
  return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace

core::Result<std::string> add_pdf_signature(std::string_view pdf, const PdfSignatureFields& fields,
                                            const PdfWidget& widget, std::size_t reserved_bytes,
                                            const DigestSigner& sign) {
  MOTCUA_RETURN_IF_ERROR(check_pdf_header(pdf));
  quiet_podofo();
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()), true);
    if (doc.GetEncrypted())
      return core::Error::invalid("signature.encrypted", "Tệp PDF được mã hóa, không thể ký.",
                                  "The PDF is encrypted and cannot be signed.");
    return sign_loaded(doc, fields, widget, reserved_bytes, sign);
  } catch (const PdfError& e) {
    if (e.GetError() == ePdfError_InvalidPassword)
      return core::Error::invalid("signature.encrypted", "Tệp PDF được mã hóa, không thể ký.",
                                  "The PDF is encrypted and cannot be signed.");
    return not_pdf(PdfError::ErrorMessage(e.GetError()) != nullptr ? PdfError::ErrorMessage(e.GetError())
                                                                   : "PoDoFo");
  }
}

core::Status check_pdf_header(std::string_view pdf) {
  if (pdf.substr(0, 5) != "%PDF-") return not_pdf("no %PDF- header");
  return {};
}

std::string pdf_date_vn(long long unix_seconds) {
  // format_instant_vn gives "2026-03-10T10:15:30+07:00".
  const std::string iso = core::format_instant_vn(unix_seconds);
  std::string digits;
  for (std::size_t i = 0; i < 19; ++i)
    if (iso[i] >= '0' && iso[i] <= '9') digits += iso[i];
  return "D:" + digits + "+07'00'";
}

}  // namespace motcua::adapters::sign
