// Kill -9 in the middle of a stream of online submissions, restart, and check the promise of durability:
// every dossier the server acknowledged (201) is there after the restart with what was sent; a retry with the
// same idempotency key gives back the same dossier, never a second one; dossier codes stay gap-free and
// unique; and no dossier exists that its submitter cannot find by key (nothing half-written). Runs the real
// `motcua serve` binary as a child process on SQLite (its default database under the data directory) and on
// PostgreSQL (a fresh database in the cluster at MOTCUA_TEST_PG_URL), twice killed per test.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "../contract/contract_support.hpp"
#include "e2e_fixture.hpp"
#include "http_client.hpp"

namespace motcua::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// `motcua serve` in a child process. The port is read from the line the server prints when it is ready.
class ServerProcess {
 public:
  ServerProcess(std::string data_dir, std::string database_url)
      : data_dir_(std::move(data_dir)), database_url_(std::move(database_url)) {}
  ~ServerProcess() {
    if (pid_ > 0) kill_hard();
  }

  // Starts the server and waits until it serves; returns "" or why it did not start.
  std::string start() {
    const std::string log = data_dir_ + "/serve-" + std::to_string(++starts_) + ".log";
    pid_ = ::fork();
    if (pid_ < 0) return "fork failed";
    if (pid_ == 0) {
      std::freopen(log.c_str(), "w", stdout);
      std::freopen((log + ".err").c_str(), "w", stderr);
      ::setenv("MOTCUA_DEMO_PASSWORD", kDemoPassword, 1);
      ::setenv("MOTCUA_ACCESS_LOG", "0", 1);
      std::vector<std::string> args = {"motcua",    "serve", "--demo",     "--listen", "127.0.0.1:0",
                                       "--threads", "2",     "--data-dir", data_dir_};
      if (!database_url_.empty()) {
        args.push_back("--database");
        args.push_back(database_url_);
      }
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(MOTCUA_BINARY, argv.data());
      std::_Exit(127);
    }
    const std::regex ready(R"(http://127\.0\.0\.1:([0-9]+)/)");
    for (int i = 0; i < 1200; ++i) {  // up to a minute: the sanitizer build starts slowly
      std::ifstream in(log);
      std::stringstream text;
      text << in.rdbuf();
      std::smatch m;
      const std::string s = text.str();
      if (std::regex_search(s, m, ready)) {
        port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
        return "";
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        std::ifstream err(log + ".err");
        std::stringstream e;
        e << err.rdbuf();
        return "motcua serve exited before serving: " + e.str();
      }
      std::this_thread::sleep_for(50ms);
    }
    return "motcua serve did not print its address within a minute";
  }

  void kill_hard() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // SIGTERM, then the exit status (-1 if it had to be killed after 30 s).
  int terminate() {
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 600; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(50ms);
    }
    kill_hard();
    return -1;
  }

  std::uint16_t port() const { return port_; }

 private:
  std::string data_dir_;
  std::string database_url_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  int starts_ = 0;
};

struct Citizen {
  Session session;
  std::string file_sha256;
};

Citizen sign_in_and_upload(const HttpClient& client) {
  Citizen c;
  c.session = sign_in(client, "congdan.hoa");
  const auto up = client.post("/api/v1/files", "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
                              c.session.headers());
  EXPECT_EQ(up.status, 201) << up.body;
  c.file_sha256 = up.json().value("sha256", "");
  return c;
}

// The declaration of submission `key`: the child's name carries the key, so that a dossier read back after
// the restart can be matched to the request that made it.
nlohmann::json submission(const Citizen& c, const std::string& key) {
  auto body = birth_registration_json(c.file_sha256);
  body["declaration"]["ho_ten_tre"] = "Giàng Thị Mai " + key;
  return body;
}

HttpResult submit(const HttpClient& client, const Citizen& c, const std::string& key) {
  auto headers = c.session.headers();
  headers.emplace_back("Idempotency-Key", key);
  return client.post("/api/v1/dossiers", submission(c, key).dump(), headers);
}

struct Ledger {
  std::mutex mutex;
  std::map<std::string, std::string> acknowledged;  // idempotency key -> dossier code (the server said 201)
  std::set<std::string> unanswered;                 // keys sent that got no answer (the server died)
  std::vector<std::string> unexpected;              // answers other than 201
  std::vector<std::string> files;                   // sha256 of each upload acknowledged with 201
};

// Submits from `threads` clients until the server stops answering; kills it with SIGKILL once at least
// `min_acknowledged` submissions were acknowledged and a random further few milliseconds have passed.
void submit_until_killed(ServerProcess& server, const Citizen& c, Ledger& ledger, const std::string& round,
                         std::mt19937& rng) {
  const HttpClient client(server.port());
  std::atomic<bool> stop{false};
  std::atomic<int> acked{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        const std::string key = round + "-t" + std::to_string(t) + "-" + std::to_string(i);
        const auto r = submit(client, c, key);
        std::lock_guard lock(ledger.mutex);
        if (r.status == 201) {
          ledger.acknowledged[key] = r.json().value("code", "");
          ++acked;
        } else if (r.status == 0) {
          ledger.unanswered.insert(key);
          return;  // the server is gone
        } else {
          ledger.unexpected.push_back(key + ": " + std::to_string(r.status) + " " + r.body);
          return;
        }
      }
    });
  }
  // And one client uploading scans (distinct bytes each time) while the submissions run.
  threads.emplace_back([&] {
    for (int i = 0; !stop; ++i) {
      const std::string scan =
          "%PDF-1.4\n% " + round + " scan " + std::to_string(i) + "\ntrailer <<>>\n%%EOF\n";
      const auto r = client.post("/api/v1/files", scan, c.session.headers());
      std::lock_guard lock(ledger.mutex);
      if (r.status == 201) {
        ledger.files.push_back(r.json().value("sha256", ""));
      } else {
        if (r.status != 0) ledger.unexpected.push_back("upload: " + std::to_string(r.status) + " " + r.body);
        return;
      }
    }
  });
  const int min_acknowledged = 40;
  for (int i = 0; i < 1200 && acked < min_acknowledged; ++i) std::this_thread::sleep_for(50ms);
  std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 250)(rng)));
  server.kill_hard();
  stop = true;
  for (auto& th : threads) th.join();
}

// Everything the ledger says must hold on the restarted server; retries the unanswered keys (each must give
// one dossier) and moves them to the acknowledged map.
void verify_after_restart(const HttpClient& client, const Citizen& c, Ledger& ledger) {
  EXPECT_TRUE(ledger.unexpected.empty()) << ledger.unexpected.front();
  // Every acknowledged dossier is there, with what was sent.
  for (const auto& [key, code] : ledger.acknowledged) {
    const auto r = client.get("/api/v1/dossiers/" + code, c.session.headers(false));
    ASSERT_EQ(r.status, 200) << "acknowledged dossier " << code << " (" << key << ") is lost: " << r.body;
    const auto d = r.json();
    EXPECT_EQ(d["declaration"].value("ho_ten_tre", ""), "Giàng Thị Mai " + key) << code;
    EXPECT_EQ(d["applicant"].value("personal_id", ""), "010192004821") << code;
  }
  // A retry of an acknowledged submission is answered with the same dossier.
  for (const auto& [key, code] : ledger.acknowledged) {
    const auto r = submit(client, c, key);
    ASSERT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    EXPECT_EQ(r.json().value("code", ""), code) << "retry of " << key << " made a second dossier";
  }
  // A submission that got no answer may or may not have been committed; its retry makes it exactly once.
  for (const auto& key : ledger.unanswered) {
    const auto r = submit(client, c, key);
    ASSERT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    ledger.acknowledged[key] = r.json().value("code", "");
    EXPECT_EQ(submit(client, c, key).json().value("code", ""), ledger.acknowledged[key]);
  }
  ledger.unanswered.clear();
  // Every acknowledged upload is still there: a dossier can be submitted with it.
  for (const auto& sha : ledger.files) {
    const std::string key = "file-" + sha;
    if (ledger.acknowledged.count(key)) continue;
    auto body = submission(c, key);
    body["components"][0]["sha256"] = sha;
    auto headers = c.session.headers();
    headers.emplace_back("Idempotency-Key", key);
    const auto r = client.post("/api/v1/dossiers", body.dump(), headers);
    ASSERT_EQ(r.status, 201) << "acknowledged upload " << sha << " is lost: " << r.body;
    ledger.acknowledged[key] = r.json().value("code", "");
  }

  // One dossier per key, and the citizen has no other: nothing was written without its key.
  std::set<std::string> codes;
  for (const auto& [key, code] : ledger.acknowledged) {
    EXPECT_TRUE(codes.insert(code).second) << "two keys share dossier " << code;
  }
  std::set<std::string> listed;
  std::string after;
  for (int page = 0; page < 1000; ++page) {
    const auto r =
        client.get("/api/v1/dossiers?limit=200" + (after.empty() ? "" : "&after=" + url_encode(after)),
                   c.session.headers(false));
    ASSERT_EQ(r.status, 200) << r.body;
    const auto items = item_codes(r);
    listed.insert(items.begin(), items.end());
    if (items.size() < 200) break;
    after = items.back();
  }
  EXPECT_EQ(listed, codes);

  // Codes are <agency>-<yymmdd>-<sequence>: per agency and day, the sequences are exactly 1..n.
  std::map<std::string, std::vector<int>> sequences;
  for (const auto& code : codes) {
    const auto dash = code.rfind('-');
    sequences[code.substr(0, dash)].push_back(std::stoi(code.substr(dash + 1)));
  }
  for (auto& [prefix, seqs] : sequences) {
    std::sort(seqs.begin(), seqs.end());
    for (std::size_t i = 0; i < seqs.size(); ++i) {
      ASSERT_EQ(seqs[i], static_cast<int>(i + 1)) << "gap in the codes of " << prefix;
    }
  }
}

class CrashTest : public ::testing::TestWithParam<Engine> {};

TEST_P(CrashTest, KillNineNeverLosesAnAcknowledgedDossier) {
  auto database = contract::create_test_database(GetParam());
  ASSERT_TRUE(database.database) << database.error;
  const auto data_dir = fs::temp_directory_path() / ("motcua-crash-" + std::to_string(::getpid()) + "-" +
                                                     contract::engine_name(GetParam()));
  fs::remove_all(data_dir);
  fs::create_directories(data_dir);
  // SQLite: the server's own default, DATA_DIR/motcua.db; PostgreSQL: the fresh test database.
  ServerProcess server(data_dir.string(), GetParam() == Engine::kPostgres ? database.database->url() : "");
  std::mt19937 rng(std::random_device{}());
  Ledger ledger;
  std::size_t before = 0;
  for (const std::string round : {"r1", "r2"}) {
    const auto started = server.start();
    ASSERT_EQ(started, "");
    const HttpClient client(server.port());
    Citizen citizen = sign_in_and_upload(client);
    ASSERT_FALSE(citizen.file_sha256.empty());
    if (round != "r1") verify_after_restart(client, citizen, ledger);
    before = ledger.acknowledged.size();
    submit_until_killed(server, citizen, ledger, round, rng);
    EXPECT_GT(ledger.acknowledged.size(), before + 30) << "too few submissions before the kill to mean much";
  }
  ASSERT_EQ(server.start(), "");
  const HttpClient client(server.port());
  const Citizen citizen = sign_in_and_upload(client);
  verify_after_restart(client, citizen, ledger);
  std::printf("[ crash ] %zu dossiers and %zu uploads across two SIGKILLs, every one accounted for\n",
              ledger.acknowledged.size(), ledger.files.size());
  EXPECT_EQ(server.terminate(), 0) << "SIGTERM must stop the server cleanly";
  fs::remove_all(data_dir);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CrashTest, ::testing::Values(Engine::kSqlite));
INSTANTIATE_TEST_SUITE_P(Postgres, CrashTest, ::testing::Values(Engine::kPostgres));

}  // namespace
}  // namespace motcua::e2e
