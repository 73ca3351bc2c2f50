// The storage contract: one suite of tests that every app::Store adapter must pass, run against SQLite
// (ctest store_contract_sqlite) and PostgreSQL (ctest store_contract_postgres, which needs MOTCUA_TEST_PG_URL
// and fails without it). Every test starts from a fresh, migrated, empty database of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "app/auth.hpp"
#include "contract_support.hpp"
#include "core/clock.hpp"
#include "core/time.hpp"
#include "storage/open_store.hpp"

namespace motcua::contract {
namespace {

using app::Repositories;
using core::ErrorCode;
using core::Status;
using domain::AdministrativeUnit;
using domain::Procedure;
using domain::UnitLevel;

core::Date date(const char* text) {
  return *core::parse_date(text);
}

// "ok" or the error code's name, so that a wrong outcome prints readably instead of asserting.
template <typename T>
std::string code_of(const core::Result<T>& r) {
  return r.ok() ? "ok" : core::error_code_name(r.error().code);
}

template <typename T>
Status status_of(const core::Result<T>& r) {
  if (!r.ok()) return r.error();
  return {};
}

// The value of a result that the test expects to succeed; a recorded failure and a default value otherwise.
template <typename T>
T must(core::Result<T> r) {
  if (r.ok()) return std::move(*r);
  ADD_FAILURE() << "unexpected " << core::error_code_name(r.error().code) << ": " << r.error().message_en;
  return T{};
}

std::vector<std::string> codes_of(const std::vector<app::ProcedureSummary>& found) {
  std::vector<std::string> codes;
  for (const auto& s : found) codes.push_back(s.code);
  return codes;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> unit_codes(const std::vector<AdministrativeUnit>& units) {
  std::vector<std::string> codes;
  for (const auto& u : units) codes.push_back(u.code);
  return codes;
}

class StoreContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    TestDatabaseOrError db = create_test_database(GetParam());
    ASSERT_TRUE(db.database) << db.error;
    db_ = std::move(db.database);
    store_ = open(db_->url());
    ASSERT_TRUE(store_);
    auto applied = store_->migrate();
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
  }

  void TearDown() override {
    store_.reset();  // before the database is dropped
    db_.reset();
  }

  static std::unique_ptr<app::Store> open(const std::string& url) {
    auto store = storage::open_store(url, {});
    EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message_en);
    return store.ok() ? std::move(*store) : nullptr;
  }

  Status write(const std::function<Status(Repositories&)>& fn) { return store_->write(fn); }
  Status read(const std::function<Status(Repositories&)>& fn) { return store_->read(fn); }

  // Runs one repository call in its own transaction and returns its result.
  template <typename Fn>
  auto in_write(Fn fn) -> decltype(fn(std::declval<Repositories&>())) {
    std::optional<decltype(fn(std::declval<Repositories&>()))> out;
    Status st = write([&](Repositories& r) -> Status {
      out.emplace(fn(r));
      return {};
    });
    if (!st.ok()) return st.error();
    return std::move(*out);
  }
  template <typename Fn>
  auto in_read(Fn fn) -> decltype(fn(std::declval<Repositories&>())) {
    std::optional<decltype(fn(std::declval<Repositories&>()))> out;
    Status st = read([&](Repositories& r) -> Status {
      out.emplace(fn(r));
      return {};
    });
    if (!st.ok()) return st.error();
    return std::move(*out);
  }

  void insert_catalogue(const std::vector<CatalogueEntry>& entries) {
    Status st = write([&](Repositories& r) -> Status {
      for (const auto& e : entries)
        MOTCUA_RETURN_IF_ERROR(r.procedures().insert(sample_procedure(e.code, e.name, e.field)));
      return {};
    });
    ASSERT_TRUE(st.ok()) << st.error().message_en;
  }

  std::vector<app::ProcedureSummary> search(const std::string& text, int limit = 100) {
    app::ProcedureQuery q;
    q.text = text;
    q.limit = limit;
    auto found = in_read([&](Repositories& r) { return r.procedures().search(q); });
    EXPECT_TRUE(found.ok()) << "query: " << text << ": " << (found.ok() ? "" : found.error().message_en);
    return found.ok() ? std::move(*found) : std::vector<app::ProcedureSummary>{};
  }

  std::int64_t procedure_count() {
    auto n = in_read([](Repositories& r) { return r.procedures().count(); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<app::Store> store_;
};

// ---- Store: migrations, engine, ping ----

TEST_P(StoreContract, MigrationsApplyOnceAndReportTheirVersions) {
  TestDatabaseOrError fresh = create_test_database(GetParam());
  ASSERT_TRUE(fresh.database) << fresh.error;
  {
    auto store = open(fresh.database->url());
    ASSERT_TRUE(store);
    auto before = store->schema_version();
    ASSERT_TRUE(before.ok()) << before.error().message_en;
    EXPECT_EQ(*before, 0);
    auto applied = store->migrate();
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
    EXPECT_EQ(*applied, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    EXPECT_EQ(must(store->schema_version()), 10);
    auto again = store->migrate();
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->empty());
  }
  auto reopened = open(fresh.database->url());
  ASSERT_TRUE(reopened);
  auto after_reopen = reopened->migrate();
  ASSERT_TRUE(after_reopen.ok());
  EXPECT_TRUE(after_reopen->empty());
  EXPECT_EQ(must(reopened->schema_version()), 10);
}

TEST_P(StoreContract, ReportsItsEngineAndAnswersPing) {
  EXPECT_STREQ(store_->engine(), engine_name(GetParam()));
  EXPECT_TRUE(store_->ping().ok());
}

TEST(OpenStore, RejectsUnknownSchemes) {
  auto store = storage::open_store("mysql://localhost/motcua", {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(code_of(store), "invalid_argument");
  EXPECT_FALSE(storage::open_store("", {}).ok());
}

TEST(OpenStore, InMemorySqliteIsPrivateAndReadsCannotWrite) {
  auto opened = storage::open_store("sqlite::memory:", {});
  ASSERT_TRUE(opened.ok());
  app::Store& store = **opened;
  ASSERT_TRUE(store.migrate().ok());
  auto insert = [](const char* code) {
    return [code](Repositories& r) { return r.procedures().insert(sample_procedure(code, "Khai sinh")); };
  };
  EXPECT_TRUE(store.write(insert("1.001193")).ok());
  EXPECT_FALSE(store.read(insert("1.000894")).ok());
  std::int64_t count = -1;
  auto count_them = [&](Repositories& r) -> Status {
    count = must(r.procedures().count());
    return {};
  };
  EXPECT_TRUE(store.read(count_them).ok());
  EXPECT_EQ(count, 1);
  EXPECT_TRUE(store.write(insert("1.000894")).ok());
}

// ---- Transactions ----

TEST_P(StoreContract, AFailedWriteRollsBackEverythingItDid) {
  Status st = write([](Repositories& r) -> Status {
    MOTCUA_RETURN_IF_ERROR(r.procedures().insert(sample_procedure("1.001193", "Thủ tục đăng ký khai sinh")));
    MOTCUA_RETURN_IF_ERROR(r.units().insert(sample_unit("15", "Tỉnh Lào Cai", UnitLevel::kProvince, "")));
    MOTCUA_RETURN_IF_ERROR(r.agencies().insert(
        {"000.00.00.H38", "UBND tỉnh Lào Cai", domain::AgencyKind::kPeopleCommittee, "15", ""}));
    MOTCUA_RETURN_IF_ERROR(status_of(r.users().insert(sample_user("canbo01"))));
    MOTCUA_RETURN_IF_ERROR(
        r.audit().append({1, 0, "anonymous", "procedure.create", "procedure:1.001193", "ok", "", ""}));
    return core::Error::invalid("test.rejected", "Bị từ chối", "Rejected by the test");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code_id, "test.rejected");
  Status check = read([](Repositories& r) -> Status {
    EXPECT_EQ(must(r.procedures().count()), 0);
    EXPECT_EQ(must(r.units().count()), 0);
    EXPECT_TRUE(must(r.agencies().list()).empty());
    EXPECT_EQ(code_of(r.users().find_by_username("canbo01")), "not_found");
    EXPECT_TRUE(must(r.audit().recent("", 10)).empty());
    return {};
  });
  EXPECT_TRUE(check.ok());
}

TEST_P(StoreContract, AnExceptionInAWriteRollsBackAndPropagates) {
  EXPECT_THROW(
      write([](Repositories& r) -> Status {
        EXPECT_TRUE(r.procedures().insert(sample_procedure("1.001193", "Thủ tục đăng ký khai sinh")).ok());
        throw std::runtime_error("boom");
      }),
      std::runtime_error);
  EXPECT_EQ(procedure_count(), 0);
  EXPECT_TRUE(write([](Repositories& r) {
                return r.procedures().insert(sample_procedure("1.001193", "Khai sinh"));
              }).ok());
  EXPECT_EQ(procedure_count(), 1);
}

TEST_P(StoreContract, ExpectedErrorsLeaveTheTransactionUsable) {
  Status st = write([](Repositories& r) -> Status {
    MOTCUA_RETURN_IF_ERROR(r.procedures().insert(sample_procedure("1.001193", "Thủ tục đăng ký khai sinh")));
    EXPECT_EQ(code_of(r.procedures().insert(sample_procedure("1.001193", "Trùng mã"))), "already_exists");
    EXPECT_EQ(code_of(r.procedures().find("9.999999")), "not_found");
    Procedure stale = sample_procedure("1.001193", "Cũ");
    stale.version = 7;
    EXPECT_EQ(code_of(r.procedures().update(stale)), "conflict");
    return r.procedures().insert(sample_procedure("1.000894", "Thủ tục đăng ký kết hôn"));
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  EXPECT_EQ(procedure_count(), 2);
}

TEST_P(StoreContract, AnEngineErrorDoomsTheTransactionEvenIfTheCallbackGoesOn) {
  Status st = write([](Repositories& r) -> Status {
    MOTCUA_RETURN_IF_ERROR(r.procedures().insert(sample_procedure("1.001193", "Thủ tục đăng ký khai sinh")));
    Status orphan =
        r.sessions().insert({"aa", 424242, "csrf", 1, 2});  // no such user: a foreign-key violation
    EXPECT_EQ(code_of(orphan), "failed_precondition");
    return {};  // ignoring the failure must not commit half of the work
  });
  EXPECT_EQ(code_of(st), "failed_precondition");
  EXPECT_EQ(procedure_count(), 0);
}

TEST_P(StoreContract, ReadTransactionsCannotWrite) {
  Status st =
      read([](Repositories& r) { return r.procedures().insert(sample_procedure("1.001193", "Khai sinh")); });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(procedure_count(), 0);
}

TEST_P(StoreContract, ConcurrentWritersLoseNothing) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::atomic<int> failures{0};
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string code = std::to_string(t + 1) + "." + std::to_string(100000 + i);
        Status st = write([&](Repositories& r) -> Status {
          MOTCUA_RETURN_IF_ERROR(r.procedures().insert(sample_procedure(code, "Thủ tục số " + code)));
          return r.audit().append({i, 0, "worker", "procedure.create", "procedure:" + code, "ok", "", ""});
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  std::thread reader([&] {
    while (!done) {
      if (!read([](Repositories& r) { return status_of(r.procedures().count()); }).ok()) ++failures;
    }
  });
  for (auto& th : threads) th.join();
  done = true;
  reader.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(procedure_count(), kThreads * kPerThread);
  auto audit = in_read([](Repositories& r) { return r.audit().recent("procedure.", 1000); });
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->size(), static_cast<std::size_t>(kThreads * kPerThread));
}

// Concurrent writes may share one transaction (SQLite's group commit): a write that fails, by its own error
// or by a statement the engine refuses, must leave no trace and must not take the writes batched with it
// down.
TEST_P(StoreContract, FailingConcurrentWritesDoNotPoisonTheOthers) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string code = std::to_string(t + 1) + "." + std::to_string(200000 + i);
        const int kind =
            (t + i) % 3;  // 0: succeeds, 1: returns an error, 2: a duplicate insert the engine refuses
        Status st = write([&](Repositories& r) -> Status {
          MOTCUA_RETURN_IF_ERROR(r.procedures().insert(sample_procedure(code, "Thủ tục " + code)));
          if (kind == 1) return core::Error::invalid("test.fail", "lỗi thử", "test failure", "");
          if (kind == 2) return r.procedures().insert(sample_procedure(code, "Trùng " + code));
          return {};
        });
        if (st.ok() != (kind == 0)) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, 0);
  int expected = 0;
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kPerThread; ++i) expected += (t + i) % 3 == 0 ? 1 : 0;
  EXPECT_EQ(procedure_count(), expected);
}

// write_async: each write's `done` is called exactly once, with that write's own result, once it has
// committed (its rows are then readable) or failed (none of them are); an exception becomes Internal.
TEST_P(StoreContract, AsyncWritesCompleteOnceEachWithTheirOwnResult) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 24;
  std::mutex mu;
  std::condition_variable cv;
  int completed = 0;  // under mu
  std::vector<int> calls(kThreads * kPerThread, 0);
  std::vector<int> wrong;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int n = t * kPerThread + i;
        const std::string code = std::to_string(t + 1) + "." + std::to_string(300000 + i);
        const int kind = n % 4;  // 0: succeeds, 1: returns an error, 2: a refused duplicate, 3: throws
        store_->write_async(
            [code, kind](Repositories& r) -> Status {
              MOTCUA_RETURN_IF_ERROR(r.procedures().insert(sample_procedure(code, "Thủ tục " + code)));
              if (kind == 1) return core::Error::invalid("test.fail", "lỗi thử", "test failure", "");
              if (kind == 2) return r.procedures().insert(sample_procedure(code, "Trùng " + code));
              if (kind == 3) throw std::runtime_error("thrown by a write");
              return {};
            },
            [&, n, kind, code](Status st) {
              const bool right = kind == 0   ? st.ok()
                                 : kind == 1 ? !st.ok() && st.error().code_id == "test.fail"
                                 : kind == 3 ? !st.ok() && st.error().code == ErrorCode::kInternal
                                             : !st.ok();
              std::lock_guard lock(mu);
              ++calls[static_cast<std::size_t>(n)];
              if (!right) wrong.push_back(n);
              ++completed;
              cv.notify_all();
            });
      }
    });
  }
  for (auto& th : threads) th.join();
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(
        cv.wait_for(lock, std::chrono::seconds(30), [&] { return completed == kThreads * kPerThread; }))
        << completed << " of " << kThreads * kPerThread << " writes completed";
    EXPECT_TRUE(wrong.empty()) << "first wrong result: write " << wrong.front();
    for (int c : calls) EXPECT_EQ(c, 1);
  }
  EXPECT_EQ(procedure_count(), kThreads * kPerThread / 4);
}

// A sign-in checks its password (argon2id, slow on purpose) on the service's own thread and outside the write
// transaction: while one is being checked, its caller is free and other writes commit.
TEST_P(StoreContract, ASignInsPasswordCheckDoesNotHoldUpOtherWrites) {
  class GatedCrypto final : public app::Crypto {
   public:
    core::Result<std::string> hash_password(std::string_view password) override {
      return "hash:" + std::string(password);
    }
    bool verify_password(std::string_view hash, std::string_view password) override {
      std::unique_lock lock(mu);
      checking = true;
      cv.notify_all();
      cv.wait(lock, [this] { return open; });
      return hash == "hash:" + std::string(password);
    }
    std::string random_token(std::size_t bytes) override {
      return std::string(bytes, 'a') + std::to_string(++tokens);
    }
    std::string sha256_hex(std::string_view data) override { return "sha:" + std::string(data); }
    std::mutex mu;
    std::condition_variable cv;
    bool checking = false;  // under mu
    bool open = false;      // under mu
    std::atomic<int> tokens{0};
  } crypto;
  app::UserRecord user = sample_user("congdan.lan", domain::UserKind::kCitizen);
  user.password_hash = "hash:mat-khau-2026";
  ASSERT_TRUE(write([&](Repositories& r) -> Status {
                auto id = r.users().insert(user);
                if (!id) return id.error();
                return {};
              }).ok());
  core::FakeClock clock(1'765'000'000);
  app::AuthService auth(*store_, crypto, clock);
  std::promise<core::Result<app::SignInResult>> answer;
  auto posting = std::async(std::launch::async, [&] {
    auth.sign_in_async("congdan.lan", "mat-khau-2026", "127.0.0.1",
                       [&answer](core::Result<app::SignInResult> r) { answer.set_value(std::move(r)); });
  });
  {
    std::unique_lock lock(crypto.mu);
    ASSERT_TRUE(crypto.cv.wait_for(lock, std::chrono::seconds(10), [&] { return crypto.checking; }));
  }
  // The password is being checked on the service's own thread: the caller is free, and another write must
  // still go through.
  EXPECT_EQ(posting.wait_for(std::chrono::seconds(5)), std::future_status::ready)
      << "sign_in_async waited for the password check";
  std::atomic<bool> written{false};
  std::thread writer([&] {
    EXPECT_TRUE(write([](Repositories& r) {
                  return r.procedures().insert(sample_procedure("1.000001", "Thủ tục"));
                }).ok());
    written = true;
  });
  for (int i = 0; i < 1000 && !written; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(written.load()) << "a write waited for another user's password check";
  {
    std::lock_guard lock(crypto.mu);
    crypto.open = true;
  }
  crypto.cv.notify_all();
  posting.wait();
  writer.join();
  auto signed_in = answer.get_future().get();
  ASSERT_TRUE(signed_in.ok()) << signed_in.error().message_en;
  EXPECT_EQ(signed_in->actor.username, "congdan.lan");
}

TEST_P(StoreContract, ConcurrentOptimisticUpdatesAllLandExactlyOnce) {
  insert_catalogue({{"1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"}});
  constexpr int kThreads = 4;
  constexpr int kUpdates = 10;
  std::atomic<int> conflicts{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int done = 0; done < kUpdates;) {
        Status st = write([&](Repositories& r) -> Status {
          auto p = r.procedures().find("1.001193");
          if (!p) return p.error();
          p->steps += "x";
          auto v = r.procedures().update(*p);
          if (!v) return v.error();
          return {};
        });
        if (st.ok()) {
          ++done;
        } else if (st.error().code == ErrorCode::kConflict) {
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
  auto p = in_read([](Repositories& r) { return r.procedures().find("1.001193"); });
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->version, 1 + kThreads * kUpdates);
  EXPECT_EQ(p->steps.size(), sample_procedure("x", "x").steps.size() + std::size_t{kThreads * kUpdates});
}

// ---- Procedures ----

TEST_P(StoreContract, ProcedureRoundTripsEveryField) {
  Procedure p = sample_procedure("1.001193", "Thủ tục đăng ký khai sinh");
  ASSERT_TRUE(write([&](Repositories& r) { return r.procedures().insert(p); }).ok());
  auto found = in_read([](Repositories& r) { return r.procedures().find("1.001193"); });
  ASSERT_TRUE(found.ok()) << found.error().message_en;
  p.version = 1;
  EXPECT_EQ(found->code, p.code);
  EXPECT_EQ(found->name, p.name);
  EXPECT_EQ(found->field, p.field);
  EXPECT_EQ(found->levels, p.levels);
  EXPECT_EQ(found->online_level, p.online_level);
  EXPECT_EQ(found->time_limit.value, p.time_limit.value);
  EXPECT_EQ(found->time_limit.unit, p.time_limit.unit);
  EXPECT_EQ(found->time_limit.note, p.time_limit.note);
  EXPECT_EQ(found->time_limit.cutoff_minutes, p.time_limit.cutoff_minutes);
  ASSERT_EQ(found->fees.size(), 2u);
  EXPECT_EQ(found->fees[0].name, "Lệ phí đăng ký");
  EXPECT_EQ(found->fees[0].amount_vnd, 8000);
  EXPECT_EQ(found->fees[0].note, "Miễn cho trẻ em");
  ASSERT_EQ(found->components.size(), 2u);
  EXPECT_EQ(found->components[0].name, "Tờ khai đăng ký khai sinh");
  EXPECT_TRUE(found->components[0].required);
  EXPECT_FALSE(found->components[1].required);
  EXPECT_EQ(found->components[0].quantity, "1 bản chính");
  EXPECT_EQ(found->components[0].template_name, "TK-KS");
  EXPECT_EQ(found->result, p.result);
  EXPECT_EQ(found->legal_basis, p.legal_basis);
  EXPECT_EQ(found->steps, p.steps);
  EXPECT_EQ(found->requirements, p.requirements);
  EXPECT_EQ(found->applicants, p.applicants);
  EXPECT_EQ(found->decision, p.decision);
  EXPECT_EQ(found->agency_codes, p.agency_codes);
  EXPECT_EQ(found->source_url, p.source_url);
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(found->updated_at, p.updated_at);
}

TEST_P(StoreContract, ProcedureWithoutCutoffOrListsRoundTrips) {
  Procedure p = sample_procedure("2.000635", "Thủ tục cấp bản sao trích lục hộ tịch");
  p.time_limit = {3, domain::TimeLimitUnit::kWorkingHours, "", std::nullopt};
  p.fees.clear();
  p.components.clear();
  p.legal_basis.clear();
  p.agency_codes.clear();
  ASSERT_TRUE(write([&](Repositories& r) { return r.procedures().insert(p); }).ok());
  auto found = in_read([](Repositories& r) { return r.procedures().find("2.000635"); });
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->time_limit.cutoff_minutes, std::nullopt);
  EXPECT_EQ(found->time_limit.unit, domain::TimeLimitUnit::kWorkingHours);
  EXPECT_TRUE(found->fees.empty());
  EXPECT_TRUE(found->components.empty());
  EXPECT_TRUE(found->agency_codes.empty());
}

TEST_P(StoreContract, ProcedureDuplicateCodeIsAlreadyExists) {
  insert_catalogue({{"1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"}});
  Status st =
      write([](Repositories& r) { return r.procedures().insert(sample_procedure("1.001193", "Khác")); });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(code_of(st), "already_exists");
  EXPECT_EQ(st.error().code_id, "procedure.already_exists");
}

TEST_P(StoreContract, ProcedureUpdateBumpsVersionAndRejectsStaleOnes) {
  insert_catalogue({{"1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"}});
  Procedure p = sample_procedure("1.001193", "Thủ tục đăng ký khai sinh (sửa)");
  p.version = 1;
  p.agency_codes = {"000.00.09.H38"};
  auto v2 = in_write([&](Repositories& r) { return r.procedures().update(p); });
  ASSERT_TRUE(v2.ok()) << v2.error().message_en;
  EXPECT_EQ(*v2, 2);
  auto found = must(in_read([](Repositories& r) { return r.procedures().find("1.001193"); }));
  EXPECT_EQ(found.version, 2);
  EXPECT_EQ(found.name, "Thủ tục đăng ký khai sinh (sửa)");
  EXPECT_EQ(found.agency_codes, std::vector<std::string>{"000.00.09.H38"});

  auto stale = in_write([&](Repositories& r) { return r.procedures().update(p); });  // still version 1
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(code_of(stale), "conflict");
  Procedure missing = sample_procedure("9.999999", "Không có");
  missing.version = 1;
  auto absent = in_write([&](Repositories& r) { return r.procedures().update(missing); });
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(code_of(absent), "not_found");
}

TEST_P(StoreContract, ProcedureRemoveDeletesItAndItsSearchEntry) {
  insert_catalogue({{"1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"},
                    {"1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch"}});
  ASSERT_TRUE(write([](Repositories& r) { return r.procedures().remove("1.001193"); }).ok());
  auto gone = in_read([](Repositories& r) { return r.procedures().find("1.001193"); });
  EXPECT_EQ(code_of(gone), "not_found");
  EXPECT_EQ(code_of(write([](Repositories& r) { return r.procedures().remove("1.001193"); })), "not_found");
  EXPECT_TRUE(search("khai sinh").empty());
  EXPECT_EQ(codes_of(search("dang ky")), std::vector<std::string>{"1.000894"});
}

TEST_P(StoreContract, ProcedureListingPagesByCodeWithFilters) {
  std::vector<CatalogueEntry> entries;
  for (int i = 0; i < 25; ++i) {
    entries.push_back({"1." + std::to_string(100000 + i), "Thủ tục " + std::to_string(i),
                       i % 2 ? "Hộ tịch" : "Chứng thực"});
  }
  insert_catalogue(entries);
  std::vector<std::string> seen;
  app::ProcedureQuery q;
  q.limit = 10;
  for (int page = 0; page < 4; ++page) {
    auto found = in_read([&](Repositories& r) { return r.procedures().search(q); });
    ASSERT_TRUE(found.ok());
    for (const auto& s : *found) seen.push_back(s.code);
    if (found->empty()) break;
    q.after_code = found->back().code;
  }
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.front(), "1.100000");

  app::ProcedureQuery by_field;
  by_field.field = "Hộ tịch";
  by_field.limit = 100;
  auto field_hits = must(in_read([&](Repositories& r) { return r.procedures().search(by_field); }));
  EXPECT_EQ(field_hits.size(), 12u);
  app::ProcedureQuery by_level;
  by_level.level = domain::ProcedureLevel::kProvince;
  EXPECT_TRUE(must(in_read([&](Repositories& r) { return r.procedures().search(by_level); })).empty());
  by_level.level = domain::ProcedureLevel::kCommune;
  EXPECT_EQ(must(in_read([&](Repositories& r) { return r.procedures().search(by_level); })).size(),
            20u);  // default limit

  auto fields = in_read([](Repositories& r) { return r.procedures().fields(); });
  EXPECT_EQ(must(std::move(fields)), (std::vector<std::string>{"Chứng thực", "Hộ tịch"}));
  EXPECT_EQ(procedure_count(), 25);
}

TEST_P(StoreContract, ProcedureSummaryCarriesListFields) {
  insert_catalogue({{"1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"}});
  auto found = search("khai sinh");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "Thủ tục đăng ký khai sinh");
  EXPECT_EQ(found[0].field, "Hộ tịch");
  EXPECT_EQ(found[0].levels, sample_procedure("x", "x").levels);
  EXPECT_EQ(found[0].online_level, domain::OnlineLevel::kFull);
  EXPECT_EQ(found[0].time_limit.cutoff_minutes, 900);
}

// ---- Vietnamese search ----

TEST_P(StoreContract, SearchIgnoresCaseAndDiacriticsIncludingDStroke) {
  insert_catalogue(search_catalogue());
  const auto birth = search("dang ky khai sinh");
  ASSERT_EQ(codes_of(birth).size(), 3u);
  EXPECT_EQ(birth.front().code, "1.001193");  // "Thủ tục đăng ký khai sinh" before the longer names
  EXPECT_EQ(sorted(codes_of(birth)), (std::vector<std::string>{"1.001193", "1.001695", "1.004884"}));
  EXPECT_EQ(codes_of(search("ĐĂNG KÝ KHAI SINH")), codes_of(birth));
  EXPECT_EQ(codes_of(search("Đăng ký khai sinh")), codes_of(birth));

  const auto upper = sorted(codes_of(search("DANG KY")));
  EXPECT_EQ(upper.size(), 11u);
  EXPECT_NE(std::find(upper.begin(), upper.end(), "1.001193"), upper.end());
  EXPECT_EQ(sorted(codes_of(search("Đăng ký"))), upper);
  EXPECT_EQ(sorted(codes_of(search("đăng ký"))), upper);
  EXPECT_EQ(sorted(codes_of(search("đăng KÝ"))), upper);
}

TEST_P(StoreContract, SearchPrefixMatchesTheLastTermOnly) {
  insert_catalogue(search_catalogue());
  EXPECT_EQ(sorted(codes_of(search("khai si"))),
            (std::vector<std::string>{"1.001193", "1.001695", "1.004884"}));
  EXPECT_TRUE(search("kha sinh").empty());  // "kha" is not a whole word
}

TEST_P(StoreContract, SearchFindsAProcedureByItsCodeFirst) {
  insert_catalogue(search_catalogue());
  const auto by_code = search("1.001193");
  ASSERT_FALSE(by_code.empty());
  EXPECT_EQ(by_code.front().code, "1.001193");
  EXPECT_EQ(search(" 2.000635 ").front().code, "2.000635");
}

TEST_P(StoreContract, SearchTreatsQuerySyntaxAsPlainText) {
  insert_catalogue(search_catalogue());
  const std::vector<std::string> hostile = {"khai\" OR 1=1 --",
                                            "sinh*",
                                            "NEAR(",
                                            "'",
                                            "%",
                                            "\"",
                                            "*",
                                            "(",
                                            ")",
                                            "-",
                                            "^sinh",
                                            "khai AND",
                                            "OR",
                                            "NOT sinh",
                                            "name:khai",
                                            "{code name}: 1",
                                            "khai + sinh",
                                            "'; DROP TABLE procedures; --",
                                            "\\",
                                            "\\'",
                                            "_",
                                            "%khai%",
                                            "a'b",
                                            "':*",
                                            "!",
                                            "&",
                                            "|",
                                            "<->",
                                            "sinh:*",
                                            "khai & sinh",
                                            "khai | tu"};
  for (const std::string& q : hostile) {
    SCOPED_TRACE(q);
    auto found = search(q);
    EXPECT_EQ(sorted(codes_of(found)), expected_matches(search_catalogue(), q));
  }
  EXPECT_EQ(sorted(codes_of(search("sinh*"))), sorted(codes_of(search("sinh"))));
  EXPECT_TRUE(search("khai\" OR 1=1 --").empty());
  EXPECT_EQ(procedure_count(), static_cast<std::int64_t>(search_catalogue().size()));
}

TEST_P(StoreContract, SearchHitsMatchTheModelOnEveryEngine) {
  insert_catalogue(search_catalogue());
  const std::vector<std::string> queries = {"dang ky khai sinh",
                                            "DANG KY",
                                            "đăng ký",
                                            "khai tu",
                                            "ho tich",
                                            "HỘ TỊCH",
                                            "chứng thực",
                                            "chung thuc ban sao",
                                            "giay",
                                            "giấy phép xây dựng",
                                            "xay dung",
                                            "dat dai",
                                            "quyen su dung dat",
                                            "tro cap xa hoi",
                                            "bảo trợ",
                                            "đường bộ",
                                            "duong",
                                            "d",
                                            "đ",
                                            "Đ",
                                            "ket hon",
                                            "hon nhan",
                                            "cha me con",
                                            "ho kinh doanh",
                                            "thuong tru",
                                            "cu tru",
                                            "1",
                                            "001193",
                                            "1.001193",
                                            "2.000913",
                                            "nuoc ngoai",
                                            "yếu tố nước ngoài",
                                            "thu tuc",
                                            "tach ho"};
  for (const std::string& q : queries) {
    SCOPED_TRACE(q);
    EXPECT_EQ(sorted(codes_of(search(q))), expected_matches(search_catalogue(), q));
  }
}

TEST_P(StoreContract, SearchFiltersAndLimits) {
  insert_catalogue(search_catalogue());
  app::ProcedureQuery q;
  q.text = "dang ky";
  q.field = "Hộ tịch";
  q.limit = 100;
  auto in_field = in_read([&](Repositories& r) { return r.procedures().search(q); });
  ASSERT_TRUE(in_field.ok());
  EXPECT_EQ(in_field->size(), 7u);
  q.level = domain::ProcedureLevel::kMinistry;
  EXPECT_TRUE(must(in_read([&](Repositories& r) { return r.procedures().search(q); })).empty());
  EXPECT_EQ(search("dang ky", 2).size(), 2u);
  EXPECT_EQ(search("dang ky", 0).size(), 1u);  // limits are clamped to 1..100
}

// A limit cuts the ranking; it never changes it. Five procedures with the same name and field tie on every
// engine's score and are ordered by code; three short names contain the code 1.001193, so they outrank the
// procedure with that code on the text alone, and it still comes first when the query is its code.
TEST_P(StoreContract, SearchLimitedPageIsTheHeadOfTheFullRanking) {
  std::vector<CatalogueEntry> entries = search_catalogue();
  for (const char* code : {"9.000005", "9.000003", "9.000001", "9.000004", "9.000002"})
    entries.push_back(
        {code, "Đăng ký thành lập hộ kinh doanh thử nghiệm", "Thành lập và hoạt động của hộ kinh doanh"});
  for (const char* code : {"9.100001", "9.100002", "9.100003"})
    entries.push_back({code, "Sửa đổi 1.001193", "Hộ tịch"});
  insert_catalogue(entries);

  for (const std::string q :
       {"ho kinh doanh", "đăng ký", "dang ky thanh lap", "ho", "thu nghiem", "1.001193", "1", "thu tuc"}) {
    SCOPED_TRACE(q);
    const std::vector<std::string> full = codes_of(search(q));
    ASSERT_FALSE(full.empty());
    for (std::size_t k = 1; k <= full.size(); ++k) {
      SCOPED_TRACE(k);
      EXPECT_EQ(codes_of(search(q, static_cast<int>(k))),
                std::vector<std::string>(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(k)));
    }
  }
  EXPECT_EQ(codes_of(search("ho kinh doanh thu nghiem")),
            (std::vector<std::string>{"9.000001", "9.000002", "9.000003", "9.000004", "9.000005"}));
  EXPECT_EQ(codes_of(search("ho kinh doanh thu nghiem", 2)),
            (std::vector<std::string>{"9.000001", "9.000002"}));
  EXPECT_EQ(codes_of(search("1.001193", 1)), std::vector<std::string>{"1.001193"});
  EXPECT_EQ(sorted(codes_of(search("1.001193"))),
            (std::vector<std::string>{"1.001193", "9.100001", "9.100002", "9.100003"}));
}

TEST_P(StoreContract, SearchFollowsRenames) {
  insert_catalogue({{"1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"}});
  Procedure p = sample_procedure("1.001193", "Thủ tục đăng ký khai tử");
  p.version = 1;
  ASSERT_TRUE(in_write([&](Repositories& r) { return r.procedures().update(p); }).ok());
  EXPECT_TRUE(search("khai sinh").empty());
  EXPECT_EQ(codes_of(search("khai tu")), std::vector<std::string>{"1.001193"});
}

// ---- Units ----

class UnitContract : public StoreContract {
 protected:
  // Lào Cai before and after 2025-07-01: district 080 is abolished; communes 02674 and 02677 merge into a new
  // commune that reuses code 02674.
  void SetUp() override {
    StoreContract::SetUp();
    if (HasFatalFailure()) return;
    AdministrativeUnit province = sample_unit("15", "Tỉnh Lào Cai", UnitLevel::kProvince, "");
    AdministrativeUnit district = sample_unit("080", "Huyện Bảo Yên", UnitLevel::kDistrict, "15");
    district.valid_to = date("2025-06-30");
    AdministrativeUnit old_a = sample_unit("02674", "Xã Bảo Hà", UnitLevel::kCommune, "080");
    old_a.valid_to = date("2025-06-30");
    old_a.successor_codes = {"02674"};
    AdministrativeUnit old_b = sample_unit("02677", "Xã Kim Sơn", UnitLevel::kCommune, "080");
    old_b.valid_to = date("2025-06-30");
    AdministrativeUnit merged = sample_unit("02674", "Xã Bảo Hà", UnitLevel::kCommune, "15");
    merged.valid_from = date("2025-07-01");
    Status st = write([&](Repositories& r) -> Status {
      for (const auto* u : {&province, &district, &old_a, &old_b, &merged})
        MOTCUA_RETURN_IF_ERROR(r.units().insert(*u));
      return r.units().add_successor("02677", date("2025-06-30"), "02674");
    });
    ASSERT_TRUE(st.ok()) << st.error().message_en;
  }
};

TEST_P(UnitContract, FindPicksThePeriodValidOnTheDate) {
  auto before = in_read([](Repositories& r) { return r.units().find("02674", date("2024-01-01")); });
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->parent_code, "080");
  EXPECT_EQ(before->valid_from, std::nullopt);
  EXPECT_EQ(before->valid_to, date("2025-06-30"));
  EXPECT_EQ(before->successor_codes, std::vector<std::string>{"02674"});
  EXPECT_EQ(before->type, "Xã");
  EXPECT_EQ(before->level, UnitLevel::kCommune);

  auto after = in_read([](Repositories& r) { return r.units().find("02674", date("2025-07-01")); });
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->parent_code, "15");
  EXPECT_EQ(after->valid_from, date("2025-07-01"));
  EXPECT_EQ(after->valid_to, std::nullopt);

  auto last_day = must(in_read([](Repositories& r) { return r.units().find("02674", date("2025-06-30")); }));
  EXPECT_EQ(last_day.parent_code, "080");
  auto abolished = in_read([](Repositories& r) { return r.units().find("080", date("2025-07-01")); });
  ASSERT_FALSE(abolished.ok());
  EXPECT_EQ(code_of(abolished), "not_found");
}

TEST_P(UnitContract, HistoryAndPredecessors) {
  auto history = in_read([](Repositories& r) { return r.units().history("02674"); });
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].valid_from, std::nullopt);
  EXPECT_EQ((*history)[1].valid_from, date("2025-07-01"));

  auto preds = in_read([](Repositories& r) { return r.units().predecessors("02674"); });
  ASSERT_TRUE(preds.ok());
  EXPECT_EQ(unit_codes(*preds), (std::vector<std::string>{"02674", "02677"}));
  EXPECT_EQ((*preds)[1].successor_codes, std::vector<std::string>{"02674"});
  EXPECT_TRUE(must(in_read([](Repositories& r) { return r.units().predecessors("15"); })).empty());
}

TEST_P(UnitContract, DuplicatePeriodsAndUnknownUnitsAreRejected) {
  AdministrativeUnit again = sample_unit("02674", "Trùng", UnitLevel::kCommune, "080");
  EXPECT_EQ(code_of(write([&](Repositories& r) { return r.units().insert(again); })), "already_exists");
  again.valid_from = date("2025-07-01");
  EXPECT_EQ(code_of(write([&](Repositories& r) { return r.units().insert(again); })), "already_exists");
  EXPECT_EQ(code_of(write([](Repositories& r) {
              return r.units().add_successor("99999", date("2025-01-01"), "02674");
            })),
            "not_found");
}

TEST_P(UnitContract, ListFiltersByLevelParentAndDateWithKeyset) {
  auto list = [&](app::UnitFilter f) {
    auto units = in_read([&](Repositories& r) { return r.units().list(f); });
    EXPECT_TRUE(units.ok());
    return units.ok() ? unit_codes(*units) : std::vector<std::string>{};
  };
  app::UnitFilter communes;
  communes.level = UnitLevel::kCommune;
  EXPECT_EQ(list(communes), (std::vector<std::string>{"02674", "02674", "02677"}));
  communes.on = date("2025-07-01");
  EXPECT_EQ(list(communes), std::vector<std::string>{"02674"});
  app::UnitFilter children;
  children.parent_code = "080";
  children.on = date("2025-01-01");
  EXPECT_EQ(list(children), (std::vector<std::string>{"02674", "02677"}));
  children.after_code = "02674";
  EXPECT_EQ(list(children), std::vector<std::string>{"02677"});
  app::UnitFilter page;
  page.limit = 2;
  EXPECT_EQ(list(page), (std::vector<std::string>{"02674", "02674"}));
  page.after_code = "02674";
  EXPECT_EQ(list(page), (std::vector<std::string>{"02677", "080"}));
  EXPECT_EQ(must(in_read([](Repositories& r) { return r.units().count(); })), 5);
}

// ---- Agencies ----

TEST_P(StoreContract, AgenciesInsertFindUpdateList) {
  domain::Agency ubnd{"000.00.00.H38", "UBND tỉnh Lào Cai", domain::AgencyKind::kPeopleCommittee, "15", ""};
  domain::Agency stp{"000.00.01.H38", "Sở Tư pháp", domain::AgencyKind::kDepartment, "15", "000.00.00.H38"};
  ASSERT_TRUE(write([&](Repositories& r) -> Status {
                MOTCUA_RETURN_IF_ERROR(r.agencies().insert(stp));
                return r.agencies().insert(ubnd);
              }).ok());
  EXPECT_EQ(code_of(write([&](Repositories& r) { return r.agencies().insert(ubnd); })), "already_exists");
  stp.name = "Sở Tư pháp tỉnh Lào Cai";
  ASSERT_TRUE(write([&](Repositories& r) { return r.agencies().update(stp); }).ok());
  auto found = in_read([](Repositories& r) { return r.agencies().find("000.00.01.H38"); });
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->name, "Sở Tư pháp tỉnh Lào Cai");
  EXPECT_EQ(found->kind, domain::AgencyKind::kDepartment);
  EXPECT_EQ(found->unit_code, "15");
  EXPECT_EQ(found->parent_code, "000.00.00.H38");
  domain::Agency ghost{"000.00.99.H38", "Không có", domain::AgencyKind::kOther, "", ""};
  EXPECT_EQ(code_of(write([&](Repositories& r) { return r.agencies().update(ghost); })), "not_found");
  EXPECT_EQ(code_of(in_read([](Repositories& r) { return r.agencies().find("000.00.99.H38"); })),
            "not_found");
  auto all = must(in_read([](Repositories& r) { return r.agencies().list(); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].code, "000.00.00.H38");
}

// ---- Users, sessions, API tokens ----

TEST_P(StoreContract, UsersAndRolesRoundTrip) {
  app::UserRecord rec = sample_user("canbo01");
  rec.user.roles = {{domain::Role::kSpecialist, "000.00.01.H38"},
                    {domain::Role::kDeskOfficer, "000.00.00.H38"}};
  rec.failed_attempts = 2;
  rec.locked_until = 1'745'560'000;
  auto id = in_write([&](Repositories& r) { return r.users().insert(rec); });
  ASSERT_TRUE(id.ok()) << id.error().message_en;
  EXPECT_GT(*id, 0);

  auto by_name = in_read([](Repositories& r) { return r.users().find_by_username("canbo01"); });
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->user.id, *id);
  EXPECT_EQ(by_name->user.full_name, "Nguyễn Thị Đào");
  EXPECT_EQ(by_name->user.kind, domain::UserKind::kOfficial);
  EXPECT_EQ(by_name->user.email, rec.user.email);
  EXPECT_EQ(by_name->user.phone, rec.user.phone);
  EXPECT_EQ(by_name->user.personal_id, rec.user.personal_id);
  EXPECT_FALSE(by_name->user.disabled);
  EXPECT_EQ(by_name->password_hash, rec.password_hash);
  EXPECT_EQ(by_name->failed_attempts, 2);
  EXPECT_EQ(by_name->locked_until, rec.locked_until);
  EXPECT_EQ(by_name->created_at, rec.created_at);
  ASSERT_EQ(by_name->user.roles.size(), 2u);  // ordered by role name, then agency
  EXPECT_EQ(by_name->user.roles[0].role, domain::Role::kDeskOfficer);
  EXPECT_EQ(by_name->user.roles[0].agency_code, "000.00.00.H38");
  EXPECT_EQ(by_name->user.roles[1].role, domain::Role::kSpecialist);

  auto by_id = in_read([&](Repositories& r) { return r.users().find_by_id(*id); });
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->user.username, "canbo01");
  EXPECT_EQ(by_id->user.roles.size(), 2u);
}

TEST_P(StoreContract, UserUpdatesAndErrors) {
  auto id = in_write([](Repositories& r) { return r.users().insert(sample_user("canbo01")); });
  ASSERT_TRUE(id.ok());
  auto dup = in_write([](Repositories& r) { return r.users().insert(sample_user("canbo01")); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(code_of(dup), "already_exists");
  EXPECT_EQ(dup.error().code_id, "user.username_taken");

  ASSERT_TRUE(write([&](Repositories& r) -> Status {
                MOTCUA_RETURN_IF_ERROR(r.users().set_password_hash(*id, "$argon2id$new"));
                MOTCUA_RETURN_IF_ERROR(r.users().set_login_state(*id, 5, 1'800'000'000));
                return r.users().set_roles(*id, {{domain::Role::kLeader, "000.00.00.H38"}});
              }).ok());
  auto after = must(in_read([&](Repositories& r) { return r.users().find_by_id(*id); }));
  EXPECT_EQ(after.password_hash, "$argon2id$new");
  EXPECT_EQ(after.failed_attempts, 5);
  EXPECT_EQ(after.locked_until, 1'800'000'000);
  ASSERT_EQ(after.user.roles.size(), 1u);
  EXPECT_EQ(after.user.roles[0].role, domain::Role::kLeader);
  ASSERT_TRUE(write([&](Repositories& r) { return r.users().set_roles(*id, {}); }).ok());
  EXPECT_TRUE(must(in_read([&](Repositories& r) { return r.users().find_by_id(*id); })).user.roles.empty());

  const std::int64_t ghost = *id + 1000;
  EXPECT_EQ(code_of(write([&](Repositories& r) { return r.users().set_password_hash(ghost, "x"); })),
            "not_found");
  EXPECT_EQ(code_of(write([&](Repositories& r) { return r.users().set_login_state(ghost, 0, 0); })),
            "not_found");
  EXPECT_EQ(code_of(write([&](Repositories& r) { return r.users().set_roles(ghost, {}); })), "not_found");
  EXPECT_EQ(code_of(in_read([&](Repositories& r) { return r.users().find_by_id(ghost); })), "not_found");
}

TEST_P(StoreContract, UserListPagesByIdWithinAKind) {
  std::vector<std::int64_t> officials;
  ASSERT_TRUE(write([&](Repositories& r) -> Status {
                for (int i = 0; i < 5; ++i) {
                  app::UserRecord rec = sample_user("canbo0" + std::to_string(i));
                  rec.user.roles = {{domain::Role::kClerk, "000.00.00.H38"}};
                  rec.user.disabled = i == 4;
                  auto id = r.users().insert(rec);
                  if (!id) return id.error();
                  officials.push_back(*id);
                }
                return status_of(r.users().insert(sample_user("congdan", domain::UserKind::kCitizen)));
              }).ok());
  auto first =
      must(in_read([](Repositories& r) { return r.users().list(domain::UserKind::kOfficial, 0, 3); }));
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].id, officials[0]);
  EXPECT_EQ(first[0].roles.size(), 1u);
  auto rest = must(in_read(
      [&](Repositories& r) { return r.users().list(domain::UserKind::kOfficial, first.back().id, 3); }));
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest.back().id, officials[4]);
  EXPECT_TRUE(rest.back().disabled);
  auto citizens =
      must(in_read([](Repositories& r) { return r.users().list(domain::UserKind::kCitizen, 0, 10); }));
  ASSERT_EQ(citizens.size(), 1u);
  EXPECT_TRUE(citizens.front().roles.empty());
}

TEST_P(StoreContract, SessionsRoundTripAndExpire) {
  auto user = in_write([](Repositories& r) { return r.users().insert(sample_user("canbo01")); });
  ASSERT_TRUE(user.ok());
  ASSERT_TRUE(write([&](Repositories& r) -> Status {
                MOTCUA_RETURN_IF_ERROR(r.sessions().insert({"aa", *user, "csrf-a", 1000, 2000}));
                MOTCUA_RETURN_IF_ERROR(r.sessions().insert({"bb", *user, "csrf-b", 1000, 3000}));
                return r.sessions().insert({"cc", *user, "csrf-c", 1000, 4000});
              }).ok());
  EXPECT_EQ(code_of(write([&](Repositories& r) {
              return r.sessions().insert({"aa", *user, "x", 1, 2});
            })),
            "already_exists");
  auto a = in_read([](Repositories& r) { return r.sessions().find("aa"); });
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->user_id, *user);
  EXPECT_EQ(a->csrf_token, "csrf-a");
  EXPECT_EQ(a->created_at, 1000);
  EXPECT_EQ(a->expires_at, 2000);

  ASSERT_TRUE(write([](Repositories& r) { return r.sessions().remove_expired(3000); }).ok());
  EXPECT_EQ(code_of(in_read([](Repositories& r) { return r.sessions().find("aa"); })), "not_found");
  EXPECT_EQ(code_of(in_read([](Repositories& r) { return r.sessions().find("bb"); })), "not_found");
  EXPECT_TRUE(in_read([](Repositories& r) { return r.sessions().find("cc"); }).ok());
  ASSERT_TRUE(write([](Repositories& r) { return r.sessions().remove("cc"); }).ok());
  EXPECT_TRUE(write([](Repositories& r) { return r.sessions().remove("cc"); }).ok());  // idempotent
  EXPECT_EQ(code_of(in_read([](Repositories& r) { return r.sessions().find("cc"); })), "not_found");
}

TEST_P(StoreContract, ApiTokensRoundTripAndRevoke) {
  auto user = in_write(
      [](Repositories& r) { return r.users().insert(sample_user("hethong", domain::UserKind::kSystem)); });
  ASSERT_TRUE(user.ok());
  ASSERT_TRUE(write([&](Repositories& r) {
                return r.api_tokens().insert({"t1", *user, "Cổng DVC quốc gia", 1000, 0, false});
              }).ok());
  EXPECT_EQ(code_of(write([&](Repositories& r) {
              return r.api_tokens().insert({"t1", *user, "x", 1, 0, false});
            })),
            "already_exists");
  auto t = in_read([](Repositories& r) { return r.api_tokens().find("t1"); });
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->user_id, *user);
  EXPECT_EQ(t->name, "Cổng DVC quốc gia");
  EXPECT_EQ(t->created_at, 1000);
  EXPECT_EQ(t->expires_at, 0);
  EXPECT_FALSE(t->revoked);
  ASSERT_TRUE(write([](Repositories& r) { return r.api_tokens().revoke("t1"); }).ok());
  EXPECT_TRUE(must(in_read([](Repositories& r) { return r.api_tokens().find("t1"); })).revoked);
  EXPECT_EQ(code_of(write([](Repositories& r) { return r.api_tokens().revoke("nope"); })), "not_found");
  EXPECT_EQ(code_of(in_read([](Repositories& r) { return r.api_tokens().find("nope"); })), "not_found");
}

// ---- Audit log ----

TEST_P(StoreContract, AuditLogAppendsAndListsMostRecentFirst) {
  ASSERT_TRUE(
      write([](Repositories& r) -> Status {
        MOTCUA_RETURN_IF_ERROR(r.audit().append(
            {100, 0, "anonymous", "auth.sign_in", "user:canbo01", "failed", "sai mật khẩu", "10.0.0.1"}));
        MOTCUA_RETURN_IF_ERROR(
            r.audit().append({200, 7, "canbo01", "auth.sign_in", "user:canbo01", "ok", "", "10.0.0.1"}));
        MOTCUA_RETURN_IF_ERROR(r.audit().append({300, 7, "canbo01", "procedure.update", "procedure:1.001193",
                                                 "ok", "{\"version\":2}", "10.0.0.1"}));
        return r.audit().append(
            {400, 7, "canbo01", "auth.denied", "procedure:1.001193", "denied", "", "10.0.0.1"});
      }).ok());
  auto all = in_read([](Repositories& r) { return r.audit().recent("", 3); });
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].at, 400);
  EXPECT_EQ((*all)[2].at, 200);
  auto auth = must(in_read([](Repositories& r) { return r.audit().recent("auth.", 10); }));
  ASSERT_EQ(auth.size(), 3u);
  EXPECT_EQ(auth[0].action, "auth.denied");
  const app::AuditEntry& first = auth[2];
  EXPECT_EQ(first.at, 100);
  EXPECT_EQ(first.actor_user_id, 0);
  EXPECT_EQ(first.actor, "anonymous");
  EXPECT_EQ(first.target, "user:canbo01");
  EXPECT_EQ(first.outcome, "failed");
  EXPECT_EQ(first.detail, "sai mật khẩu");
  EXPECT_EQ(first.remote, "10.0.0.1");
  EXPECT_EQ(must(in_read([](Repositories& r) { return r.audit().recent("procedure.update", 10); })).size(),
            1u);
  EXPECT_TRUE(must(in_read([](Repositories& r) { return r.audit().recent("nothing", 10); })).empty());
}

// ---- Legal calendar: decision rows and agencies' office hours ----

app::StoredCalendarDay calendar_row(const char* day, domain::calendar::OfficialDayKind kind,
                                    const char* occasion, const char* name) {
  return {{date(day), kind, occasion, name, "Thông báo 1234/TB-BNV"}, "quantri", 1700000000};
}

TEST_P(StoreContract, CalendarDaysRoundTripByYearAndRefuseDuplicateDates) {
  using K = domain::calendar::OfficialDayKind;
  ASSERT_TRUE(write([](Repositories& r) -> Status {
                MOTCUA_RETURN_IF_ERROR(r.calendar().insert_day(
                    calendar_row("2027-02-08", K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (mùng 2)")));
                MOTCUA_RETURN_IF_ERROR(r.calendar().insert_day(calendar_row(
                    "2027-02-05", K::kHoliday, "tet_nguyen_dan", "Tết Nguyên đán (29 tháng Chạp)")));
                MOTCUA_RETURN_IF_ERROR(
                    r.calendar().insert_day(calendar_row("2027-12-31", K::kExtraOff, "", "Nghỉ cuối năm")));
                MOTCUA_RETURN_IF_ERROR(r.calendar().insert_day(
                    calendar_row("2028-01-01", K::kHoliday, "tet_duong_lich", "Tết Dương lịch")));
                return r.calendar().insert_day(calendar_row("2026-12-31", K::kSwapWork, "", "Làm bù"));
              }).ok());
  // A date already stored is an expected outcome: the transaction stays usable and the first row stays.
  ASSERT_TRUE(write([](Repositories& r) -> Status {
                auto again = r.calendar().insert_day(calendar_row("2027-02-05", K::kSwapOff, "", "Khác"));
                EXPECT_EQ(code_of(again), "already_exists");
                return r.calendar().insert_day(
                    calendar_row("2027-04-16", K::kHoliday, "gio_to_hung_vuong", "Giỗ Tổ"));
              }).ok());
  auto y2027 = must(in_read([](Repositories& r) { return r.calendar().days(2027); }));
  ASSERT_EQ(y2027.size(), 4u);
  EXPECT_EQ(core::format_date(y2027[0].day.date), "2027-02-05");
  EXPECT_EQ(y2027[0].day.kind, K::kHoliday);
  EXPECT_EQ(y2027[0].day.occasion, "tet_nguyen_dan");
  EXPECT_EQ(y2027[0].day.name_vi, "Tết Nguyên đán (29 tháng Chạp)");
  EXPECT_EQ(y2027[0].day.source, "Thông báo 1234/TB-BNV");
  EXPECT_EQ(y2027[0].created_by, "quantri");
  EXPECT_EQ(y2027[0].created_at, 1700000000);
  EXPECT_EQ(core::format_date(y2027[2].day.date), "2027-04-16");
  EXPECT_EQ(y2027[3].day.kind, K::kExtraOff);
  EXPECT_EQ(y2027[3].day.occasion, "");
  EXPECT_EQ(must(in_read([](Repositories& r) { return r.calendar().days(0); })).size(), 6u);
  EXPECT_EQ(must(in_write([](Repositories& r) { return r.calendar().remove_year(2027); })), 4);
  EXPECT_TRUE(must(in_read([](Repositories& r) { return r.calendar().days(2027); })).empty());
  auto rest = must(in_read([](Repositories& r) { return r.calendar().days(0); }));
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].day.kind, K::kSwapWork);
  EXPECT_EQ(core::format_date(rest[1].day.date), "2028-01-01");
}

TEST_P(StoreContract, OneCalendarDayIsRemovedByDateAndReturned) {
  using K = domain::calendar::OfficialDayKind;
  ASSERT_TRUE(write([](Repositories& r) -> Status {
                MOTCUA_RETURN_IF_ERROR(r.calendar().insert_day(
                    calendar_row("2027-06-11", K::kExtraOff, "", "Nghỉ theo quyết định (thử nghiệm)")));
                MOTCUA_RETURN_IF_ERROR(
                    r.calendar().insert_day(calendar_row("2027-06-19", K::kSwapWork, "", "Làm bù")));
                return r.calendar().insert_day(
                    calendar_row("2028-01-01", K::kHoliday, "tet_duong_lich", "Tết Dương lịch"));
              }).ok());
  auto removed = must(in_write([](Repositories& r) { return r.calendar().remove_day(date("2027-06-11")); }));
  EXPECT_EQ(core::format_date(removed.day.date), "2027-06-11");
  EXPECT_EQ(removed.day.kind, K::kExtraOff);
  EXPECT_EQ(removed.day.name_vi, "Nghỉ theo quyết định (thử nghiệm)");
  EXPECT_EQ(removed.day.source, "Thông báo 1234/TB-BNV");
  EXPECT_EQ(removed.created_by, "quantri");
  EXPECT_EQ(removed.created_at, 1700000000);
  auto rest = must(in_read([](Repositories& r) { return r.calendar().days(0); }));
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(core::format_date(rest[0].day.date), "2027-06-19");
  EXPECT_EQ(core::format_date(rest[1].day.date), "2028-01-01");
  // An unstored date is an expected outcome naming the field; the transaction stays usable, nothing changes.
  ASSERT_TRUE(write([](Repositories& r) -> Status {
                auto again = r.calendar().remove_day(date("2027-06-11"));
                EXPECT_EQ(code_of(again), "not_found");
                if (!again.ok()) {
                  EXPECT_EQ(again.error().field, "date");
                }
                EXPECT_EQ(code_of(r.calendar().remove_day(date("2027-06-20"))), "not_found");
                // The freed date can be stored again.
                return r.calendar().insert_day(calendar_row("2027-06-11", K::kSwapOff, "", "Nghỉ hoán đổi"));
              }).ok());
  auto y2027 = must(in_read([](Repositories& r) { return r.calendar().days(2027); }));
  ASSERT_EQ(y2027.size(), 2u);
  EXPECT_EQ(y2027[0].day.kind, K::kSwapOff);
  EXPECT_EQ(must(in_read([](Repositories& r) { return r.calendar().days(2028); })).size(), 1u);
}

TEST_P(StoreContract, AgencyHoursAreUpsertedAndReadBack) {
  domain::Agency ubnd{"000.00.00.H38", "UBND tỉnh Lào Cai", domain::AgencyKind::kPeopleCommittee, "15", ""};
  ASSERT_TRUE(write([&](Repositories& r) { return r.agencies().insert(ubnd); }).ok());
  EXPECT_EQ(code_of(in_read([](Repositories& r) { return r.calendar().find_agency_hours("000.00.00.H38"); })),
            "not_found");
  auto config = domain::calendar::AgencyCalendarConfig::standard();
  config.week[5] = {{7 * 60 + 30, 11 * 60 + 30}};  // the desk also receives on Saturday morning
  ASSERT_TRUE(write([&](Repositories& r) {
                return r.calendar().put_agency_hours({"000.00.00.H38", config, "quantri", 100});
              }).ok());
  auto found = must(in_read([](Repositories& r) { return r.calendar().find_agency_hours("000.00.00.H38"); }));
  EXPECT_EQ(found.agency_code, "000.00.00.H38");
  EXPECT_EQ(found.updated_by, "quantri");
  EXPECT_EQ(found.updated_at, 100);
  ASSERT_EQ(found.config.week[5].size(), 1u);
  EXPECT_EQ(found.config.week[5][0].open_minute, 450);
  EXPECT_EQ(found.config.week[5][0].close_minute, 690);
  EXPECT_TRUE(found.config.week[6].empty());
  ASSERT_EQ(found.config.week[0].size(), 2u);
  EXPECT_EQ(found.config.week[0][1].close_minute, 17 * 60);
  ASSERT_EQ(found.config.makeup_day.size(), 2u);
  config.week[5].clear();
  config.makeup_day = {{8 * 60, 12 * 60}};
  ASSERT_TRUE(write([&](Repositories& r) {
                return r.calendar().put_agency_hours({"000.00.00.H38", config, "admin2", 200});
              }).ok());
  found = must(in_read([](Repositories& r) { return r.calendar().find_agency_hours("000.00.00.H38"); }));
  EXPECT_TRUE(found.config.week[5].empty());
  ASSERT_EQ(found.config.makeup_day.size(), 1u);
  EXPECT_EQ(found.config.makeup_day[0].open_minute, 480);
  EXPECT_EQ(found.updated_by, "admin2");
  EXPECT_EQ(found.updated_at, 200);
}

// ---- PostgreSQL's own schema ----

// Checks of what only PostgreSQL has; the same fixture, instantiated for PostgreSQL alone.
class PostgresSchema : public StoreContract {};

// A GIN index with fastupdate on keeps new entries in a pending list that every search reads whole until a
// VACUUM merges it: after a bulk import, every catalogue search paid for it (migration 0008).
TEST_P(PostgresSchema, NoGinIndexKeepsAPendingList) {
  insert_catalogue(search_catalogue());
  ScalarOrError with_list = postgres_scalar(
      db_->url(),
      "SELECT count(*) FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' AND "
      "c.relkind = 'i' AND NOT coalesce('fastupdate=off' = ANY (c.reloptions), false)");
  ASSERT_EQ(with_list.error, "");
  EXPECT_EQ(with_list.value, "0");
  ScalarOrError gin = postgres_scalar(db_->url(),
                                      "SELECT count(*) FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
                                      "WHERE a.amname = 'gin' AND c.relkind = 'i'");
  ASSERT_EQ(gin.error, "");
  EXPECT_EQ(gin.value, "2");  // procedures_search and dossiers_applicant_search
  ScalarOrError merged = postgres_scalar(db_->url(), "SELECT gin_clean_pending_list('procedures_search')");
  ASSERT_EQ(merged.error, "");
  EXPECT_EQ(merged.value, "0");  // pages the import left pending
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(Engine::kSqlite));
INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract, ::testing::Values(Engine::kPostgres));
INSTANTIATE_TEST_SUITE_P(Sqlite, UnitContract, ::testing::Values(Engine::kSqlite));
INSTANTIATE_TEST_SUITE_P(Postgres, UnitContract, ::testing::Values(Engine::kPostgres));
INSTANTIATE_TEST_SUITE_P(Postgres, PostgresSchema, ::testing::Values(Engine::kPostgres));

}  // namespace
}  // namespace motcua::contract
