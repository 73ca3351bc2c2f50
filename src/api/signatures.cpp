#include "api/signatures.hpp"

#include "api/context.hpp"
#include "core/time.hpp"

namespace motcua::api {

namespace {

const char* chain_name(app::ChainStatus c) {
  switch (c) {
    case app::ChainStatus::kTrusted:
      return "trusted";
    case app::ChainStatus::kUntrusted:
      return "untrusted";
    case app::ChainStatus::kExpired:
      return "expired";
    case app::ChainStatus::kRevoked:
      return "revoked";
    case app::ChainStatus::kNotForSigning:
      return "not_for_signing";
    case app::ChainStatus::kInvalid:
      break;
  }
  return "invalid";
}

const char* modification_name(app::Modification m) {
  switch (m) {
    case app::Modification::kNone:
      return "none";
    case app::Modification::kSignaturesAdded:
      return "signatures_added";
    case app::Modification::kChanged:
      break;
  }
  return "changed";
}

// One sentence for people, Vietnamese: the verdict on one signature.
std::string verdict_vi(const app::SignatureReport& s) {
  if (!s.bytes_intact || !s.signature_valid)
    return "Chữ ký không hợp lệ: nội dung đã bị thay đổi sau khi ký.";
  if (s.modification == app::Modification::kChanged)
    return "Chữ ký đúng, nhưng tài liệu đã bị sửa đổi sau khi ký.";
  switch (s.chain) {
    case app::ChainStatus::kTrusted:
      return "Chữ ký hợp lệ, chứng thư số được tin cậy.";
    case app::ChainStatus::kUntrusted:
      return "Chữ ký đúng, nhưng chứng thư số không thuộc tổ chức được tin cậy.";
    case app::ChainStatus::kExpired:
      return "Chữ ký đúng, nhưng chứng thư số đã hết hạn tại thời điểm kiểm tra.";
    case app::ChainStatus::kRevoked:
      return "Chữ ký đúng, nhưng chứng thư số đã bị thu hồi.";
    case app::ChainStatus::kNotForSigning:
      return "Chứng thư số không được phép dùng để ký văn bản.";
    case app::ChainStatus::kInvalid:
      break;
  }
  return "Không xác minh được chứng thư số.";
}

nlohmann::json optional_time(const std::optional<core::UnixSeconds>& t) {
  return t ? nlohmann::json(core::format_instant_vn(*t)) : nlohmann::json(nullptr);
}

nlohmann::json signature_json(const app::SignatureReport& s) {
  return {{"field", s.field_name},
          {"sub_filter", s.sub_filter},
          {"signer", s.signer_name},
          {"organisation", s.organisation},
          {"certificate",
           {{"subject", s.certificate_subject},
            {"issuer", s.certificate_issuer},
            {"serial", s.certificate_serial},
            {"expired_now", s.certificate_expired_now}}},
          {"claimed_time", optional_time(s.claimed_time)},
          {"has_timestamp", s.has_timestamp},
          {"timestamp_time", optional_time(s.timestamp_time)},
          {"bytes_intact", s.bytes_intact},
          {"signature_valid", s.signature_valid},
          {"chain", chain_name(s.chain)},
          {"chain_detail", s.chain_detail},
          {"revocation_checked", s.revocation_checked},
          {"modification", modification_name(s.modification)},
          {"signed_until", s.signed_until},
          {"ok", s.ok() && s.modification != app::Modification::kChanged},
          {"verdict", verdict_vi(s)}};
}

http::Response verify(const app::SignatureVerifier& verifier, http::Request& req) {
  auto report = verifier.verify_pdf(req.body);
  if (!report) return error(report.error());
  return json_response(200, verification_json(*report));
}

// The public page: pick a PDF, send it to the API, show one card per signature. Plain HTML and a few lines of
// script; the server renders nothing user-supplied (results are inserted as text).
constexpr const char* kPage = R"HTML(<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Xác minh chữ ký số trên văn bản PDF</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
.card{border:1px solid #ccc;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}.ok{border-color:#2a7d2a}
.bad{border-color:#b32020}dt{font-weight:600}dd{margin:0 0 .4rem 0}</style></head>
<body><h1>Xác minh chữ ký số trên văn bản PDF</h1>
<p>Chọn tệp PDF để kiểm tra: ai đã ký, ký khi nào, nội dung còn nguyên vẹn hay không, chứng thư số có được tin cậy
và tài liệu có bị sửa sau khi ký hay không. Tệp chỉ được dùng để kiểm tra, không được lưu lại.</p>
<form id="f"><input type="file" id="file" accept="application/pdf,.pdf" required>
<button type="submit">Kiểm tra</button></form><div id="out" aria-live="polite"></div>
<script>
const out=document.getElementById('out');
function row(dl,k,v){const t=document.createElement('dt');t.textContent=k;const d=document.createElement('dd');d.textContent=v??'—';dl.append(t,d);}
document.getElementById('f').addEventListener('submit',async e=>{e.preventDefault();out.textContent='Đang kiểm tra…';
const file=document.getElementById('file').files[0];if(!file)return;
const r=await fetch('/api/v1/signatures/verify',{method:'POST',headers:{'Content-Type':'application/pdf'},body:file});
const j=await r.json();out.textContent='';
if(!r.ok){const p=document.createElement('p');p.textContent=j.error.message+' / '+j.error.message_en;out.append(p);return;}
j.signatures.forEach((s,i)=>{const c=document.createElement('div');c.className='card '+(s.ok?'ok':'bad');
const h=document.createElement('h2');h.textContent='Chữ ký '+(i+1)+': '+s.verdict;c.append(h);
const dl=document.createElement('dl');row(dl,'Người ký',s.signer);row(dl,'Cơ quan',s.organisation);
row(dl,'Thời gian ký (khai báo)',s.claimed_time);row(dl,'Dấu thời gian',s.timestamp_time);
row(dl,'Nội dung nguyên vẹn',s.bytes_intact?'Có':'Không');row(dl,'Chuỗi chứng thư',s.chain);
row(dl,'Thay đổi sau khi ký',s.modification);row(dl,'Tổ chức cấp chứng thư',s.certificate.issuer);c.append(dl);out.append(c);});});
</script></body></html>
)HTML";

}  // namespace

nlohmann::json verification_json(const app::PdfVerification& v) {
  nlohmann::json sigs = nlohmann::json::array();
  for (const auto& s : v.signatures) sigs.push_back(signature_json(s));
  return {{"file_size", v.file_size}, {"all_valid", v.all_valid()}, {"signatures", std::move(sigs)}};
}

void add_signature_routes(http::Router& router, const app::SignatureVerifier& verifier) {
  router.post_upload("/api/v1/signatures/verify",
                     [&verifier](http::Request& r) { return verify(verifier, r); });
  router.get("/xac-minh-chu-ky", [](http::Request&) { return http::Response::html(200, kPage); });
}

}  // namespace motcua::api
