#include "adapters/sign/key_directory.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "adapters/pdf/stamp.hpp"
#include "adapters/sign/pki.hpp"
#include "adapters/sign/signer.hpp"

namespace motcua::adapters::sign {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;

namespace {

const char* owner_dir(KeyOwner owner) {
  return owner == KeyOwner::kPersonal ? "personal" : "seal";
}

// Usernames and agency codes: letters, digits, '.', '_', '-', not starting with '.'.
bool safe_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Written to a temporary file and renamed, so a reader never sees half a key.
core::Status write_file(const fs::path& path, std::string_view bytes, bool secret) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Error::internal("cannot write " + tmp.string());
  }
  if (secret) ::chmod(tmp.c_str(), 0600);
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Error::internal("cannot rename " + tmp.string() + ": " + ec.message());
  return {};
}

std::string chain_pem(const SigningIdentity& identity) {
  std::string pem = certificate_pem(identity.certificate.get());
  if (identity.chain)
    for (int i = 0; i < sk_X509_num(identity.chain.get()); ++i)
      pem += certificate_pem(sk_X509_value(identity.chain.get(), i));
  return pem;
}

class KeyDirectory final : public app::SigningKeys {
 public:
  KeyDirectory(KeyDirectoryOptions options, const core::Clock& clock)
      : options_(std::move(options)), clock_(clock) {}

  core::Result<std::shared_ptr<const app::Signer>> personal(const std::string& username) override {
    return load(KeyOwner::kPersonal, username);
  }
  core::Result<std::shared_ptr<const app::Signer>> seal(const std::string& agency_code) override {
    return load(KeyOwner::kSeal, agency_code);
  }

 private:
  struct Cached {
    std::shared_ptr<const app::Signer> signer;
    fs::file_time_type certificate_time;
    fs::file_time_type key_time;
  };

  static Error missing(KeyOwner owner, const std::string& name) {
    if (owner == KeyOwner::kPersonal)
      return Error::not_found("signature.no_personal_certificate",
                              "Cán bộ " + name + " chưa có chứng thư số cá nhân.",
                              "The official " + name + " has no personal signing certificate.");
    return Error::not_found("signature.no_seal_certificate",
                            "Cơ quan " + name + " chưa có chứng thư số tổ chức (con dấu).",
                            "The agency " + name + " has no organisation (seal) certificate.");
  }

  core::Result<std::shared_ptr<const app::Signer>> load(KeyOwner owner, const std::string& name) {
    if (!safe_name(name)) return missing(owner, name);
    const fs::path base = fs::path(options_.dir) / owner_dir(owner) / name;
    std::error_code ec1, ec2;
    const auto cert_time = fs::last_write_time(base / "certificate.pem", ec1);
    const auto key_time = fs::last_write_time(base / "key.pem", ec2);
    const std::string key = std::string(owner_dir(owner)) + "/" + name;
    std::lock_guard lock(mutex_);
    if (ec1 || ec2) {
      cache_.erase(key);
      return missing(owner, name);
    }
    if (auto it = cache_.find(key);
        it != cache_.end() && it->second.certificate_time == cert_time && it->second.key_time == key_time)
      return it->second.signer;
    auto cert = read_file(base / "certificate.pem");
    auto key_pem = read_file(base / "key.pem");
    if (!cert || !key_pem) return missing(owner, name);
    auto identity = identity_from_encrypted_key(*cert, *key_pem, options_.passphrase,
                                                read_file(base / "image.png").value_or(""));
    if (!identity) return identity.error();
    auto signer = make_signer(std::move(*identity), clock_, options_.tsa);
    if (!signer) return signer.error();
    std::shared_ptr<const app::Signer> shared = std::move(*signer);
    cache_[key] = {shared, cert_time, key_time};
    return shared;
  }

  KeyDirectoryOptions options_;
  const core::Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Cached> cache_;  // guarded by mutex_
};

// A signing identity owning copies of an issued certificate and key.
SigningIdentity identity_of(IssuedCertificate issued, std::string png, X509* ca) {
  X509StackPtr chain(sk_X509_new_null());
  sk_X509_push(chain.get(), X509_dup(ca));
  return {nullptr, std::move(issued.certificate), std::move(issued.key), std::move(chain), std::move(png)};
}

// The first certificate of a PEM file, or null.
X509Ptr first_certificate(const fs::path& path) {
  auto pem = read_file(path);
  if (!pem) return nullptr;
  auto cert = parse_certificate(*pem);
  return cert ? std::move(*cert) : nullptr;
}

// The subdirectories of <dir>/<owner>, sorted by name.
std::vector<std::string> owner_names(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec, entry_ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(entry_ec) && safe_name(it->path().filename().string()))
      names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

core::Result<std::vector<InstalledIdentity>> list_identities(const std::string& dir) {
  std::vector<InstalledIdentity> out;
  for (const KeyOwner owner : {KeyOwner::kPersonal, KeyOwner::kSeal}) {
    const fs::path base = fs::path(dir) / owner_dir(owner);
    for (const auto& name : owner_names(base)) {
      std::error_code ec;
      out.push_back({owner, name, first_certificate(base / name / "certificate.pem"),
                     fs::exists(base / name / "key.pem", ec)});
    }
  }
  return out;
}

std::string ca_certificate_path(const std::string& dir) {
  return (fs::path(dir) / "ca" / "certificate.pem").string();
}

core::Status install_ca(const std::string& dir, std::string_view passphrase, const CertificateAuthority& ca) {
  auto key_pem = encrypt_private_key(ca.key.get(), passphrase);
  if (!key_pem) return key_pem.error();
  const fs::path ca_dir = fs::path(dir) / "ca";
  std::error_code ec;
  fs::create_directories(ca_dir, ec);
  if (ec) return Error::internal("cannot create " + ca_dir.string() + ": " + ec.message());
  MOTCUA_RETURN_IF_ERROR(write_file(ca_dir / "key.pem", *key_pem, true));
  return write_file(ca_certificate_path(dir), certificate_pem(ca.certificate.get()), false);
}

core::Result<CertificateAuthority> load_ca(const std::string& dir, std::string_view passphrase) {
  const fs::path ca_dir = fs::path(dir) / "ca";
  auto cert_pem = read_file(ca_dir / "certificate.pem");
  auto key_pem = read_file(ca_dir / "key.pem");
  if (!cert_pem || !key_pem) {
    return Error::not_found(
        "signature.no_ca",
        "Chưa có CA của cơ quan trong " + ca_dir.string() + " (tạo bằng motcua keys ca create).",
        "No agency CA in " + ca_dir.string() + " (create one with motcua keys ca create).");
  }
  auto cert = parse_certificate(*cert_pem);
  if (!cert) return cert.error();
  auto key = decrypt_private_key(*key_pem, passphrase);
  if (!key) return key.error();
  return CertificateAuthority{std::move(*cert), std::move(*key)};
}

std::unique_ptr<app::SigningKeys> make_key_directory(KeyDirectoryOptions options, const core::Clock& clock) {
  return std::make_unique<KeyDirectory>(std::move(options), clock);
}

std::string identity_dir(const std::string& dir, KeyOwner owner, const std::string& name) {
  return (fs::path(dir) / owner_dir(owner) / name).string();
}

core::Status install_identity(const std::string& dir, std::string_view passphrase, KeyOwner owner,
                              const std::string& name, const SigningIdentity& identity) {
  if (!safe_name(name)) {
    return Error::invalid("signature.key_owner_name",
                          "Tên tài khoản hoặc mã cơ quan \"" + name + "\" không hợp lệ.",
                          "\"" + name + "\" is not a valid username or agency code.", "name");
  }
  auto key_pem = encrypt_private_key(identity.key.get(), passphrase);
  if (!key_pem) return key_pem.error();
  const fs::path base = fs::path(dir) / owner_dir(owner) / name;
  std::error_code ec;
  fs::create_directories(base, ec);
  if (ec) return Error::internal("cannot create " + base.string() + ": " + ec.message());
  // The key first: a reader that sees the new certificate must find the matching key.
  MOTCUA_RETURN_IF_ERROR(write_file(base / "key.pem", *key_pem, true));
  if (!identity.image_png.empty())
    MOTCUA_RETURN_IF_ERROR(write_file(base / "image.png", identity.image_png, false));
  return write_file(base / "certificate.pem", chain_pem(identity), false);
}

core::Result<std::string> ensure_demo_ca(const std::string& dir, std::string_view passphrase,
                                         const std::string& province, const core::Clock& clock) {
  const std::string path = ca_certificate_path(dir);
  if (fs::exists(path)) return path;
  auto ca = create_ca({.subject = {.common_name = "CA thử nghiệm motcua " + province,
                                   .organisation = "Cổng dịch vụ công " + province + " (demo)",
                                   .locality = province},
                       .key = KeyAlgorithm::kEcP256},
                      clock);
  if (!ca) return ca.error();
  MOTCUA_RETURN_IF_ERROR(install_ca(dir, passphrase, *ca));
  return path;
}

core::Status issue_demo_keys(const std::string& dir, std::string_view passphrase,
                             const std::vector<DemoKeyHolder>& leaders, const std::string& province,
                             const core::Clock& clock) {
  auto ca = load_ca(dir, passphrase);
  if (!ca) return ca.error();
  auto issue = [&](KeyOwner owner, const std::string& name, const DistinguishedName& subject,
                   CertificatePurpose purpose, std::string png) -> core::Status {
    if (fs::exists(fs::path(dir) / owner_dir(owner) / name / "certificate.pem")) return {};
    auto issued =
        issue_certificate(*ca, {.subject = subject, .purpose = purpose, .key = KeyAlgorithm::kEcP256}, clock);
    if (!issued) return issued.error();
    return install_identity(dir, passphrase, owner, name,
                            identity_of(std::move(*issued), std::move(png), ca->certificate.get()));
  };
  for (const auto& l : leaders) {
    MOTCUA_RETURN_IF_ERROR(
        issue(KeyOwner::kPersonal, l.username,
              {.common_name = l.full_name, .organisation = l.agency_name, .locality = province},
              CertificatePurpose::kPersonalSigning, pdf::demo_signature_png(l.full_name)));
    MOTCUA_RETURN_IF_ERROR(
        issue(KeyOwner::kSeal, l.agency_code,
              {.common_name = l.agency_name, .organisation = l.agency_name, .locality = province},
              CertificatePurpose::kOrganisationSeal, pdf::demo_seal_png(l.agency_name)));
  }
  return {};
}

}  // namespace motcua::adapters::sign
