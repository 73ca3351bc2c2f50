// The storage contract of the one-stop process (app/dossier_ports.hpp): dossiers with their history,
// optimistic versions, gap-free code sequences under concurrency, idempotency keys, inboxes, search, workflow
// versions and the outbox. Part of store_contract_test: the Sqlite/ and Postgres/ instantiations run in the
// store_contract_sqlite and store_contract_postgres CTests. Every test starts from a fresh, migrated
// database.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "app/dossier_codec.hpp"
#include "contract_support.hpp"
#include "core/time.hpp"
#include "storage/open_store.hpp"

namespace motcua::contract {
namespace {

using app::Repositories;
using core::Status;
using domain::Dossier;
using domain::DossierEvent;
using domain::DossierState;
using domain::Role;

constexpr const char* kDistrict = "000.00.07.H38";  // the receiving desk
constexpr const char* kCommune = "000.07.01.H38";
constexpr const char* kProvince = "000.00.00.H38";

template <typename T>
std::string code_of(const core::Result<T>& r) {
  return r.ok() ? "ok" : core::error_code_name(r.error().code);
}

template <typename T>
T must(core::Result<T> r) {
  if (r.ok()) return std::move(*r);
  ADD_FAILURE() << "unexpected " << core::error_code_name(r.error().code) << ": " << r.error().message_en;
  return T{};
}

core::Date date(const char* text) {
  return *core::parse_date(text);
}

DossierEvent event(core::UnixSeconds at, const std::string& action, DossierState from, DossierState to) {
  DossierEvent e;
  e.at = at;
  e.actor_user_id = 11;
  e.actor = "motcua.quan";
  e.action = action;
  e.from_state = from;
  e.to_state = to;
  return e;
}

domain::Task task(const std::string& agency, Role role, core::UnixSeconds due, int branch = -1) {
  return {"tham_dinh", branch, agency, role, due - 3600, due, 28'800};
}

// A received dossier in processing, with one open task at the district's specialists.
Dossier sample_dossier(const std::string& code, const std::string& applicant = "Nguyễn Văn An") {
  Dossier d;
  d.code = code;
  d.procedure_code = "1.001193";
  d.workflow_version = 2;
  d.rule_version = "2025";
  d.receiving_agency = kDistrict;
  d.unit_bindings = {{"applicant_commune", kCommune}};
  d.channel = domain::Channel::kOnline;
  d.applicant.full_name = applicant;
  d.applicant.personal_id = "001085012345";
  d.applicant.commune_code = "02680";
  d.applicant.user_id = 501;
  d.declaration = {{"ho_ten_tre", "Nguyễn Minh Khôi"}};
  d.components = {{"Tờ khai", "application/pdf", 2048, std::string(64, 'c')}};
  d.fee_vnd = 8000;
  d.state = DossierState::kInProcess;
  d.state_before_pause = DossierState::kReceived;
  d.tasks = {task(kDistrict, Role::kSpecialist, 1'745'830'800)};
  d.submitted_at = 1'745'550'000;
  d.received_at = 1'745'553'600;
  d.due_at = 1'745'900'000;
  d.original_due_at = 1'745'900'000;
  d.total_allowed_seconds = 86'400;
  d.history = {event(1'745'550'000, "submit", DossierState::kSubmittedOnline, DossierState::kSubmittedOnline),
               event(1'745'553'600, "receive", DossierState::kSubmittedOnline, DossierState::kInProcess)};
  d.history[1].timeliness = domain::calendar::Timeliness::kOnTime;
  d.history[1].note = "Đủ thành phần hồ sơ";
  return d;
}

app::InboxQuery for_roles(std::vector<domain::RoleAssignment> roles) {
  app::InboxQuery q;
  q.roles = std::move(roles);
  return q;
}

std::vector<std::string> codes_of(const std::vector<app::DossierSummary>& found) {
  std::vector<std::string> codes;
  for (const auto& s : found) codes.push_back(s.code);
  return codes;
}

std::vector<std::string> codes_of(const std::vector<app::InboxItem>& found) {
  std::vector<std::string> codes;
  for (const auto& s : found) codes.push_back(s.code);
  return codes;
}

nlohmann::json history_json(const std::vector<DossierEvent>& events) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : events) out.push_back(app::dossier_event_to_json(e));
  return out;
}

class DossierContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    TestDatabaseOrError db = create_test_database(GetParam());
    ASSERT_TRUE(db.database) << db.error;
    db_ = std::move(db.database);
    auto store = storage::open_store(db_->url(), {});
    ASSERT_TRUE(store.ok()) << store.error().message_en;
    store_ = std::move(*store);
    auto applied = store_->migrate();
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
  }

  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  Status write(const std::function<Status(Repositories&)>& fn) { return store_->write(fn); }

  template <typename Fn>
  auto in_write(Fn fn) -> decltype(fn(std::declval<Repositories&>())) {
    std::optional<decltype(fn(std::declval<Repositories&>()))> out;
    Status st = store_->write([&](Repositories& r) -> Status {
      out.emplace(fn(r));
      return {};
    });
    if (!st.ok()) return st.error();
    return std::move(*out);
  }
  template <typename Fn>
  auto in_read(Fn fn) -> decltype(fn(std::declval<Repositories&>())) {
    std::optional<decltype(fn(std::declval<Repositories&>()))> out;
    Status st = store_->read([&](Repositories& r) -> Status {
      out.emplace(fn(r));
      return {};
    });
    if (!st.ok()) return st.error();
    return std::move(*out);
  }

  void insert_all(const std::vector<Dossier>& dossiers) {
    Status st = write([&](Repositories& r) -> Status {
      for (const Dossier& d : dossiers) MOTCUA_RETURN_IF_ERROR(r.dossiers().insert(d));
      return {};
    });
    ASSERT_TRUE(st.ok()) << st.error().message_en;
  }

  Dossier find(const std::string& code) {
    return must(in_read([&](Repositories& r) { return r.dossiers().find(code); }));
  }

  std::vector<app::InboxItem> inbox(const app::InboxQuery& q) {
    return must(in_read([&](Repositories& r) { return r.dossiers().inbox(q); }));
  }

  std::vector<std::string> search(const app::DossierQuery& q) {
    return codes_of(must(in_read([&](Repositories& r) { return r.dossiers().search(q); })));
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<app::Store> store_;
};

// ---- Dossiers, versions, history ----

TEST_P(DossierContract, InsertedDossierRoundTripsWithItsHistory) {
  Dossier d = sample_dossier("000.00.07.H38-250425-0001");
  d.version = 9;  // ignored: a new dossier is version 1
  insert_all({d});
  Dossier found = find(d.code);
  EXPECT_EQ(found.version, 1);
  d.version = 1;
  EXPECT_EQ(app::dossier_to_json(found), app::dossier_to_json(d));
  ASSERT_EQ(found.history.size(), 2u);
  EXPECT_EQ(history_json(found.history), history_json(d.history));
  EXPECT_EQ(found.history[1].timeliness, domain::calendar::Timeliness::kOnTime);
  EXPECT_FALSE(found.history[0].timeliness.has_value());
  EXPECT_EQ(code_of(in_read([](Repositories& r) { return r.dossiers().find("000.00.07.H38-250425-0002"); })),
            "not_found");
}

// A desk's tracking book: what it received in [from, to), oldest first, each with its whole history; not what
// another desk received, not what is still waiting for reception, not what fell outside the period.
TEST_P(DossierContract, ReceivedByListsADesksDossiersOfAPeriodOldestFirstWithHistory) {
  const core::UnixSeconds from = 1'745'500'000;
  const core::UnixSeconds to = 1'745'600'000;
  auto at = [](const std::string& code, core::UnixSeconds received, const std::string& agency = kDistrict) {
    Dossier d = sample_dossier(code);
    d.receiving_agency = agency;
    d.received_at = received;
    return d;
  };
  Dossier waiting = at("000.00.07.H38-250425-0005", 0);  // submitted online, not received yet
  waiting.state = DossierState::kSubmittedOnline;
  waiting.history.resize(1);
  insert_all({at("000.00.07.H38-250425-0003", from + 500), at("000.00.07.H38-250425-0001", from + 900),
              at("000.00.07.H38-250425-0002", from + 500), at("000.00.07.H38-250425-0004", to),
              at("000.00.07.H38-250424-0009", from - 1), waiting,
              at(std::string(kCommune) + "-250425-0001", from + 100, kCommune)});
  const auto got =
      must(in_read([&](Repositories& r) { return r.dossiers().received_by(kDistrict, from, to); }));
  std::vector<std::string> codes;
  for (const auto& d : got) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"000.00.07.H38-250425-0002", "000.00.07.H38-250425-0003",
                                             "000.00.07.H38-250425-0001"}));
  // Each one's line in that book, as the receipt prints it.
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(must(in_read([&](Repositories& r) {
                return r.dossiers().received_position(kDistrict, from, got[i].received_at, got[i].code);
              })),
              static_cast<std::int64_t>(i + 1))
        << got[i].code;
  }
  for (const auto& d : got) {
    ASSERT_EQ(d.history.size(), 2u) << d.code;
    EXPECT_EQ(history_json(d.history), history_json(find(d.code).history)) << d.code;
    EXPECT_EQ(app::dossier_to_json(d), app::dossier_to_json(find(d.code))) << d.code;
  }
  EXPECT_TRUE(must(in_read([&](Repositories& r) {
                return r.dossiers().received_by(kDistrict, to + 1, to + 9);
              })).empty());
}

TEST_P(DossierContract, DuplicateCodeIsAlreadyExistsAndLeavesTheTransactionUsable) {
  insert_all({sample_dossier("000.00.07.H38-250425-0001")});
  Status st = write([](Repositories& r) -> Status {
    EXPECT_EQ(code_of(r.dossiers().insert(sample_dossier("000.00.07.H38-250425-0001", "Trần Thị Bình"))),
              "already_exists");
    return r.dossiers().insert(sample_dossier("000.00.07.H38-250425-0002"));
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  EXPECT_EQ(find("000.00.07.H38-250425-0001").applicant.full_name, "Nguyễn Văn An");
  EXPECT_EQ(find("000.00.07.H38-250425-0002").version, 1);
}

TEST_P(DossierContract, UpdateReplacesStateAndTasksAndAppendsHistory) {
  const std::string code = "000.00.07.H38-250425-0001";
  insert_all({sample_dossier(code)});
  Dossier d = find(code);
  d.state = DossierState::kCompleted;
  d.tasks = {task(kDistrict, Role::kDeskOfficer, 1'745'990'000)};
  d.finished_at = 1'745'880'000;
  DossierEvent approved = event(1'745'880'000, "approve", DossierState::kInProcess, DossierState::kCompleted);
  approved.timeliness = domain::calendar::Timeliness::kEarly;
  approved.used_seconds = 20'000;
  approved.allowed_seconds = 28'800;
  EXPECT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().update(d, {approved}); })), 2);
  Dossier after = find(code);
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(after.state, DossierState::kCompleted);
  EXPECT_EQ(after.finished_at, 1'745'880'000);
  ASSERT_EQ(after.history.size(), 3u);
  EXPECT_EQ(app::dossier_event_to_json(after.history[2]), app::dossier_event_to_json(approved));
  EXPECT_EQ(after.history[0].action, "submit");
  ASSERT_EQ(after.tasks.size(), 1u);
  EXPECT_EQ(after.tasks[0].role, Role::kDeskOfficer);
  // The task table follows: the specialists' inbox is empty, the desk's has the dossier.
  EXPECT_TRUE(inbox(for_roles({{Role::kSpecialist, kDistrict}})).empty());
  EXPECT_EQ(codes_of(inbox(for_roles({{Role::kDeskOfficer, kDistrict}}))), std::vector<std::string>{code});
}

TEST_P(DossierContract, StaleUpdateIsConflictAndChangesNothing) {
  const std::string code = "000.00.07.H38-250425-0001";
  insert_all({sample_dossier(code)});
  Dossier first = find(code);
  Dossier second = first;  // two officials loaded version 1
  first.state = DossierState::kConsultation;
  ASSERT_EQ(must(in_write([&](Repositories& r) {
              return r.dossiers().update(
                  first, {event(2, "consult", DossierState::kInProcess, DossierState::kConsultation)});
            })),
            2);
  second.state = DossierState::kRefused;
  second.tasks.clear();
  Status st = write([&](Repositories& r) -> Status {
    auto v =
        r.dossiers().update(second, {event(3, "refuse", DossierState::kInProcess, DossierState::kRefused)});
    EXPECT_EQ(code_of(v), "conflict");
    if (!v.ok()) {
      EXPECT_EQ(v.error().code_id, "dossier.version_conflict");
    }
    Dossier ghost = second;
    ghost.code = "000.00.07.H38-250425-0999";
    EXPECT_EQ(code_of(r.dossiers().update(ghost, {})), "not_found");
    return {};  // the transaction stays usable and commits
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  Dossier after = find(code);
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(after.state, DossierState::kConsultation);
  ASSERT_EQ(after.history.size(), 3u);
  EXPECT_EQ(after.history[2].action, "consult");
  EXPECT_EQ(after.tasks.size(), 1u);
  EXPECT_EQ(inbox(for_roles({{Role::kSpecialist, kDistrict}})).size(), 1u);
}

TEST_P(DossierContract, ThreadsRacingOnOneDossierEachLandExactlyOnce) {
  const std::string code = "000.00.07.H38-250425-0001";
  insert_all({sample_dossier(code)});
  constexpr int kThreads = 4;
  constexpr int kActions = 8;
  std::atomic<int> conflicts{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int done = 0; done < kActions;) {
        Status st = write([&](Repositories& r) -> Status {
          auto d = r.dossiers().find(code);
          if (!d) return d.error();
          d->supplement_requests += 1;
          auto v = r.dossiers().update(
              *d, {event(t * 100 + done, "note", DossierState::kInProcess, DossierState::kInProcess)});
          if (!v) return v.error();
          return {};
        });
        if (st.ok()) {
          ++done;
        } else if (st.error().code == core::ErrorCode::kConflict) {
          ++conflicts;
        } else {
          ++failures;
          return;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  Dossier after = find(code);
  EXPECT_EQ(after.version, 1 + kThreads * kActions);
  EXPECT_EQ(after.supplement_requests, kThreads * kActions);
  EXPECT_EQ(after.history.size(), std::size_t{2 + kThreads * kActions});
}

// ---- Code sequences ----

TEST_P(DossierContract, SequencesCountPerAgencyAndDay) {
  auto next = [&](const char* agency, const char* day) {
    return must(in_write([&](Repositories& r) { return r.dossiers().next_sequence(agency, date(day)); }));
  };
  EXPECT_EQ(next(kDistrict, "2025-04-25"), 1);
  EXPECT_EQ(next(kDistrict, "2025-04-25"), 2);
  EXPECT_EQ(next(kDistrict, "2025-04-26"), 1);
  EXPECT_EQ(next(kCommune, "2025-04-25"), 1);
  EXPECT_EQ(next(kDistrict, "2025-04-25"), 3);
}

TEST_P(DossierContract, ARolledBackTransactionGivesItsNumberBack) {
  const core::Date day = date("2025-04-25");
  EXPECT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().next_sequence(kDistrict, day); })), 1);
  Status st = write([&](Repositories& r) -> Status {
    EXPECT_EQ(must(r.dossiers().next_sequence(kDistrict, day)), 2);
    return core::Error::invalid("test.rejected", "Bị từ chối", "Rejected by the test");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().next_sequence(kDistrict, day); })), 2);
}

TEST_P(DossierContract, SequencesAreGapFreeAndUniqueWithEightThreadsRacing) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 15;
  const core::Date day = date("2025-04-25");
  std::mutex mu;
  std::vector<int> committed;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const bool give_up = (t + i) % 4 == 0;  // a quarter of the submissions fail after taking a number
        int taken = 0;
        Status st = write([&](Repositories& r) -> Status {
          auto n = r.dossiers().next_sequence(kDistrict, day);
          if (!n) return n.error();
          taken = *n;
          MOTCUA_RETURN_IF_ERROR(
              r.dossiers().insert(sample_dossier(domain::format_dossier_code(kDistrict, day, *n))));
          if (give_up) return core::Error::invalid("test.rejected", "Bị từ chối", "Rejected by the test");
          return {};
        });
        if (st.ok()) {
          std::lock_guard lock(mu);
          committed.push_back(taken);
        } else if (!give_up) {
          ADD_FAILURE() << st.error().message_en;
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  std::sort(committed.begin(), committed.end());
  std::vector<int> expected(committed.size());
  for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<int>(i) + 1;
  EXPECT_EQ(committed, expected);  // unique and without gaps, whatever the interleaving
  EXPECT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().next_sequence(kDistrict, day); })),
            static_cast<int>(committed.size()) + 1);
  app::DossierQuery all;
  all.limit = 200;
  EXPECT_EQ(search(all).size(), committed.size());
}

// ---- Idempotency keys ----

TEST_P(DossierContract, IdempotencyKeysMapAUsersKeyToOneCode) {
  auto lookup = [&](std::int64_t user, const char* key) {
    return must(in_read([&](Repositories& r) { return r.dossiers().find_idempotency_key(user, key); }));
  };
  EXPECT_EQ(lookup(501, "k-1"), std::nullopt);
  ASSERT_TRUE(write([](Repositories& r) {
                return r.dossiers().save_idempotency_key(501, "k-1", "000.00.07.H38-250425-0001", 100);
              }).ok());
  EXPECT_EQ(lookup(501, "k-1"), std::optional<std::string>("000.00.07.H38-250425-0001"));
  EXPECT_EQ(lookup(502, "k-1"), std::nullopt);  // keys are per user
  Status st = write([](Repositories& r) -> Status {
    EXPECT_EQ(code_of(r.dossiers().save_idempotency_key(501, "k-1", "000.00.07.H38-250425-0002", 200)),
              "already_exists");
    return r.dossiers().save_idempotency_key(502, "k-1", "000.00.07.H38-250425-0003", 200);
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  EXPECT_EQ(lookup(501, "k-1"), std::optional<std::string>("000.00.07.H38-250425-0001"));
  EXPECT_EQ(lookup(502, "k-1"), std::optional<std::string>("000.00.07.H38-250425-0003"));
}

// ---- Inbox ----

std::string code_n(int n) {
  return domain::format_dossier_code(kDistrict, date("2025-04-25"), n);
}

TEST_P(DossierContract, InboxFiltersByAgencyAndRoleInDueOrder) {
  std::vector<Dossier> ds;
  const std::vector<std::pair<std::string, Role>> where = {{kDistrict, Role::kSpecialist},
                                                           {kDistrict, Role::kLeader},
                                                           {kCommune, Role::kSpecialist},
                                                           {kProvince, Role::kSpecialist}};
  for (int i = 1; i <= 12; ++i) {
    Dossier d = sample_dossier(code_n(i));
    const auto& [agency, role] = where[static_cast<std::size_t>(i) % where.size()];
    d.tasks = {task(agency, role, 1'000'000 - i * 1000)};  // later codes are due earlier
    ds.push_back(d);
  }
  insert_all(ds);
  auto specialists = inbox(for_roles({{Role::kSpecialist, kDistrict}}));
  EXPECT_EQ(codes_of(specialists), (std::vector<std::string>{code_n(12), code_n(8), code_n(4)}));
  ASSERT_EQ(specialists.size(), 3u);
  const app::InboxItem& first = specialists[0];
  EXPECT_EQ(first.procedure_code, "1.001193");
  EXPECT_EQ(first.applicant_name, "Nguyễn Văn An");
  EXPECT_EQ(first.state, DossierState::kInProcess);
  EXPECT_EQ(first.step_id, "tham_dinh");
  EXPECT_EQ(first.branch, -1);
  EXPECT_EQ(first.agency_code, kDistrict);
  EXPECT_EQ(first.role, Role::kSpecialist);
  EXPECT_EQ(first.task_due_at, 1'000'000 - 12'000);
  EXPECT_EQ(first.dossier_due_at, 1'745'900'000);
  // An official holding several roles sees their tasks merged in due order; agency_code narrows to one unit.
  app::InboxQuery both{{{Role::kSpecialist, kDistrict}, {Role::kSpecialist, kCommune}}, "", 0, "", 50};
  EXPECT_EQ(codes_of(inbox(both)),
            (std::vector<std::string>{code_n(12), code_n(10), code_n(8), code_n(6), code_n(4), code_n(2)}));
  app::InboxQuery many = both;  // more pairs than one statement takes
  for (int i = 90; i < 100; ++i)
    many.roles.push_back({Role::kLeader, "000.00." + std::to_string(i) + ".H38"});
  many.roles.push_back({Role::kSpecialist, kCommune});  // a duplicate
  many.limit = 5;
  EXPECT_EQ(codes_of(inbox(many)),
            (std::vector<std::string>{code_n(12), code_n(10), code_n(8), code_n(6), code_n(4)}));
  both.agency_code = kCommune;
  EXPECT_EQ(codes_of(inbox(both)), (std::vector<std::string>{code_n(10), code_n(6), code_n(2)}));
  EXPECT_TRUE(inbox(for_roles({{Role::kLeader, kCommune}})).empty());
  EXPECT_TRUE(inbox(for_roles({})).empty());
}

TEST_P(DossierContract, InboxPagesWithAKeysetOnDueTimeAndCode) {
  std::vector<Dossier> ds;
  for (int i = 1; i <= 9; ++i) {
    Dossier d = sample_dossier(code_n(i));
    d.tasks = {task(kDistrict, Role::kSpecialist, 5000 + (i % 3) * 100)};  // ties on due time, broken by code
    ds.push_back(d);
  }
  insert_all(ds);
  const std::vector<std::string> expected = {code_n(3), code_n(6), code_n(9), code_n(1), code_n(4),
                                             code_n(7), code_n(2), code_n(5), code_n(8)};
  app::InboxQuery q = for_roles({{Role::kSpecialist, kDistrict}});
  q.limit = 4;
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    auto items = inbox(q);
    if (items.empty()) break;
    EXPECT_LE(items.size(), 4u);
    for (const auto& item : items) seen.push_back(item.code);
    q.after_due_at = items.back().task_due_at;
    q.after_code = items.back().code;
  }
  EXPECT_EQ(seen, expected);
}

// A dossier's code begins with its receiving agency's identifier and "-": the search for what an agency
// received reads that range of codes, so a row that broke the rule is refused, on insert and on update.
TEST_P(DossierContract, ACodeMustBeginWithItsReceivingAgency) {
  const auto refusal = [](const Status& st) { return st.ok() ? std::string("ok") : st.error().code_id; };
  Dossier d = sample_dossier(code_n(1));
  d.receiving_agency = kCommune;
  EXPECT_EQ(refusal(write([&](Repositories& r) { return r.dossiers().insert(d); })),
            "dossier.code_agency_mismatch");
  EXPECT_EQ(code_of(in_read([](Repositories& r) { return r.dossiers().find(code_n(1)); })), "not_found");
  d.receiving_agency = std::string(kDistrict) + "0";  // a longer identifier that starts the same way
  EXPECT_EQ(refusal(write([&](Repositories& r) { return r.dossiers().insert(d); })),
            "dossier.code_agency_mismatch");
  d.receiving_agency = kDistrict;
  insert_all({d});
  Dossier moved = find(code_n(1));
  moved.receiving_agency = kCommune;
  EXPECT_EQ(refusal(write([&](Repositories& r) -> Status {
              auto v = r.dossiers().update(moved, {});
              return v ? Status{} : Status{v.error()};
            })),
            "dossier.code_agency_mismatch");
  EXPECT_EQ(find(code_n(1)).receiving_agency, kDistrict);
}

// The desk's own queue: dossiers whose receiving agency is the desk and whose desk_due_at is set come to the
// desk officers of that agency, merged with their tasks by (due, code), paged by the same keyset; updates
// move a dossier in and out of it.
TEST_P(DossierContract, DeskOfficersAlsoSeeTheirDesksQueue) {
  std::vector<Dossier> ds;
  for (int i = 1; i <= 8; ++i) {
    // 4 and 8 belong to another desk (and so their codes begin with its identifier).
    Dossier d =
        sample_dossier(i % 4 == 0 ? domain::format_dossier_code(kCommune, date("2025-04-25"), i) : code_n(i));
    d.tasks.clear();
    d.receiving_agency = i % 4 == 0 ? kCommune : kDistrict;
    d.state = i % 2 ? DossierState::kSubmittedOnline : DossierState::kReceived;
    d.desk_due_at = i == 3 ? 0 : 2000 + (9 - i) * 100;  // 3: nothing for the desk
    ds.push_back(d);
  }
  Dossier tasked = sample_dossier(code_n(9));  // a desk officer's task of a workflow step, due in between
  tasked.tasks = {task(kDistrict, Role::kDeskOfficer, 2450)};
  ds.push_back(tasked);
  insert_all(ds);
  app::InboxQuery q = for_roles({{Role::kDeskOfficer, kDistrict}});
  const auto items = inbox(q);
  // Due 2200 (7), 2300 (6), 2400 (5), 2450 (9: the task), 2500 (4: another desk), 2700 (2), 2800 (1).
  EXPECT_EQ(codes_of(items),
            (std::vector<std::string>{code_n(7), code_n(6), code_n(5), code_n(9), code_n(2), code_n(1)}));
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[0].step_id, "");
  EXPECT_EQ(items[0].role, Role::kDeskOfficer);
  EXPECT_EQ(items[0].agency_code, kDistrict);
  EXPECT_EQ(items[0].state, DossierState::kSubmittedOnline);
  EXPECT_EQ(items[0].task_due_at, 2200);
  EXPECT_EQ(items[1].state, DossierState::kReceived);
  EXPECT_EQ(items[3].step_id, "tham_dinh");
  EXPECT_EQ(codes_of(inbox(for_roles({{Role::kDeskOfficer, kCommune}}))),
            (std::vector<std::string>{domain::format_dossier_code(kCommune, date("2025-04-25"), 8),
                                      domain::format_dossier_code(kCommune, date("2025-04-25"), 4)}));
  EXPECT_TRUE(inbox(for_roles({{Role::kSpecialist, kDistrict}})).empty());  // not the desk's officers
  // Pages of two.
  q.limit = 2;
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    const auto got = inbox(q);
    if (got.empty()) break;
    for (const auto& item : got) seen.push_back(item.code);
    q.after_due_at = got.back().task_due_at;
    q.after_code = got.back().code;
  }
  EXPECT_EQ(seen, codes_of(items));
  // Transferred: out of the desk's queue.
  Dossier moved = find(code_n(7));
  moved.desk_due_at = 0;
  moved.state = DossierState::kInProcess;
  EXPECT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().update(moved, {}); })), 2);
  EXPECT_EQ(codes_of(inbox(for_roles({{Role::kDeskOfficer, kDistrict}})))[0], code_n(6));
  EXPECT_EQ(find(code_n(6)).desk_due_at, 2300);  // and the document round-trips it
}

// ---- Search ----

class DossierSearch : public DossierContract {
 protected:
  void SetUp() override {
    DossierContract::SetUp();
    if (HasFatalFailure()) return;
    struct Row {
      int n;
      const char* name;
      const char* personal_id;
      const char* procedure;
      DossierState state;
      core::UnixSeconds submitted_at;
      const char* task_agency;
    } rows[] = {
        {1, "Nguyễn Văn An", "001085000001", "1.001193", DossierState::kInProcess, 1000, kDistrict},
        {2, "Đặng Thu Hà", "001085000002", "1.001193", DossierState::kCompleted, 2000, ""},
        {3, "Nguyễn Văn Anh", "001085000003", "1.000894", DossierState::kInProcess, 3000, kProvince},
        {4, "Trần Đăng Khoa", "001085000004", "1.000894", DossierState::kRefused, 4000, ""},
        {5, "NGUYỄN THỊ AN", "001085000005", "1.001193", DossierState::kInProcess, 5000, kDistrict},
        {6, "Lê 100% Hoà", "001085000006", "2.000908", DossierState::kSubmittedOnline, 6000, ""},
    };
    std::vector<Dossier> ds;
    for (const Row& r : rows) {
      Dossier d = sample_dossier(code_n(r.n), r.name);
      d.applicant.personal_id = r.personal_id;
      d.applicant.user_id = r.n % 2 == 0 ? 700 : 701;
      d.procedure_code = r.procedure;
      d.state = r.state;
      d.submitted_at = r.submitted_at;
      d.tasks.clear();
      if (*r.task_agency) d.tasks = {task(r.task_agency, Role::kSpecialist, 9000)};
      ds.push_back(d);
    }
    Dossier other =
        sample_dossier(domain::format_dossier_code(kCommune, date("2025-04-25"), 1), "Đặng Văn Bình");
    other.receiving_agency = kCommune;
    other.procedure_code = "1.000656";
    other.state = DossierState::kResultReturned;
    other.tasks.clear();
    ds.push_back(other);
    insert_all(ds);
  }

  std::vector<std::string> by_name(const std::string& text) {
    app::DossierQuery q;
    q.applicant_folded = text;
    return search(q);
  }
};

TEST_P(DossierSearch, ListsNewestCodeFirstWithAKeyset) {
  app::DossierQuery q;
  q.limit = 3;
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    auto codes = search(q);
    if (codes.empty()) break;
    seen.insert(seen.end(), codes.begin(), codes.end());
    q.after_code = codes.back();
  }
  // Codes compare bytewise: the commune's "000.07..." comes before the district's "000.00..." in descending
  // order.
  EXPECT_EQ(seen,
            (std::vector<std::string>{domain::format_dossier_code(kCommune, date("2025-04-25"), 1), code_n(6),
                                      code_n(5), code_n(4), code_n(3), code_n(2), code_n(1)}));
  app::DossierQuery one;
  one.after_code = code_n(3);
  one.limit = 1;
  auto summary = must(in_read([&](Repositories& r) { return r.dossiers().search(one); }));
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].code, code_n(2));
  EXPECT_EQ(summary[0].procedure_code, "1.001193");
  EXPECT_EQ(summary[0].applicant_name, "Đặng Thu Hà");
  EXPECT_EQ(summary[0].state, DossierState::kCompleted);
  EXPECT_EQ(summary[0].receiving_agency, kDistrict);
  EXPECT_EQ(summary[0].submitted_at, 2000);
  EXPECT_EQ(summary[0].due_at, 1'745'900'000);
}

TEST_P(DossierSearch, FindsByCodePrefix) {
  app::DossierQuery q;
  q.code_prefix = std::string(kDistrict) + "-250425-000";
  EXPECT_EQ(search(q).size(), 6u);
  q.code_prefix = code_n(4);
  EXPECT_EQ(search(q), std::vector<std::string>{code_n(4)});
  q.code_prefix = kCommune;
  EXPECT_EQ(search(q),
            std::vector<std::string>{domain::format_dossier_code(kCommune, date("2025-04-25"), 1)});
  q.code_prefix = "000.00.07.H38-250426";
  EXPECT_TRUE(search(q).empty());
  q.code_prefix = "Đ";
  EXPECT_TRUE(search(q).empty());
}

TEST_P(DossierSearch, FindsByApplicantNameWithoutCaseOrDiacritics) {
  EXPECT_EQ(by_name("nguyen van an"), (std::vector<std::string>{code_n(3), code_n(1)}));  // "an" begins "anh"
  EXPECT_EQ(by_name("Nguyễn Văn An"), (std::vector<std::string>{code_n(3), code_n(1)}));
  EXPECT_EQ(by_name("nguyen an"), (std::vector<std::string>{code_n(5), code_n(3), code_n(1)}));
  EXPECT_EQ(by_name("anh"), std::vector<std::string>{code_n(3)});
  EXPECT_EQ(by_name("dang"),
            (std::vector<std::string>{domain::format_dossier_code(kCommune, date("2025-04-25"), 1), code_n(4),
                                      code_n(2)}));
  EXPECT_EQ(by_name("ĐẶNG thu"), std::vector<std::string>{code_n(2)});
  EXPECT_TRUE(by_name("guyen").empty());  // words match from their start
  EXPECT_EQ(by_name("100%"), std::vector<std::string>{code_n(6)});
  EXPECT_TRUE(by_name("1_0").empty());  // LIKE wildcards in the query are plain text
  EXPECT_TRUE(by_name("%").empty());
}

TEST_P(DossierSearch, FollowsRenamedApplicants) {
  Dossier d = find(code_n(4));
  d.applicant.full_name = "Trần Thị Khuê";
  ASSERT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().update(d, {}); })), 2);
  EXPECT_EQ(by_name("khue"), std::vector<std::string>{code_n(4)});
  EXPECT_TRUE(by_name("tran dang khoa").empty());
  d = find(code_n(4));
  d.state = DossierState::kResultReturned;  // an update that keeps the name keeps it findable
  ASSERT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().update(d, {}); })), 3);
  EXPECT_EQ(by_name("tran thi khue"), std::vector<std::string>{code_n(4)});
}

// A name reaches the index as of the transaction's end, whatever happened to it inside (SQLite fills its FTS5
// index at commit, migration 0007): renamed before the commit, found by the last name only; a failed write
// leaves nothing behind; dossiers of concurrent writes, which group commit puts in one transaction, are all
// found.
TEST_P(DossierSearch, IndexesTheNamesAsCommittedWhateverTheirTransactionDidBefore) {
  const std::string renamed_code = std::string(kDistrict) + "-250425-0020";
  Status st = write([&](Repositories& r) -> Status {
    Dossier d = sample_dossier(renamed_code, "Hoàng Văn Tú");
    MOTCUA_RETURN_IF_ERROR(r.dossiers().insert(d));
    d.version = 1;
    d.applicant.full_name = "Vàng Thị Sính";
    auto v = r.dossiers().update(d, {});
    if (!v) return v.error();
    return {};
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  EXPECT_EQ(by_name("vang thi sinh"), std::vector<std::string>{renamed_code});
  EXPECT_TRUE(by_name("hoang van tu").empty());

  st = write([&](Repositories& r) -> Status {
    MOTCUA_RETURN_IF_ERROR(
        r.dossiers().insert(sample_dossier(std::string(kDistrict) + "-250425-0021", "Lò Văn Páo")));
    return core::Error::invalid("test.abort", "Hủy.", "Aborted.");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(by_name("lo van pao").empty());

  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Dossier d = sample_dossier(std::string(kDistrict) + "-250425-01" + std::to_string(10 + t),
                                 "Sùng Mí Chư " + std::to_string(t));
      if (!write([&](Repositories& r) { return r.dossiers().insert(d); }).ok()) ++failures;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(by_name("sung mi chu").size(), std::size_t{kThreads});
  EXPECT_EQ(by_name("sung mi chu 3"), std::vector<std::string>{std::string(kDistrict) + "-250425-0113"});
}

TEST_P(DossierSearch, FiltersByPersonalIdProcedureStateOwnerAndDates) {
  app::DossierQuery q;
  q.personal_id = "001085000004";
  EXPECT_EQ(search(q), std::vector<std::string>{code_n(4)});
  q = {};
  q.procedure_code = "1.001193";
  q.state = DossierState::kInProcess;
  EXPECT_EQ(search(q), (std::vector<std::string>{code_n(5), code_n(1)}));
  q = {};
  q.state = DossierState::kSubmittedOnline;
  EXPECT_EQ(search(q), std::vector<std::string>{code_n(6)});
  q = {};
  q.owner_user_id = 700;
  EXPECT_EQ(search(q), (std::vector<std::string>{code_n(6), code_n(4), code_n(2)}));
  q = {};
  q.submitted_from = 2000;  // inclusive
  q.submitted_to = 5000;    // exclusive
  EXPECT_EQ(search(q), (std::vector<std::string>{code_n(4), code_n(3), code_n(2)}));
  q.applicant_folded = "nguyen";
  q.procedure_code = "1.000894";
  EXPECT_EQ(search(q), std::vector<std::string>{code_n(3)});
}

TEST_P(DossierSearch, RestrictsToAgenciesThatReceivedOrHoldATask) {
  app::DossierQuery q;
  q.agency_codes = {kProvince};
  EXPECT_EQ(search(q), std::vector<std::string>{code_n(3)});
  q.agency_codes = {kCommune};
  EXPECT_EQ(search(q),
            std::vector<std::string>{domain::format_dossier_code(kCommune, date("2025-04-25"), 1)});
  q.agency_codes = {kProvince, kCommune};
  q.applicant_folded = "dang";
  EXPECT_EQ(search(q),
            std::vector<std::string>{domain::format_dossier_code(kCommune, date("2025-04-25"), 1)});
  q.agency_codes = {"000.00.99.H38", "a\"b\\c,{d}"};  // quotes, backslashes, commas, braces are plain text
  q.applicant_folded.clear();
  EXPECT_TRUE(search(q).empty());
  q.agency_codes.clear();  // an official of many units (another way to the same answer)
  for (int i = 90; i < 100; ++i) q.agency_codes.push_back("000.00." + std::to_string(i) + ".H38");
  q.agency_codes.push_back(kProvince);
  EXPECT_EQ(search(q), std::vector<std::string>{code_n(3)});
  q.agency_codes.push_back(kCommune);
  q.personal_id = "001085000001";
  EXPECT_TRUE(search(q).empty());
}

TEST_P(DossierSearch, FindsDossiersHandedToAnAgencyAtAnEarlierStep) {
  // Dossier 4 went to a consulted department and came back: no task there any more, only its history.
  constexpr const char* kConsulted = "000.00.77.H38";
  Dossier four = find(code_n(4));
  DossierEvent out = event(4100, "consult", DossierState::kInProcess, DossierState::kConsultation);
  out.from_agency = kDistrict;
  out.to_agency = kConsulted;
  DossierEvent back = event(4200, "reply", DossierState::kConsultation, DossierState::kInProcess);
  back.from_agency = kConsulted;
  back.to_agency = kDistrict;
  ASSERT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().update(four, {out, back}); })), 2);
  app::DossierQuery q;
  q.agency_codes = {kConsulted};  // per-agency parts
  EXPECT_EQ(search(q), std::vector<std::string>{code_n(4)});
  q.agency_codes = {kConsulted, kProvince};
  EXPECT_EQ(search(q), (std::vector<std::string>{code_n(4), code_n(3)}));
  q.personal_id = "001085000004";  // a selective filter: membership checked row by row
  EXPECT_EQ(search(q), std::vector<std::string>{code_n(4)});
  q.personal_id = "001085000002";
  EXPECT_TRUE(search(q).empty());
  q = {};
  for (int i = 90; i < 100; ++i) q.agency_codes.push_back("000.00." + std::to_string(i) + ".H38");
  q.agency_codes.push_back(kConsulted);  // many agencies: membership checked row by row
  EXPECT_EQ(search(q), std::vector<std::string>{code_n(4)});
}

TEST_P(DossierSearch, AgencyRestrictedPagesNeverSkipOrRepeatADossier) {
  Dossier two = find(code_n(2));
  two.tasks = {task(kProvince, Role::kSpecialist, 9000, 0), task(kProvince, Role::kSpecialist, 9000, 1)};
  ASSERT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().update(two, {}); })), 2);
  const std::string commune_dossier = domain::format_dossier_code(kCommune, date("2025-04-25"), 1);
  for (int limit : {1, 2, 3, 50}) {
    app::DossierQuery q;
    q.agency_codes = {kProvince, kCommune, kProvince};
    q.limit = limit;
    std::vector<std::string> seen;
    for (int page = 0; page < 10; ++page) {
      const std::vector<std::string> codes = search(q);
      if (codes.empty()) break;
      // Pages are full until the last one, even though dossier 2 has two tasks at the province.
      EXPECT_EQ(codes.size(), std::min<std::size_t>(static_cast<std::size_t>(limit), 3 - seen.size()));
      seen.insert(seen.end(), codes.begin(), codes.end());
      q.after_code = codes.back();
    }
    EXPECT_EQ(seen, (std::vector<std::string>{commune_dossier, code_n(3), code_n(2)})) << "limit " << limit;
  }
  app::DossierQuery district;
  district.agency_codes = {kDistrict};
  district.state = DossierState::kInProcess;
  EXPECT_EQ(search(district), (std::vector<std::string>{code_n(5), code_n(3), code_n(1)}));
}

// ---- Workflow definitions ----

domain::WorkflowDefinition workflow(const std::string& agency, std::int32_t version,
                                    const std::string& name) {
  domain::WorkflowDefinition def;
  def.procedure_code = "1.001193";
  def.agency_code = agency;
  def.version = version;
  def.steps = {{"tham_dinh",
                name,
                Role::kSpecialist,
                domain::UnitSource::kReceivingAgency,
                "",
                1,
                {{"approve", domain::kCompleteTarget}},
                {}}};
  return def;
}

TEST_P(DossierContract, WorkflowsAreVersionedAndFallBackToTheDefault) {
  ASSERT_TRUE(write([](Repositories& r) -> Status {
                MOTCUA_RETURN_IF_ERROR(r.dossiers().save_workflow(workflow("", 1, "Mặc định 1")));
                MOTCUA_RETURN_IF_ERROR(r.dossiers().save_workflow(workflow("", 2, "Mặc định 2")));
                MOTCUA_RETURN_IF_ERROR(r.dossiers().save_workflow(workflow(kCommune, 1, "Xã 1")));
                return r.dossiers().save_workflow(workflow(kCommune, 3, "Xã 3"));
              }).ok());
  auto latest = [&](const std::string& agency) {
    return must(in_read([&](Repositories& r) { return r.dossiers().latest_workflow("1.001193", agency); }));
  };
  EXPECT_EQ(latest(kCommune).steps.at(0).name, "Xã 3");
  EXPECT_EQ(latest(kCommune).version, 3);
  EXPECT_EQ(latest(kDistrict).steps.at(0).name, "Mặc định 2");  // no variant of its own
  EXPECT_EQ(latest("").version, 2);
  EXPECT_EQ(code_of(in_read([](Repositories& r) { return r.dossiers().latest_workflow("9.999999", ""); })),
            "not_found");
  auto exact = must(in_read([](Repositories& r) { return r.dossiers().find_workflow("1.001193", "", 1); }));
  EXPECT_EQ(app::workflow_to_json(exact), app::workflow_to_json(workflow("", 1, "Mặc định 1")));
  EXPECT_EQ(
      code_of(in_read([](Repositories& r) { return r.dossiers().find_workflow("1.001193", kDistrict, 1); })),
      "not_found");
  Status st = write([](Repositories& r) -> Status {
    EXPECT_EQ(code_of(r.dossiers().save_workflow(workflow("", 2, "Trùng"))), "already_exists");
    return r.dossiers().save_workflow(workflow("", 4, "Mặc định 4"));
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  auto all = must(in_read([](Repositories& r) { return r.dossiers().all_latest_workflows(); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].agency_code, "");
  EXPECT_EQ(all[0].version, 4);
  EXPECT_EQ(all[1].agency_code, kCommune);
  EXPECT_EQ(all[1].version, 3);
}

// ---- Outbox ----

TEST_P(DossierContract, OutboxListsPendingEventsOldestFirstUntilDelivered) {
  ASSERT_TRUE(write([](Repositories& r) -> Status {
                for (int i = 1; i <= 3; ++i) {
                  MOTCUA_RETURN_IF_ERROR(r.dossiers().add_outbox(
                      {0, 100 + i, "dossier.received", "dossier:" + code_n(i),
                       R"({"code": ")" + code_n(i) + R"(", "n": )" + std::to_string(i) + "}",
                       "req-" + std::to_string(i)}));
                }
                return {};
              }).ok());
  auto pending = must(in_read([](Repositories& r) { return r.dossiers().pending_outbox(10); }));
  ASSERT_EQ(pending.size(), 3u);
  EXPECT_LT(pending[0].id, pending[1].id);
  EXPECT_EQ(pending[0].at, 101);
  EXPECT_EQ(pending[0].topic, "dossier.received");
  EXPECT_EQ(pending[0].aggregate, "dossier:" + code_n(1));
  EXPECT_EQ(pending[0].payload_json, R"({"code": ")" + code_n(1) + R"(", "n": 1})");  // byte for byte
  EXPECT_EQ(pending[2].request_id, "req-3");
  EXPECT_EQ(must(in_read([](Repositories& r) { return r.dossiers().pending_outbox(2); })).size(), 2u);
  const std::int64_t first = pending[0].id;
  ASSERT_TRUE(write([&](Repositories& r) { return r.dossiers().mark_delivered(first, 200); }).ok());
  ASSERT_TRUE(write([&](Repositories& r) { return r.dossiers().mark_delivered(first, 300); }).ok());
  Status unknown =
      write([&](Repositories& r) { return r.dossiers().mark_delivered(pending[2].id + 1000, 300); });
  EXPECT_EQ(unknown.ok() ? std::string("ok") : core::error_code_name(unknown.error().code), "not_found");
  auto rest = must(in_read([](Repositories& r) { return r.dossiers().pending_outbox(10); }));
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].id, pending[1].id);
}

// ---- Atomicity ----

TEST_P(DossierContract, AFailedWriteLeavesNoDossierEventOutboxRowOrNumber) {
  const core::Date day = date("2025-04-25");
  Status st = write([&](Repositories& r) -> Status {
    auto n = r.dossiers().next_sequence(kDistrict, day);
    if (!n) return n.error();
    const Dossier d = sample_dossier(domain::format_dossier_code(kDistrict, day, *n));
    MOTCUA_RETURN_IF_ERROR(r.dossiers().insert(d));
    MOTCUA_RETURN_IF_ERROR(r.dossiers().save_idempotency_key(501, "k-1", d.code, 100));
    MOTCUA_RETURN_IF_ERROR(
        r.dossiers().add_outbox({0, 100, "dossier.submitted", "dossier:" + d.code, "{}", "r"}));
    return core::Error::invalid("test.rejected", "Bị từ chối", "Rejected by the test");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code_id, "test.rejected");
  EXPECT_EQ(code_of(in_read([&](Repositories& r) { return r.dossiers().find(code_n(1)); })), "not_found");
  EXPECT_TRUE(must(in_read([](Repositories& r) { return r.dossiers().pending_outbox(10); })).empty());
  EXPECT_EQ(must(in_read([](Repositories& r) { return r.dossiers().find_idempotency_key(501, "k-1"); })),
            std::nullopt);
  EXPECT_TRUE(search({}).empty());
  EXPECT_TRUE(inbox(for_roles({{Role::kSpecialist, kDistrict}})).empty());
  // The same code can be used again: its number, its events and its tasks were all given back.
  EXPECT_EQ(must(in_write([&](Repositories& r) { return r.dossiers().next_sequence(kDistrict, day); })), 1);
  insert_all({sample_dossier(code_n(1))});
  EXPECT_EQ(find(code_n(1)).history.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, DossierContract, ::testing::Values(Engine::kSqlite));
INSTANTIATE_TEST_SUITE_P(Postgres, DossierContract, ::testing::Values(Engine::kPostgres));
INSTANTIATE_TEST_SUITE_P(Sqlite, DossierSearch, ::testing::Values(Engine::kSqlite));
INSTANTIATE_TEST_SUITE_P(Postgres, DossierSearch, ::testing::Values(Engine::kPostgres));

}  // namespace
}  // namespace motcua::contract
