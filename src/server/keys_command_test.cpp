// `motcua keys` end to end: the built binary over a temporary data directory holding the demo agencies, three
// officials and a citizen. Each test gets its own signing_keys_dir (with a copy of one agency CA made by
// `keys ca create`, or empty). Covered: the CA (key encrypted, no silent overwrite), issued and imported
// certificates (PKCS#12 made by `openssl pkcs12 -export`, password from the environment or standard input),
// the refusals (wrong password, a TLS server certificate, a personal certificate as a seal and the reverse,
// unknown owners, no passphrase) with nothing written, `keys list`, and that keys installed this way sign a
// PDF which pdfsig accepts, trusting the agency CA.
#include <gtest/gtest.h>

#include <filesystem>

#include "adapters/pdf/form_renderer.hpp"
#include "adapters/pdf/sample_forms.hpp"
#include "adapters/sign/key_directory.hpp"
#include "adapters/sign/test_pki.hpp"
#include "core/time.hpp"

namespace motcua::server {
namespace {

namespace fs = std::filesystem;
namespace sign = adapters::sign;
using adapters::testing::CommandResult;
using adapters::testing::read_file;
using adapters::testing::run;
using adapters::testing::TempDir;
using adapters::testing::write_file;

constexpr const char* kPassphrase = "khoa-luu-tru-2026";  // signing_key_passphrase
constexpr const char* kP12Password = "mat-khau-p12-2026";
constexpr const char* kCaName = "CA Sở Tư pháp tỉnh Lào Cai";
constexpr const char* kAgency = "Sở Tư pháp tỉnh Lào Cai";  // 000.00.02.H38 in data/demo/agencies.json
constexpr const char* kAgencyCode = "000.00.02.H38";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

// The first line of `text` that contains `what` ("\nX": that starts with X), "" when none does.
std::string line_with(const std::string& text, const std::string& what) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (("\n" + line).find(what) != std::string::npos) return line;
    start = end + 1;
  }
  return {};
}

class KeysCommandTest : public ::testing::Test {
 protected:
  // The database (units, agencies, officials) and one agency CA, shared by every test.
  static void SetUpTestSuite() {
    root_ = new TempDir;
    const std::string demo = std::string(MOTCUA_SOURCE_DIR) + "/data/demo/";
    const std::string pw = " --password 'mat-khau-dang-nhap-2026'";
    const std::string setup[] = {
        "import units " + demo + "units.json",
        "import agencies " + demo + "agencies.json",
        "user add lanhdao.sotuphap --name 'Trần Quốc Bảo' --role leader --agency 000.00.02.H38" + pw,
        "user add chuyenvien.sotuphap --name 'Lê Thị Mai' --role specialist --agency 000.00.02.H38" + pw,
        "user add lanhdao.phuonglaocai --name 'Hoàng Văn Nam' --role leader --agency 000.00.21.H38" + pw,
        "user add congdan.hoa --name 'Nguyễn Thị Hoa' --kind citizen" + pw,
        "keys ca create --name '" + std::string(kCaName) + "' --org '" + kAgency + "'",
    };
    for (const auto& args : setup) {
      const auto r = run(command(root_->file("ca-template"), args, true, ""));
      ASSERT_EQ(r.exit_code, 0) << args << "\n" << r.output;
    }
  }
  static void TearDownTestSuite() {
    delete root_;
    root_ = nullptr;
  }

  // A fresh signing_keys_dir holding a copy of the shared CA.
  void SetUp() override {
    keys_dir_ = root_->file("keys-" + std::to_string(++serial_));
    fs::create_directories(keys_dir_);
    fs::copy(root_->file("ca-template/ca"), keys_dir_ + "/ca");
  }

  // The motcua command line over the shared database, with `keys_dir` as signing_keys_dir. Standard input is
  // `stdin_line` (one line) or empty.
  static std::string command(const std::string& keys_dir, const std::string& args, bool passphrase,
                             const std::string& env, const std::string& stdin_line = {}) {
    std::string cmd = stdin_line.empty() ? "" : "printf '%s\\n' '" + stdin_line + "' | ";
    cmd +=
        "env -u MOTCUA_CONFIG -u MOTCUA_DATABASE -u MOTCUA_P12_PASSWORD -u MOTCUA_SIGNING_KEY_PASSPHRASE "
        "MOTCUA_DATA_DIR=" +
        root_->file("var") + " MOTCUA_SIGNING_KEYS_DIR=" + keys_dir + " ";
    if (passphrase) cmd += std::string("MOTCUA_SIGNING_KEY_PASSPHRASE=") + kPassphrase + " ";
    cmd += env + " " + MOTCUA_BINARY + " " + args;
    return stdin_line.empty() ? cmd + " </dev/null" : cmd;
  }
  CommandResult motcua(const std::string& args, const std::string& env = "",
                       const std::string& stdin_line = {}) {
    return run(command(keys_dir_, args, true, env, stdin_line));
  }
  CommandResult motcua_without_passphrase(const std::string& args) {
    return run(command(keys_dir_, args, false, ""));
  }

  std::string personal(const std::string& name) const { return keys_dir_ + "/personal/" + name; }
  std::string seal(const std::string& code) const { return keys_dir_ + "/seal/" + code; }
  bool nothing_installed() const {
    return !fs::exists(keys_dir_ + "/personal") && !fs::exists(keys_dir_ + "/seal");
  }

  // Issues with the CLI and checks it worked.
  void issue(const std::string& args) {
    const auto r = motcua("keys issue " + args);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // A PKCS#12 (password kP12Password) of an installed identity, made by openssl from its files.
  std::string export_p12(const std::string& identity_dir) {
    const std::string out = identity_dir + ".p12";
    const auto r =
        run("openssl pkcs12 -export -in " + identity_dir + "/certificate.pem -inkey " + identity_dir +
            "/key.pem -passin pass:" + kPassphrase + " -passout pass:" + kP12Password + " -out " + out);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return out;
  }
  std::string p12_env() const { return std::string("MOTCUA_P12_PASSWORD=") + kP12Password; }

  sign::CertificateAuthority ca() const {
    auto ca = sign::load_ca(keys_dir_, kPassphrase);
    EXPECT_TRUE(ca.ok()) << ca.error().message_en;
    return std::move(*ca);
  }
  // A PKCS#12 file of a certificate issued in-process by the agency CA (purposes the CLI does not issue).
  std::string p12_of(const sign::CertificateRequest& request, const std::string& file) {
    const auto authority = ca();
    auto issued = sign::issue_certificate(authority, request, clock_);
    EXPECT_TRUE(issued.ok());
    auto der = sign::export_pkcs12(issued->certificate.get(), issued->key.get(), nullptr, kP12Password, "x");
    EXPECT_TRUE(der.ok());
    write_file(root_->file(file), *der);
    return root_->file(file);
  }

  // pdfsig's report on `pdf`, trusting the agency CA.
  CommandResult pdfsig(const std::string& pdf) {
    const TempDir nss_dir;
    const std::string nss =
        adapters::testing::make_nss_db(nss_dir, read_file(sign::ca_certificate_path(keys_dir_)));
    write_file(nss_dir.file("signed.pdf"), pdf);
    return run("pdfsig -nssdir sql:" + nss + " " + nss_dir.file("signed.pdf"));
  }

  static TempDir* root_;
  static int serial_;
  core::SystemClock clock_;
  std::string keys_dir_;
};

TempDir* KeysCommandTest::root_ = nullptr;
int KeysCommandTest::serial_ = 0;

TEST_F(KeysCommandTest, CaCreateEncryptsTheKeyAndNeverOverwritesSilently) {
  fs::remove_all(keys_dir_ + "/ca");
  const auto created = motcua("keys ca create --name 'CA thử nghiệm' --org 'Sở Tư pháp'");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  const std::string cert_path = sign::ca_certificate_path(keys_dir_);
  EXPECT_NE(created.output.find(cert_path), std::string::npos) << created.output;
  EXPECT_NE(created.output.find("signature_trust_anchors"), std::string::npos);
  const std::string key_pem = read_file(keys_dir_ + "/ca/key.pem");
  EXPECT_NE(key_pem.find("BEGIN ENCRYPTED PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(fs::status(keys_dir_ + "/ca/key.pem").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  auto ca = sign::load_ca(keys_dir_, kPassphrase);
  ASSERT_TRUE(ca.ok()) << ca.error().message_en;
  EXPECT_EQ(sign::subject_entry(ca->certificate.get(), NID_commonName), "CA thử nghiệm");
  EXPECT_EQ(X509_check_ca(ca->certificate.get()), 1);

  const std::string before = read_file(cert_path);
  const auto again = motcua("keys ca create --name 'CA khác'");
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("--force"), std::string::npos) << again.output;
  EXPECT_EQ(read_file(cert_path), before);
  EXPECT_EQ(read_file(keys_dir_ + "/ca/key.pem"), key_pem);

  const auto forced = motcua("keys ca create --name 'CA khác' --force");
  ASSERT_EQ(forced.exit_code, 0) << forced.output;
  EXPECT_NE(read_file(cert_path), before);
}

TEST_F(KeysCommandTest, NothingIsCreatedWithoutAPassphrase) {
  fs::remove_all(keys_dir_ + "/ca");
  const auto ca = motcua_without_passphrase("keys ca create --name 'CA thử nghiệm'");
  EXPECT_NE(ca.exit_code, 0);
  EXPECT_NE(ca.output.find("signing_key_passphrase"), std::string::npos) << ca.output;
  EXPECT_FALSE(fs::exists(keys_dir_ + "/ca"));

  SetUp();  // a directory with the CA
  const auto issued = motcua_without_passphrase("keys issue --personal lanhdao.sotuphap");
  EXPECT_NE(issued.exit_code, 0);
  EXPECT_NE(issued.output.find("encrypted at rest"), std::string::npos) << issued.output;
  EXPECT_TRUE(nothing_installed());
}

TEST_F(KeysCommandTest, IssuedCertificatesSignAPdfThatPdfsigAccepts) {
  issue("--personal lanhdao.sotuphap");  // the name and agency come from the account
  issue(std::string("--seal ") + kAgencyCode);
  EXPECT_NE(read_file(personal("lanhdao.sotuphap") + "/key.pem").find("BEGIN ENCRYPTED PRIVATE KEY"),
            std::string::npos);
  EXPECT_EQ(count(read_file(personal("lanhdao.sotuphap") + "/certificate.pem"), "BEGIN CERTIFICATE"), 2u);

  auto keys = sign::make_key_directory({.dir = keys_dir_, .passphrase = kPassphrase}, clock_);
  auto leader = keys->personal("lanhdao.sotuphap");
  ASSERT_TRUE(leader.ok()) << leader.error().message_en;
  EXPECT_EQ((*leader)->summary().common_name, "Trần Quốc Bảo");
  EXPECT_EQ((*leader)->summary().organisation, kAgency);
  EXPECT_EQ((*leader)->summary().role, app::SignerRole::kPersonal);
  auto agency_seal = keys->seal(kAgencyCode);
  ASSERT_TRUE(agency_seal.ok()) << agency_seal.error().message_en;
  EXPECT_EQ((*agency_seal)->summary().role, app::SignerRole::kOrganisation);

  auto form = adapters::pdf::make_form_renderer({.public_base_url = "https://dvc.laocai.gov.vn"})
                  ->render_pdf(app::FormSet::k2025, adapters::testing::sample_receipt());
  ASSERT_TRUE(form.ok());
  auto once = (*leader)->sign_pdf(form->pdf, {.box = *form->signature_box, .reason = "Phê duyệt"});
  ASSERT_TRUE(once.ok()) << once.error().message_en;
  auto twice = (*agency_seal)->sign_pdf(*once, {.box = app::seal_box_over(*form->signature_box, 30)});
  ASSERT_TRUE(twice.ok()) << twice.error().message_en;
  const auto report = pdfsig(*twice);
  EXPECT_EQ(report.exit_code, 0) << report.output;
  EXPECT_EQ(count(report.output, "Signature Validation: Signature is Valid."), 2u) << report.output;
  EXPECT_EQ(count(report.output, "Certificate Validation: Certificate is Trusted."), 2u) << report.output;
  EXPECT_NE(report.output.find("Trần Quốc Bảo"), std::string::npos) << report.output;
}

TEST_F(KeysCommandTest, Pkcs12FromOpensslImportsForAnotherOwnerAndSigns) {
  issue("--personal lanhdao.sotuphap --name 'Trần Quốc Bảo'");
  const std::string p12 = export_p12(personal("lanhdao.sotuphap"));
  const std::string png = adapters::pdf::demo_signature_png("Mai");
  write_file(root_->file("mai.png"), png);

  const auto from_env =
      motcua("keys import --personal chuyenvien.sotuphap --p12 " + p12 + " --image " + root_->file("mai.png"),
             p12_env());
  ASSERT_EQ(from_env.exit_code, 0) << from_env.output;
  EXPECT_EQ(read_file(personal("chuyenvien.sotuphap") + "/image.png"), png);
  const std::string key_pem = read_file(personal("chuyenvien.sotuphap") + "/key.pem");
  EXPECT_NE(key_pem.find("BEGIN ENCRYPTED PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(count(read_file(personal("chuyenvien.sotuphap") + "/certificate.pem"), "BEGIN CERTIFICATE"), 2u);

  const auto from_stdin =
      motcua("keys import --personal lanhdao.phuonglaocai --p12 " + p12, "", kP12Password);
  ASSERT_EQ(from_stdin.exit_code, 0) << from_stdin.output;

  auto keys = sign::make_key_directory({.dir = keys_dir_, .passphrase = kPassphrase}, clock_);
  for (const char* owner : {"chuyenvien.sotuphap", "lanhdao.phuonglaocai"}) {
    auto signer = keys->personal(owner);
    ASSERT_TRUE(signer.ok()) << owner << ": " << signer.error().message_en;
    auto form = adapters::pdf::make_form_renderer({.public_base_url = "https://dvc.laocai.gov.vn"})
                    ->render_pdf(app::FormSet::k2025, adapters::testing::sample_receipt());
    ASSERT_TRUE(form.ok());
    auto signed_pdf = (*signer)->sign_pdf(form->pdf, {.box = *form->signature_box});
    ASSERT_TRUE(signed_pdf.ok()) << signed_pdf.error().message_en;
    const auto report = pdfsig(*signed_pdf);
    EXPECT_EQ(count(report.output, "Signature Validation: Signature is Valid."), 1u) << report.output;
    EXPECT_EQ(count(report.output, "Certificate Validation: Certificate is Trusted."), 1u) << report.output;
  }
}

TEST_F(KeysCommandTest, WrongPasswordIsRefusedAndWritesNothing) {
  issue("--personal lanhdao.sotuphap");
  const std::string p12 = export_p12(personal("lanhdao.sotuphap"));
  const auto wrong =
      motcua("keys import --personal chuyenvien.sotuphap --p12 " + p12, "MOTCUA_P12_PASSWORD=sai-mat-khau");
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.output.find("Mật khẩu của tệp PKCS#12 không đúng"), std::string::npos) << wrong.output;
  EXPECT_NE(wrong.output.find("Wrong password for the PKCS#12 file"), std::string::npos) << wrong.output;
  EXPECT_FALSE(fs::exists(personal("chuyenvien.sotuphap")));

  // Replacing an installed identity: the old files stay as they were.
  const std::string cert = read_file(personal("lanhdao.sotuphap") + "/certificate.pem");
  const std::string key = read_file(personal("lanhdao.sotuphap") + "/key.pem");
  const auto on_stdin = motcua("keys import --personal lanhdao.sotuphap --p12 " + p12, "", "sai-mat-khau");
  EXPECT_NE(on_stdin.exit_code, 0);
  EXPECT_NE(on_stdin.output.find("Wrong password"), std::string::npos) << on_stdin.output;
  EXPECT_EQ(read_file(personal("lanhdao.sotuphap") + "/certificate.pem"), cert);
  EXPECT_EQ(read_file(personal("lanhdao.sotuphap") + "/key.pem"), key);

  const auto none = motcua("keys import --personal chuyenvien.sotuphap --p12 " + p12);  // stdin empty
  EXPECT_NE(none.exit_code, 0);
  EXPECT_NE(none.output.find("MOTCUA_P12_PASSWORD"), std::string::npos) << none.output;
  EXPECT_FALSE(fs::exists(personal("chuyenvien.sotuphap")));
}

TEST_F(KeysCommandTest, TlsServerCertificateIsRefusedAsNotForSigning) {
  const std::string p12 = p12_of({.subject = {.common_name = "dvc.laocai.gov.vn", .organisation = kAgency},
                                  .purpose = sign::CertificatePurpose::kTlsServer},
                                 "tls.p12");
  const auto r = motcua("keys import --personal lanhdao.sotuphap --p12 " + p12, p12_env());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("không dùng để ký văn bản"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("may not sign documents"), std::string::npos) << r.output;
  EXPECT_TRUE(nothing_installed());
}

TEST_F(KeysCommandTest, ExpiredCertificateIsRefused) {
  const std::string p12 = p12_of({.subject = {.common_name = "Trần Quốc Bảo", .organisation = kAgency},
                                  .validity_days = 30,
                                  .not_before = clock_.now() - 60 * 86400},
                                 "expired.p12");
  const auto r = motcua("keys import --personal lanhdao.sotuphap --p12 " + p12, p12_env());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("đã hết hạn"), std::string::npos) << r.output;
  EXPECT_TRUE(nothing_installed());
}

TEST_F(KeysCommandTest, CertificateOfTheWrongKindIsRefused) {
  issue("--personal lanhdao.sotuphap");
  issue(std::string("--seal ") + kAgencyCode);
  const std::string personal_p12 = export_p12(personal("lanhdao.sotuphap"));
  const std::string seal_p12 = export_p12(seal(kAgencyCode));

  const auto as_seal = motcua("keys import --seal 000.00.03.H38 --p12 " + personal_p12, p12_env());
  EXPECT_NE(as_seal.exit_code, 0);
  EXPECT_NE(as_seal.output.find("là chứng thư cá nhân"), std::string::npos) << as_seal.output;
  EXPECT_NE(as_seal.output.find("needs an organisational certificate"), std::string::npos) << as_seal.output;
  EXPECT_FALSE(fs::exists(seal("000.00.03.H38")));

  const auto as_person = motcua("keys import --personal chuyenvien.sotuphap --p12 " + seal_p12, p12_env());
  EXPECT_NE(as_person.exit_code, 0);
  EXPECT_NE(as_person.output.find("is an organisational (seal) certificate"), std::string::npos)
      << as_person.output;
  EXPECT_FALSE(fs::exists(personal("chuyenvien.sotuphap")));

  // A personal certificate whose name equals its organisation would read as a seal.
  const auto same_name = motcua(std::string("keys issue --personal chuyenvien.sotuphap --name '") + kAgency +
                                "' --org '" + kAgency + "'");
  EXPECT_NE(same_name.exit_code, 0);
  EXPECT_FALSE(fs::exists(personal("chuyenvien.sotuphap")));
}

TEST_F(KeysCommandTest, OwnersMustExist) {
  const struct {
    const char* args;
    const char* message;
  } cases[] = {
      {"keys issue --personal khong.co.ai", "Không có cán bộ nào"},
      {"keys issue --personal congdan.hoa", "There is no official"},  // a citizen
      {"keys issue --personal '../../etc'", "The username must be"},
      {"keys issue --seal 000.00.99.H38", "Không có cơ quan nào có mã định danh 000.00.99.H38"},
      {"keys import --seal '../ca' --p12 /dev/null", "DDD.DD.DD.LNN"},
      {"keys issue --personal lanhdao.sotuphap --seal 000.00.02.H38", "--personal"},
      {"keys issue", "--seal"},
      {"keys issue --seal 000.00.02.H38 --org 'Khác'", "--org"},
  };
  for (const auto& c : cases) {
    const auto r = motcua(c.args);
    EXPECT_NE(r.exit_code, 0) << c.args;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << c.args << "\n" << r.output;
  }
  EXPECT_TRUE(nothing_installed());
}

TEST_F(KeysCommandTest, ListShowsEveryIdentityWithFlags) {
  issue("--personal lanhdao.sotuphap");
  issue(std::string("--seal ") + kAgencyCode);
  const auto imported =
      motcua("keys import --personal chuyenvien.sotuphap --p12 " + export_p12(personal("lanhdao.sotuphap")),
             p12_env());
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  // Installed by hand, as the openssl route could: an expired certificate and a TLS server one.
  const auto authority = ca();
  auto expired = sign::issue_certificate(authority,
                                         {.subject = {.common_name = "Hoàng Văn Nam", .organisation = "UBND"},
                                          .validity_days = 30,
                                          .not_before = clock_.now() - 60 * 86400},
                                         clock_);
  ASSERT_TRUE(expired.ok());
  ASSERT_TRUE(sign::install_identity(keys_dir_, kPassphrase, sign::KeyOwner::kPersonal,
                                     "lanhdao.phuonglaocai", adapters::testing::identity_of(*expired)));
  auto tls =
      sign::issue_certificate(authority,
                              {.subject = {.common_name = "Sở Tài chính", .organisation = "Sở Tài chính"},
                               .purpose = sign::CertificatePurpose::kTlsServer},
                              clock_);
  ASSERT_TRUE(tls.ok());
  ASSERT_TRUE(sign::install_identity(keys_dir_, kPassphrase, sign::KeyOwner::kSeal, "000.00.05.H38",
                                     adapters::testing::identity_of(*tls)));

  const auto list = motcua("keys list");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  std::printf("%s", list.output.c_str());
  auto leader = sign::parse_certificate(read_file(personal("lanhdao.sotuphap") + "/certificate.pem"));
  ASSERT_TRUE(leader.ok());
  const std::string until =
      core::format_date_vn(core::vietnam_date_of(sign::asn1_time_to_unix(X509_get0_notAfter(leader->get()))));

  const std::string l = line_with(list.output, "lanhdao.sotuphap");
  for (const std::string& part : {std::string("cá nhân"), std::string("Trần Quốc Bảo"), std::string(kAgency),
                                  std::string(kCaName), until})
    EXPECT_NE(l.find(part), std::string::npos) << part << " in: " << l;
  EXPECT_EQ(l.substr(l.size() - until.size()), until) << "no flag expected: " << l;
  const std::string imported_line = line_with(list.output, "chuyenvien.sotuphap");
  EXPECT_NE(imported_line.find("Trần Quốc Bảo"), std::string::npos) << imported_line;
  const std::string seal_line = line_with(list.output, kAgencyCode);
  EXPECT_NE(seal_line.find("con dấu"), std::string::npos) << seal_line;
  EXPECT_EQ(count(seal_line, kAgency), 3u) << seal_line;  // CN, O and within the issuer's name
  EXPECT_NE(line_with(list.output, "lanhdao.phuonglaocai").find("HẾT HẠN/expired"), std::string::npos);
  EXPECT_NE(line_with(list.output, "000.00.05.H38").find("KHÔNG DÙNG ĐỂ KÝ/not for signing"),
            std::string::npos);
  EXPECT_NE(line_with(list.output, "\nCA ").find(kCaName), std::string::npos) << list.output;
  EXPECT_EQ(count(list.output, "HẾT HẠN"), 1u);
  EXPECT_EQ(count(list.output, "KHÔNG DÙNG ĐỂ KÝ"), 1u);
}

}  // namespace
}  // namespace motcua::server
