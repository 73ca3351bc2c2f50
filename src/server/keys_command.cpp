#include "server/keys_command.hpp"

#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "adapters/sign/key_directory.hpp"
#include "adapters/sign/pki.hpp"
#include "app/ports.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "server/commands.hpp"

namespace motcua::server {

namespace sign = adapters::sign;
using Env = std::map<std::string, std::string>;
using sign::KeyOwner;

namespace {

// ---- the command line ----

// --personal USERNAME | --seal AGENCY_CODE, for issue and import.
void add_owner_options(CLI::App& sub, KeysOptions& o) {
  sub.add_option("--personal", o.personal, "Tài khoản cán bộ / the official's username");
  sub.add_option("--seal", o.seal, "Mã định danh cơ quan (con dấu) / agency code (seal)");
}

void add_image_option(CLI::App& sub, KeysOptions& o) {
  sub.add_option("--image", o.image_path, "Ảnh chữ ký hoặc con dấu (PNG) / signature or seal image")
      ->check(CLI::ExistingFile);
}

CLI::App* add_ca_create(CLI::App& keys, KeysOptions& o) {
  auto* ca = keys.add_subcommand("ca", "CA riêng của cơ quan / the agency's own CA")->require_subcommand(1);
  auto* create = ca->add_subcommand(
      "create",
      "Tạo CA trong <signing_keys_dir>/ca, khóa được mã hóa / create the CA, key encrypted at rest");
  create->add_option("--name", o.name, "Tên CA (CN) / the CA's name")->required();
  create->add_option("--org", o.org, "Tổ chức (O) / organisation");
  create->add_flag("--force", o.force, "Thay thế CA đã có / replace an existing CA");
  return create;
}

CLI::App* add_issue(CLI::App& keys, KeysOptions& o) {
  auto* issue = keys.add_subcommand(
      "issue",
      "CA của cơ quan cấp chứng thư cá nhân hoặc con dấu và cài đặt / issue a certificate and install it");
  add_owner_options(*issue, o);
  issue->add_option("--name", o.name,
                    "Họ tên hoặc tên cơ quan (CN; mặc định theo tài khoản/cơ quan) / "
                    "full name or agency name (default: from the account or agency)");
  issue->add_option("--org", o.org,
                    "Tổ chức (O) của chứng thư cá nhân (mặc định: cơ quan của cán bộ) / "
                    "organisation of a personal certificate (default: the official's agency)");
  add_image_option(*issue, o);
  return issue;
}

CLI::App* add_import(CLI::App& keys, KeysOptions& o) {
  auto* import =
      keys.add_subcommand("import",
                          "Nhập chứng thư từ tệp PKCS#12; mật khẩu lấy từ MOTCUA_P12_PASSWORD hoặc đầu "
                          "vào chuẩn / import a PKCS#12 file; password from MOTCUA_P12_PASSWORD or "
                          "standard input");
  add_owner_options(*import, o);
  import->add_option("--p12", o.p12_path, "Tệp .p12/.pfx / PKCS#12 file")
      ->required()
      ->check(CLI::ExistingFile);
  add_image_option(*import, o);
  return import;
}

// ---- the commands ----

struct Owner {
  KeyOwner kind = KeyOwner::kPersonal;
  std::string name;  // username or agency code
};

const char* kind_label(KeyOwner kind) {
  return kind == KeyOwner::kPersonal ? "cá nhân" : "con dấu";
}

core::UnixSeconds not_after(X509* cert) {
  return sign::asn1_time_to_unix(X509_get0_notAfter(cert));
}

// Exactly one of --personal and --seal.
core::Result<Owner> owner_of(const KeysOptions& o) {
  if (o.personal.empty() == o.seal.empty()) {
    return core::Error::invalid(
        "keys.owner", "Cần đúng một trong hai tùy chọn --personal TÀI_KHOẢN hoặc --seal MÃ_CƠ_QUAN.",
        "Give exactly one of --personal USERNAME or --seal AGENCY_CODE.", "owner");
  }
  if (!o.personal.empty()) return Owner{KeyOwner::kPersonal, o.personal};
  return Owner{KeyOwner::kSeal, o.seal};
}

// Keys are encrypted at rest: nothing is created without a passphrase.
core::Status require_passphrase(const Config& c) {
  if (!c.signing_key_passphrase.empty()) return {};
  return core::Error::invalid("keys.no_passphrase",
                              "Chưa cấu hình signing_key_passphrase (MOTCUA_SIGNING_KEY_PASSPHRASE): khóa bí "
                              "mật phải được mã hóa khi "
                              "lưu.",
                              "No signing_key_passphrase is configured (MOTCUA_SIGNING_KEY_PASSPHRASE): "
                              "private keys must be encrypted "
                              "at rest.",
                              "signing_key_passphrase");
}

// The account `username`, which must be an official's. NotFound "keys.unknown_official" otherwise.
core::Result<domain::User> official(Runtime& rt, const std::string& username) {
  MOTCUA_RETURN_IF_ERROR(domain::validate_username(username));
  std::optional<domain::User> user;
  MOTCUA_RETURN_IF_ERROR(rt.store->read([&](app::Repositories& r) -> core::Status {
    auto found = r.users().find_by_username(username);
    if (found) user = std::move(found->user);
    return found || found.error().code == core::ErrorCode::kNotFound ? core::Status{} : found.error();
  }));
  if (!user || user->kind != domain::UserKind::kOfficial) {
    return core::Error::not_found("keys.unknown_official",
                                  "Không có cán bộ nào có tài khoản \"" + username + "\".",
                                  "There is no official with the username \"" + username + "\".");
  }
  return *user;
}

// The agency `code`. NotFound "keys.unknown_agency" when there is none.
core::Result<domain::Agency> agency(Runtime& rt, const std::string& code) {
  MOTCUA_RETURN_IF_ERROR(domain::validate_agency_code(code, "seal"));
  auto found = rt.organisation->agency(code);
  if (found || found.error().code != core::ErrorCode::kNotFound) return found;
  return core::Error::not_found("keys.unknown_agency", "Không có cơ quan nào có mã định danh " + code + ".",
                                "There is no agency with the identifier code " + code + ".");
}

core::Status check_owner_exists(Runtime& rt, const Owner& owner) {
  if (owner.kind == KeyOwner::kPersonal) {
    auto user = official(rt, owner.name);
    return user ? core::Status{} : user.error();
  }
  auto a = agency(rt, owner.name);
  return a ? core::Status{} : a.error();
}

core::Result<std::string> read_input(const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  if (in) s << in.rdbuf();
  if (!in) {
    return core::Error::invalid("file.unreadable", "Không đọc được tệp \"" + path + "\".",
                                "Cannot read file \"" + path + "\".", field);
  }
  return s.str();
}

// The image of a signature or seal: empty without --image, else a PNG file.
core::Result<std::string> read_image(const std::string& path) {
  if (path.empty()) return std::string{};
  auto png = read_input(path, "image");
  if (!png) return png;
  if (png->rfind("\x89PNG\r\n\x1a\n", 0) != 0) {
    return core::Error::invalid("keys.image_not_png", "Ảnh chữ ký/con dấu \"" + path + "\" phải là tệp PNG.",
                                "The signature/seal image \"" + path + "\" must be a PNG file.", "image");
  }
  return png;
}

// MOTCUA_P12_PASSWORD, else the first line of standard input (prompted for, without echo, on a terminal).
core::Result<std::string> p12_password(const Env& env) {
  if (auto it = env.find("MOTCUA_P12_PASSWORD"); it != env.end()) return it->second;
  const bool tty = ::isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (tty && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    std::fprintf(stderr, "Mật khẩu tệp PKCS#12 / PKCS#12 password: ");
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputc('\n', stderr);
  }
  if (!got) {
    return core::Error::invalid(
        "keys.no_p12_password",
        "Thiếu mật khẩu tệp PKCS#12: đặt biến MOTCUA_P12_PASSWORD hoặc nhập ở đầu vào chuẩn.",
        "No PKCS#12 password: set MOTCUA_P12_PASSWORD or give it on standard input.", "password");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// A seal needs an organisational certificate (CN equal to O), an official a personal one.
core::Status check_kind(X509* cert, const Owner& owner) {
  const bool organisational = sign::role_of(cert) == app::SignerRole::kOrganisation;
  const std::string cn = sign::subject_entry(cert, NID_commonName);
  if (owner.kind == KeyOwner::kSeal && !organisational) {
    return core::Error{
        core::ErrorCode::kFailedPrecondition, "keys.not_a_seal_certificate",
        "Chứng thư số \"" + cn +
            "\" là chứng thư cá nhân, không dùng làm con dấu của cơ quan (chứng thư tổ chức có "
            "CN trùng với O).",
        "The certificate \"" + cn +
            "\" is a personal one; an agency seal needs an organisational certificate (CN equal to "
            "O).",
        "seal"};
  }
  if (owner.kind == KeyOwner::kPersonal && organisational) {
    return core::Error{
        core::ErrorCode::kFailedPrecondition, "keys.not_a_personal_certificate",
        "Chứng thư số \"" + cn + "\" là chứng thư tổ chức (con dấu), không cấp cho cá nhân.",
        "The certificate \"" + cn + "\" is an organisational (seal) certificate, not a personal one.",
        "personal"};
  }
  return {};
}

// The checks every installed identity passes, then the install; nothing is written when a check fails.
core::Status install(Runtime& rt, const Owner& owner, const sign::SigningIdentity& identity) {
  X509* cert = identity.certificate.get();
  MOTCUA_RETURN_IF_ERROR(sign::check_signing_certificate(cert, rt.clock.now()));
  MOTCUA_RETURN_IF_ERROR(sign::check_key_matches(cert, identity.key.get()));
  MOTCUA_RETURN_IF_ERROR(check_kind(cert, owner));
  const bool replaced = std::filesystem::exists(
      sign::identity_dir(rt.config.signing_keys_dir, owner.kind, owner.name) + "/certificate.pem");
  MOTCUA_RETURN_IF_ERROR(sign::install_identity(rt.config.signing_keys_dir, rt.config.signing_key_passphrase,
                                                owner.kind, owner.name, identity));
  std::printf("Đã %s chứng thư số %s của %s: %s (%s), cấp bởi %s, hiệu lực đến %s.\n",
              replaced ? "thay" : "cài", kind_label(owner.kind), owner.name.c_str(),
              sign::subject_entry(cert, NID_commonName).c_str(),
              sign::subject_entry(cert, NID_organizationName).c_str(),
              sign::issuer_entry(cert, NID_commonName).c_str(),
              core::format_date_vn(core::vietnam_date_of(not_after(cert))).c_str());
  std::printf("Thư mục / directory: %s\n",
              sign::identity_dir(rt.config.signing_keys_dir, owner.kind, owner.name).c_str());
  return {};
}

core::Status import_identity(Runtime& rt, const KeysOptions& o, const Env& env) {
  auto owner = owner_of(o);
  if (!owner) return owner.error();
  MOTCUA_RETURN_IF_ERROR(require_passphrase(rt.config));
  MOTCUA_RETURN_IF_ERROR(check_owner_exists(rt, *owner));
  auto der = read_input(o.p12_path, "p12");
  if (!der) return der.error();
  auto png = read_image(o.image_path);
  if (!png) return png.error();
  auto password = p12_password(env);
  if (!password) return password.error();
  auto p12 = sign::import_pkcs12(*der, *password);
  if (!p12) return p12.error();
  return install(
      rt, *owner,
      {nullptr, std::move(p12->certificate), std::move(p12->key), std::move(p12->chain), std::move(*png)});
}

// The subject of a certificate for `owner`: CN from --name (default: the official's or agency's name); O from
// --org (default: the official's first agency) for a person, the agency's name for a seal.
core::Result<sign::DistinguishedName> subject_for(Runtime& rt, const Owner& owner, const KeysOptions& o) {
  if (owner.kind == KeyOwner::kSeal) {
    if (!o.org.empty()) {
      return core::Error::invalid(
          "keys.seal_org", "Con dấu không dùng --org: tổ chức (O) chính là tên cơ quan (--name).",
          "A seal takes no --org: its organisation (O) is the agency's name (--name).", "org");
    }
    auto a = agency(rt, owner.name);
    if (!a) return a.error();
    const std::string name = o.name.empty() ? a->name : o.name;
    return sign::DistinguishedName{.common_name = name, .organisation = name};
  }
  auto user = official(rt, owner.name);
  if (!user) return user.error();
  std::string org = o.org;
  if (org.empty() && !user->roles.empty()) {
    auto a = agency(rt, user->roles.front().agency_code);
    if (a) org = a->name;
  }
  return sign::DistinguishedName{.common_name = o.name.empty() ? user->full_name : o.name,
                                 .organisation = org};
}

core::Status issue_identity(Runtime& rt, const KeysOptions& o) {
  auto owner = owner_of(o);
  if (!owner) return owner.error();
  MOTCUA_RETURN_IF_ERROR(require_passphrase(rt.config));
  auto subject = subject_for(rt, *owner, o);
  if (!subject) return subject.error();
  auto png = read_image(o.image_path);
  if (!png) return png.error();
  auto ca = sign::load_ca(rt.config.signing_keys_dir, rt.config.signing_key_passphrase);
  if (!ca) return ca.error();
  const auto purpose = owner->kind == KeyOwner::kPersonal ? sign::CertificatePurpose::kPersonalSigning
                                                          : sign::CertificatePurpose::kOrganisationSeal;
  auto issued = sign::issue_certificate(*ca, {.subject = *subject, .purpose = purpose}, rt.clock);
  if (!issued) return issued.error();
  sign::X509StackPtr chain(sk_X509_new_null());
  sk_X509_push(chain.get(), X509_dup(ca->certificate.get()));
  return install(
      rt, *owner,
      {nullptr, std::move(issued->certificate), std::move(issued->key), std::move(chain), std::move(*png)});
}

core::Status create_agency_ca(Runtime& rt, const KeysOptions& o) {
  MOTCUA_RETURN_IF_ERROR(require_passphrase(rt.config));
  const std::string& dir = rt.config.signing_keys_dir;
  const std::string path = sign::ca_certificate_path(dir);
  if (!o.force && (std::filesystem::exists(path) || std::filesystem::exists(dir + "/ca/key.pem"))) {
    return core::Error{
        core::ErrorCode::kAlreadyExists, "keys.ca_exists",
        "Đã có CA tại " + path +
            "; dùng --force để thay thế (chứng thư do CA cũ cấp chỉ còn được tin cậy khi CA cũ vẫn "
            "nằm trong signature_trust_anchors).",
        "A CA already exists at " + path +
            "; use --force to replace it (certificates issued by the old CA stay trusted only while "
            "it remains in signature_trust_anchors).",
        "force"};
  }
  auto ca = sign::create_ca({.subject = {.common_name = o.name, .organisation = o.org}}, rt.clock);
  if (!ca) return ca.error();
  MOTCUA_RETURN_IF_ERROR(sign::install_ca(dir, rt.config.signing_key_passphrase, *ca));
  std::printf(
      "Đã tạo CA \"%s\", hiệu lực đến %s; khóa bí mật được mã hóa trong %s/ca/key.pem.\n", o.name.c_str(),
      core::format_date_vn(core::vietnam_date_of(not_after(ca->certificate.get()))).c_str(), dir.c_str());
  std::printf(
      "Thêm chứng thư CA vào signature_trust_anchors / add the CA certificate to "
      "signature_trust_anchors:\n%s\n",
      path.c_str());
  return {};
}

// ---- keys list ----

using Row = std::vector<std::string>;

// Why an installed identity cannot sign now, "" when it can.
std::string flags_of(const sign::InstalledIdentity& id, core::UnixSeconds now) {
  if (!id.certificate) return "KHÔNG ĐỌC ĐƯỢC CHỨNG THƯ/unreadable certificate";
  std::vector<std::string> flags;
  if (auto st = sign::check_signing_certificate(id.certificate.get(), now); !st) {
    const std::string& code = st.error().code_id;
    if (code == "signature.certificate_expired")
      flags.emplace_back("HẾT HẠN/expired");
    else if (code == "signature.certificate_not_yet_valid")
      flags.emplace_back("CHƯA CÓ HIỆU LỰC/not yet valid");
    else
      flags.emplace_back("KHÔNG DÙNG ĐỂ KÝ/not for signing");
  }
  if (!check_kind(id.certificate.get(), {id.owner, id.name})) flags.emplace_back("SAI LOẠI/wrong kind");
  if (!id.has_key) flags.emplace_back("THIẾU KHÓA/no key");
  std::string out;
  for (const auto& f : flags) out += (out.empty() ? "" : ", ") + f;
  return out;
}

Row row_of(const sign::InstalledIdentity& id, core::UnixSeconds now) {
  X509* c = id.certificate.get();
  if (c == nullptr) return {kind_label(id.owner), id.name, "", "", "", "", flags_of(id, now)};
  return {kind_label(id.owner),
          id.name,
          sign::subject_entry(c, NID_commonName),
          sign::subject_entry(c, NID_organizationName),
          sign::issuer_entry(c, NID_commonName),
          core::format_date_vn(core::vietnam_date_of(not_after(c))),
          flags_of(id, now)};
}

// `s` followed by spaces up to `width` code points (Vietnamese names are multi-byte).
std::string pad(const std::string& s, std::size_t width) {
  const std::size_t n = core::utf8_length(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

void print_table(const std::vector<Row>& rows) {
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], core::utf8_length(r[i]));
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) line += (i == 0 ? "" : "  ") + pad(r[i], widths[i]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::printf("%s\n", line.c_str());
  }
}

core::Status list_identities(Runtime& rt) {
  const std::string& dir = rt.config.signing_keys_dir;
  auto ids = sign::list_identities(dir);
  if (!ids) return ids.error();
  std::vector<Row> rows = {
      {"Loại", "Chủ sở hữu", "Tên (CN)", "Tổ chức (O)", "Cấp bởi", "Hiệu lực đến", "Ghi chú"}};
  const auto now = rt.clock.now();
  for (const auto& id : *ids) rows.push_back(row_of(id, now));
  std::ifstream ca_pem(sign::ca_certificate_path(dir));
  std::ostringstream ca_text;
  ca_text << ca_pem.rdbuf();
  if (auto ca = sign::parse_certificate(ca_text.str()); ca) {
    X509* c = ca->get();
    rows.push_back({"CA", "ca", sign::subject_entry(c, NID_commonName),
                    sign::subject_entry(c, NID_organizationName), sign::issuer_entry(c, NID_commonName),
                    core::format_date_vn(core::vietnam_date_of(not_after(c))),
                    not_after(c) < now ? "HẾT HẠN/expired" : ""});
  }
  if (rows.size() == 1) {
    std::printf("Chưa có chứng thư số nào trong %s. / No certificates in %s.\n", dir.c_str(), dir.c_str());
    return {};
  }
  print_table(rows);
  return {};
}

int exit_code(const core::Status& st) {
  return st ? 0 : fail(st.error());
}

}  // namespace

bool KeysCommand::parsed() const {
  return keys != nullptr && keys->parsed();
}

std::unique_ptr<KeysCommand> add_keys_command(CLI::App& app) {
  auto cmd = std::make_unique<KeysCommand>();
  cmd->keys = app.add_subcommand("keys",
                                 "Chứng thư số để ký kết quả: CA của cơ quan, cấp, nhập PKCS#12, liệt kê / "
                                 "signing certificates: the agency CA, issue, import PKCS#12, list");
  cmd->keys->require_subcommand(1);
  cmd->ca_create = add_ca_create(*cmd->keys, cmd->options);
  cmd->issue = add_issue(*cmd->keys, cmd->options);
  cmd->import = add_import(*cmd->keys, cmd->options);
  cmd->list = cmd->keys->add_subcommand("list", "Liệt kê chứng thư đã cài / list installed certificates");
  return cmd;
}

int run_keys(Runtime& rt, const KeysCommand& command, const Env& env) {
  if (command.ca_create->parsed()) return exit_code(create_agency_ca(rt, command.options));
  if (command.issue->parsed()) return exit_code(issue_identity(rt, command.options));
  if (command.import->parsed()) return exit_code(import_identity(rt, command.options, env));
  if (command.list->parsed()) return exit_code(list_identities(rt));
  return 1;
}

}  // namespace motcua::server
