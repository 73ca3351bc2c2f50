// Test-only helpers for the signature adapter: a demo PKI (CA, leader, seal, TSA), a throw-away NSS database
// trusting the CA for pdfsig, and a local RFC 3161 TSA (`openssl ts -reply` behind a tiny HTTP responder on
// 127.0.0.1, one thread, one request at a time).
#pragma once

#include <netinet/in.h>
#include <openssl/pem.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

#include "adapters/pdf/stamp.hpp"
#include "adapters/pdf/test_support.hpp"
#include "adapters/sign/pki.hpp"
#include "adapters/sign/signer.hpp"

namespace motcua::adapters::testing {

inline constexpr const char* kAgency = "Sở Tư pháp tỉnh Lào Cai";

// A signing identity sharing the issued certificate and key (both reference-counted by OpenSSL).
inline sign::SigningIdentity identity_of(const sign::IssuedCertificate& issued, std::string png = {}) {
  EVP_PKEY_up_ref(issued.key.get());
  return {nullptr, sign::X509Ptr(X509_dup(issued.certificate.get())), sign::PkeyPtr(issued.key.get()),
          sign::X509StackPtr(sk_X509_new_null()), std::move(png)};
}

inline std::string key_pem_clear(EVP_PKEY* key) {
  sign::BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  return sign::bio_contents(bio.get());
}

// A CA with a leader's (personal), the agency's seal and a TSA certificate, valid from `clock`'s now.
struct DemoPki {
  sign::CertificateAuthority ca;
  sign::IssuedCertificate leader, seal, tsa;

  static DemoPki make(const core::Clock& clock) {
    using sign::CertificatePurpose;
    DemoPki p{std::move(*sign::create_ca({.subject = {.common_name = "CA thử nghiệm Sở Tư pháp Lào Cai",
                                                      .organisation = kAgency,
                                                      .locality = "Lào Cai"}},
                                         clock)),
              {},
              {},
              {}};
    p.leader = std::move(*sign::issue_certificate(
        p.ca,
        {.subject = {.common_name = "Trần Quốc Bảo", .organisation = kAgency, .locality = "Lào Cai"},
         .purpose = CertificatePurpose::kPersonalSigning},
        clock));
    p.seal = std::move(*sign::issue_certificate(
        p.ca,
        {.subject = {.common_name = kAgency, .organisation = kAgency, .locality = "Lào Cai"},
         .purpose = CertificatePurpose::kOrganisationSeal},
        clock));
    p.tsa = std::move(
        *sign::issue_certificate(p.ca,
                                 {.subject = {.common_name = "TSA thử nghiệm", .organisation = kAgency},
                                  .purpose = CertificatePurpose::kTimestamping},
                                 clock));
    return p;
  }
  std::string ca_pem() const { return sign::certificate_pem(ca.certificate.get()); }
};

// A certificate database for pdfsig -nssdir that trusts `ca_pem` for signatures.
inline std::string make_nss_db(const TempDir& dir, const std::string& ca_pem) {
  const std::string db = dir.file("nssdb");
  std::filesystem::create_directories(db);
  write_file(dir.file("ca.pem"), ca_pem);
  run("certutil -N -d sql:" + db + " --empty-password");
  run("certutil -A -d sql:" + db + " -n motcua-test-ca -t CT,C,C -i " + dir.file("ca.pem"));
  return db;
}

// `openssl ts -reply` behind a one-connection-at-a-time HTTP responder. Stops and joins on destruction.
class LocalTsa {
 public:
  LocalTsa(const DemoPki& pki, const TempDir& dir) : dir_(dir) {
    write_file(dir.file("tsa.pem"), sign::certificate_pem(pki.tsa.certificate.get()));
    write_file(dir.file("tsa.key"), key_pem_clear(pki.tsa.key.get()));
    write_file(dir.file("tsa-ca.pem"), pki.ca_pem());
    write_file(dir.file("tsaserial"), "01\n");
    write_file(dir.file("tsa.cnf"),
               "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\nserial = " + dir.file("tsaserial") +
                   "\ncrypto_device = builtin\nsigner_cert = " + dir.file("tsa.pem") +
                   "\ncerts = " + dir.file("tsa-ca.pem") + "\nsigner_key = " + dir.file("tsa.key") +
                   "\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256, sha384, sha512\n"
                   "accuracy = secs:1\nordering = yes\ntsa_name = yes\ness_cert_id_chain = no\n"
                   "ess_cert_id_alg = sha256\n");
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listener_, 8);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~LocalTsa() {
    stop_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  LocalTsa(const LocalTsa&) = delete;
  LocalTsa& operator=(const LocalTsa&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/tsa"; }
  int requests() const { return requests_.load(); }

 private:
  void serve() {
    while (!stop_) {
      const int conn = ::accept(listener_, nullptr, nullptr);
      if (conn < 0) return;
      handle(conn);
      ::close(conn);
    }
  }

  void handle(int conn) {
    std::string in;
    char buf[4096];
    std::size_t need = std::string::npos;
    for (ssize_t n = 0; (n = ::recv(conn, buf, sizeof buf, 0)) > 0;) {
      in.append(buf, static_cast<std::size_t>(n));
      const auto head_end = in.find("\r\n\r\n");
      if (head_end != std::string::npos && need == std::string::npos) {
        auto cl = in.find("Content-Length:");
        if (cl == std::string::npos) cl = in.find("content-length:");
        need = head_end + 4 + (cl == std::string::npos ? 0 : std::stoul(in.substr(cl + 15)));
      }
      if (need != std::string::npos && in.size() >= need) break;
    }
    const auto head_end = in.find("\r\n\r\n");
    if (head_end == std::string::npos) return;
    write_file(dir_.file("q.tsq"), in.substr(head_end + 4));
    run("openssl ts -reply -config " + dir_.file("tsa.cnf") + " -queryfile " + dir_.file("q.tsq") + " -out " +
        dir_.file("r.tsr"));
    const std::string body = read_file(dir_.file("r.tsr"));
    ++requests_;
    const std::string reply =
        "HTTP/1.0 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    ::send(conn, reply.data(), reply.size(), MSG_NOSIGNAL);
  }

  const TempDir& dir_;
  int listener_ = -1;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace motcua::adapters::testing
