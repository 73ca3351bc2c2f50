// Issue 4 benchmarks, in one run, each figure beside its baseline and target:
//   1. durable submissions (DossierService::submit, full synchronous SQLite, 64 concurrent submitters sharing
//      group commits) vs raw one-row-per-transaction SQLite inserts on the same disk        target >= 2x
//   2. durable workflow actions ("receive", 64 concurrent officials' requests)             target >= 5,000/s
//   3. an official's inbox with 100,000 open dossiers in the database                      target < 10 ms
// `dossier_bench --raw DIR` prints only the baseline (bench/run.sh's HTTP submission figure uses it).
// The same figures on PostgreSQL when MOTCUA_BENCH_PG_URL names a throwaway database (bench/run.sh starts
// one). HTTP is not in these figures: bench/run.sh measures the HTTP paths (submissions, status lookup) with
// wrk.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "server/runtime.hpp"
#include "server/serve.hpp"

using namespace motcua;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Baseline: one INSERT per durable transaction (WAL, synchronous=FULL), one thread, on the same disk.
double raw_sqlite_inserts_per_second(const std::string& dir, double seconds) {
  sqlite3* db = nullptr;
  sqlite3_open((dir + "/raw.db").c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE, doc TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t (code, doc) VALUES (?1, ?2)", -1, &stmt, nullptr);
  const std::string doc(1024, 'x');
  long n = 0;
  const auto start = Clock::now();
  while (seconds_since(start) < seconds) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    const std::string code = "code-" + std::to_string(n);
    sqlite3_bind_text(stmt, 1, code.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, doc.c_str(), -1, SQLITE_STATIC);
    sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    ++n;
  }
  const double rate = static_cast<double>(n) / seconds_since(start);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rate;
}

app::Actor actor_of(server::Runtime& rt, const std::string& username) {
  app::Actor a;
  auto st = rt.store->read([&](app::Repositories& r) -> core::Status {
    auto u = r.users().find_by_username(username);
    if (!u) return u.error();
    a.user_id = u->user.id;
    a.username = u->user.username;
    a.kind = u->user.kind;
    a.roles = u->user.roles;
    return {};
  });
  if (!st) std::fprintf(stderr, "cannot load %s: %s\n", username.c_str(), st.error().message_en.c_str());
  return a;
}

app::SubmitInput birth_registration(const std::string& sha) {
  app::SubmitInput in;
  in.procedure_code = "1.001193";
  in.receiving_agency = "000.01.21.H38";
  in.applicant.full_name = "Nguyễn Thị Hoa";
  in.applicant.personal_id = "010192004821";
  in.applicant.commune_code = "02647";
  in.declaration = {{"ho_ten_tre", "Giàng Thị Mai"},
                    {"ngay_sinh", "2026-11-01"},
                    {"gioi_tinh", "Nữ"},
                    {"noi_sinh", "Bệnh viện đa khoa tỉnh Lào Cai"},
                    {"quan_he", "Mẹ"}};
  in.components = {{"Giấy chứng sinh", sha}};
  return in;
}

enum class Outcome { kOk, kFailed, kNoMoreWork };

// Reports the first failed operation of a run (the count is printed at the end).
template <typename T>
Outcome outcome_of(const core::Result<T>& r, const char* what) {
  if (r) return Outcome::kOk;
  static std::atomic<bool> reported{false};
  if (!reported.exchange(true))
    std::fprintf(stderr, "first failed %s: %s (%s)\n", what, r.error().message_en.c_str(),
                 r.error().code_id.c_str());
  return Outcome::kFailed;
}

// Runs `op(i)` from `threads` threads until `seconds` pass or the work runs out; returns successful
// operations per second of the time actually spent.
template <typename Op>
double concurrent_rate(int threads, double seconds, Op op, std::atomic<long>& failures) {
  std::atomic<long> next{0}, ok{0};
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      while (seconds_since(start) < seconds) {
        const Outcome o = op(next++);
        if (o == Outcome::kNoMoreWork) break;
        if (o == Outcome::kOk)
          ++ok;
        else
          ++failures;
      }
    });
  }
  for (auto& th : pool) th.join();
  return static_cast<double>(ok.load()) / seconds_since(start);
}

// 100,000 open dossiers, each with one task, spread over the demo communes' units and roles, inserted
// directly.
void seed_open_dossiers(server::Runtime& rt, int count) {
  const char* agencies[] = {"000.00.21.H38", "000.00.22.H38", "000.00.23.H38", "000.00.24.H38",
                            "000.00.25.H38"};
  const domain::Role roles[] = {domain::Role::kSpecialist, domain::Role::kLeader};
  const core::UnixSeconds now = rt.clock.now();
  for (int batch = 0; batch < count; batch += 10000) {
    auto st = rt.store->write([&](app::Repositories& r) -> core::Status {
      for (int i = batch; i < std::min(count, batch + 10000); ++i) {
        domain::Dossier d;
        d.receiving_agency = "000.01.21.H38";  // a code begins with its receiving agency's identifier
        d.code =
            domain::format_dossier_code(d.receiving_agency, *core::parse_date("2026-01-01"), i % 9999 + 1) +
            std::to_string(i / 9999);
        d.procedure_code = "1.001193";
        d.applicant.full_name = "Người nộp " + std::to_string(i);
        d.state = domain::DossierState::kInProcess;
        d.submitted_at = d.received_at = now - i;
        d.due_at = now + 86400 + i;
        const auto* agency = agencies[i % 5];
        d.tasks.push_back(
            {"tham_dinh", -1, agency, roles[(i / 5) % 2], now - i, now + (i * 37) % 500000, 3600});
        MOTCUA_RETURN_IF_ERROR(r.dossiers().insert(d));
      }
      return {};
    });
    if (!st) {  // the inbox figures would time an empty database
      std::fprintf(stderr, "seed failed: %s\n", st.error().message_en.c_str());
      std::exit(2);
    }
  }
}

// Stops the benchmark: a figure timed over failing calls would measure nothing.
[[noreturn]] void timed_call_failed(const char* what) {
  std::fprintf(stderr, "%s\n", what);
  std::exit(2);
}

// Median wall time of `samples` calls of `fn`, in milliseconds; `fn` returns false when the call failed.
template <typename Fn>
double median_ms(int samples, Fn fn) {
  std::vector<double> ms;
  for (int i = 0; i < samples; ++i) {
    const auto start = Clock::now();
    if (!fn()) timed_call_failed("a timed call failed or found nothing");
    ms.push_back(seconds_since(start) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

double median_inbox_ms(server::Runtime& rt, const app::Actor& official, int samples) {
  return median_ms(samples, [&] {
    auto items = rt.dossiers->inbox(official, {});
    return items && !items->empty();
  });
}

struct Figures {
  double submissions = 0, actions = 0, inbox_ms = 0;
  double desk_inbox_ms = 0;  // the desk officer's: tasks merged with the desk's own queue
  std::size_t desk_queue = 0;
  double search_units_ms = 0, search_name_ms = 0, search_code_ms = 0;
  long failures = 0;
};

Figures run_engine(const std::string& dir, const std::string& database_url, double seconds) {
  server::Config config;
  config.data_dir = dir;
  config.database_url = database_url;
  config.access_log = false;
  config.db_pool = 8;
  (void)server::finalize_config(config);
  auto rt = server::open_runtime(config);
  if (!rt) {
    std::fprintf(stderr, "open_runtime: %s\n", rt.error().message_en.c_str());
    std::exit(2);
  }
  if (auto st = server::load_demo_if_empty(**rt); !st) std::exit(2);
  const auto citizen = actor_of(**rt, "congdan.hoa");
  const auto desk = actor_of(**rt, "motcua.phuonglaocai");
  const auto sha =
      (*rt)->dossiers->upload(citizen, "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")->sha256;
  Figures f;
  std::atomic<long> failures{0};
  std::vector<std::string> codes(1 << 20);
  f.submissions = concurrent_rate(
      64, seconds,
      [&](long i) {
        auto v = (*rt)->dossiers->submit(citizen, birth_registration(sha), "bench", "");
        if (v) codes[static_cast<std::size_t>(i) % codes.size()] = v->dossier.code;
        return outcome_of(v, "submission");
      },
      failures);
  std::vector<std::string> submitted;
  for (const auto& c : codes)
    if (!c.empty()) submitted.push_back(c);
  f.actions = concurrent_rate(
      64, seconds,
      [&](long i) {
        if (static_cast<std::size_t>(i) >= submitted.size()) return Outcome::kNoMoreWork;
        return outcome_of((*rt)->dossiers->act(desk, submitted[static_cast<std::size_t>(i)],
                                               {"receive", {}, {}, -1}, 0, "bench", ""),
                          "action");
      },
      failures);
  seed_open_dossiers(**rt, 100000);
  app::Actor official;
  official.user_id = 1;
  official.username = "bench";
  official.kind = domain::UserKind::kOfficial;
  official.roles = {{domain::Role::kSpecialist, "000.00.21.H38"}};
  f.inbox_ms = median_inbox_ms(**rt, official, 200);
  // The desk officer who received the submissions: every one of them waits in the desk's queue (to receive
  // or to transfer).
  f.desk_queue = submitted.size();
  f.desk_inbox_ms = median_inbox_ms(**rt, desk, 200);
  // Search over the same 100k dossiers as that official (scoped to the units they serve).
  auto search = [&](app::DossierQuery q) {
    return [&rt, &official, q] {
      auto r = (*rt)->dossiers->search(official, q);
      return r.ok() && !r->empty();
    };
  };
  app::DossierQuery newest;
  f.search_units_ms = median_ms(200, search(newest));
  app::DossierQuery name;
  name.applicant_folded = "nguoi nop 4710";  // a dossier at the official's agency
  f.search_name_ms = median_ms(200, search(name));
  app::DossierQuery code;
  code.code_prefix = "000.01.21.H38-260101-00";
  f.search_code_ms = median_ms(200, search(code));
  f.failures = failures;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds =
      std::getenv("MOTCUA_BENCH_SECONDS") ? std::atof(std::getenv("MOTCUA_BENCH_SECONDS")) : 5.0;
  // `dossier_bench --raw DIR`: only the baseline, in DIR (bench/run.sh measures it next to its HTTP figure).
  if (argc == 3 && std::string(argv[1]) == "--raw") {
    std::printf("RESULT raw_inserts_per_s %.0f\n", raw_sqlite_inserts_per_second(argv[2], seconds));
    return 0;
  }
  char tmpl[] = "/tmp/motcua-dossier-bench-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const double raw = raw_sqlite_inserts_per_second(dir, seconds);
  const auto sqlite = run_engine(dir + "/sqlite", dir + "/sqlite/motcua.db", seconds);
  std::printf("%-58s %12s %14s %10s\n", "figure (issue 4)", "motcua", "baseline", "target");
  std::printf("%-58s %10.0f/s %12.0f/s %10s\n", "durable submissions, SQLite (vs raw 1-row txns)",
              sqlite.submissions, raw, ">= 2.0x");
  std::printf("%-58s %11.2fx\n", "  ratio", sqlite.submissions / raw);
  std::printf("%-58s %10.0f/s %14s %10s\n", "durable workflow actions (receive), SQLite", sqlite.actions, "-",
              ">= 5000/s");
  std::printf("%-58s %9.2f ms %14s %10s\n", "inbox of an official, 100k open dossiers, SQLite (median)",
              sqlite.inbox_ms, "-", "< 10 ms");
  std::printf(
      "%-58s %9.2f ms %14s %10s\n",
      ("inbox of the desk officer, " + std::to_string(sqlite.desk_queue) + " in the desk's queue").c_str(),
      sqlite.desk_inbox_ms, "-", "< 10 ms");
  std::printf("%-58s %9.3f ms %14s %10s\n", "  search by that official, newest 50 (median)",
              sqlite.search_units_ms, "-", "(info)");
  std::printf("%-58s %9.3f ms %14s %10s\n", "  search by that official, applicant name (median)",
              sqlite.search_name_ms, "-", "(info)");
  std::printf("%-58s %9.3f ms %14s %10s\n", "  search by that official, code prefix (median)",
              sqlite.search_code_ms, "-", "(info)");
  bool ok = sqlite.submissions >= 2 * raw && sqlite.actions >= 5000 && sqlite.inbox_ms < 10 &&
            sqlite.desk_inbox_ms < 10;
  if (const char* pg = std::getenv("MOTCUA_BENCH_PG_URL"); pg && *pg) {
    const auto p = run_engine(dir + "/pg", pg, seconds);
    std::printf("%-58s %10.0f/s\n", "durable submissions, PostgreSQL", p.submissions);
    std::printf("%-58s %10.0f/s\n", "durable workflow actions (receive), PostgreSQL", p.actions);
    std::printf("%-58s %9.3f ms\n", "inbox, 100k open dossiers, PostgreSQL (median)", p.inbox_ms);
    std::printf("%-58s %9.3f ms\n", "inbox of the desk officer, PostgreSQL (median)", p.desk_inbox_ms);
    std::printf("%-58s %9.3f ms\n", "  search: newest 50 / name / code prefix, PostgreSQL (median)",
                p.search_units_ms);
    std::printf("%-58s %9.3f ms / %.2f ms\n", "", p.search_name_ms, p.search_code_ms);
  }
  if (sqlite.failures > 0) std::printf("(%ld operations failed during the timed runs)\n", sqlite.failures);
  std::filesystem::remove_all(dir);
  return ok ? 0 : 1;
}
