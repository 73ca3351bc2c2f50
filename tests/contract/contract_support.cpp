#include "contract_support.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>

#include "core/text.hpp"
#include "storage/common/search_terms.hpp"

namespace motcua::contract {

namespace {

namespace fs = std::filesystem;

class SqliteTestDatabase final : public TestDatabase {
 public:
  explicit SqliteTestDatabase(fs::path dir)
      : dir_(std::move(dir)), url_("sqlite:" + (dir_ / "test.db").string()) {}
  ~SqliteTestDatabase() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  const std::string& url() const override { return url_; }

 private:
  fs::path dir_;
  std::string url_;
};

// Replaces the database name (the URL path) of a postgresql:// URL.
std::string with_database(const std::string& url, const std::string& name) {
  const std::size_t authority = url.find("://") + 3;
  const std::size_t query = url.find('?', authority);
  const std::size_t slash = url.find('/', authority);
  const std::size_t base_end = std::min(slash, query);
  const std::string base = url.substr(0, base_end == std::string::npos ? url.size() : base_end);
  return base + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

// Runs one statement on the administration database; returns an error message or "".
std::string admin_exec(const std::string& admin_url, const std::string& sql) {
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(admin_url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) return PQerrorMessage(conn.get());
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn.get(), sql.c_str()), PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return PQresultErrorMessage(result.get());
  return "";
}

class PostgresTestDatabase final : public TestDatabase {
 public:
  PostgresTestDatabase(std::string admin_url, std::string name)
      : admin_url_(std::move(admin_url)), name_(std::move(name)), url_(with_database(admin_url_, name_)) {}
  ~PostgresTestDatabase() override {
    admin_exec(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  const std::string& url() const override { return url_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

TestDatabaseOrError create_sqlite() {
  std::string pattern = (fs::temp_directory_path() / "motcua-contract-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return {nullptr, "mkdtemp failed"};
  return {std::make_unique<SqliteTestDatabase>(pattern), ""};
}

TestDatabaseOrError create_postgres() {
  const char* admin = std::getenv("MOTCUA_TEST_PG_URL");
  if (admin == nullptr || *admin == '\0') {
    return {nullptr,
            "MOTCUA_TEST_PG_URL is not set: start a cluster with scripts/pg-throwaway.sh start DIR and "
            "export the "
            "URL it prints (scripts/test.sh does this)"};
  }
  static std::atomic<int> counter{0};
  const std::string name = "motcua_contract_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  admin_exec(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  const std::string error =
      admin_exec(admin, "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
  if (!error.empty()) return {nullptr, "CREATE DATABASE failed: " + error};
  return {std::make_unique<PostgresTestDatabase>(admin, name), ""};
}

}  // namespace

ScalarOrError postgres_scalar(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) return {"", PQerrorMessage(conn.get())};
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn.get(), sql.c_str()), PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) return {"", PQresultErrorMessage(result.get())};
  if (PQntuples(result.get()) < 1 || PQnfields(result.get()) < 1) return {"", "no row"};
  return {PQgetvalue(result.get(), 0, 0), ""};
}

namespace {

// Folded words of `text`, as the model of both engines' tokenizers. Split at spaces first: split_search_terms
// keeps at most kMaxSearchTerms terms, a limit for queries, not documents.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream chunks(core::fold_for_search(text));
  for (std::string chunk; chunks >> chunk;) {
    for (std::string& w : storage::split_search_terms(chunk)) out.push_back(std::move(w));
  }
  return out;
}

// Folded query terms, cut at kMaxSearchTerms like the engines' queries.
std::vector<std::string> query_terms(const std::string& text) {
  return storage::split_search_terms(core::fold_for_search(text));
}

bool entry_matches(const CatalogueEntry& entry, const std::vector<std::string>& terms) {
  const std::vector<std::string> doc = words(entry.code + " " + entry.name + " " + entry.field);
  auto has = [&](const std::string& term, bool prefix) {
    return std::any_of(doc.begin(), doc.end(), [&](const std::string& w) {
      return prefix ? w.compare(0, term.size(), term) == 0 : w == term;
    });
  };
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (!has(terms[i], i + 1 == terms.size())) return false;
  }
  return !terms.empty();
}

}  // namespace

const char* engine_name(Engine engine) {
  return engine == Engine::kSqlite ? "sqlite" : "postgresql";
}

TestDatabaseOrError create_test_database(Engine engine) {
  return engine == Engine::kSqlite ? create_sqlite() : create_postgres();
}

domain::Procedure sample_procedure(const std::string& code, const std::string& name,
                                   const std::string& field) {
  domain::Procedure p;
  p.code = code;
  p.name = name;
  p.field = field;
  p.levels = {domain::ProcedureLevel::kCommune, domain::ProcedureLevel::kDistrict};
  p.online_level = domain::OnlineLevel::kFull;
  p.time_limit = {0, domain::TimeLimitUnit::kWorkingDays,
                  "Trong ngày; nếu tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo", 900};
  p.fees = {{"Lệ phí đăng ký", 8000, "Miễn cho trẻ em"}, {"Phí cấp bản sao", 0, ""}};
  p.components = {{"Tờ khai đăng ký khai sinh", true, "1 bản chính", "TK-KS"},
                  {"Giấy chứng sinh", false, "", ""}};
  p.result = "Giấy khai sinh";
  p.legal_basis = {"Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"};
  p.steps = "Bước 1: nộp hồ sơ. Bước 2: nhận kết quả.";
  p.requirements = "Không";
  p.applicants = "Công dân Việt Nam";
  p.decision = "163/QĐ-BTP";
  p.agency_codes = {"000.00.00.H38", "000.00.01.H38"};
  p.source_url =
      "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=" + code;
  p.updated_at = 1'745'553'600;
  return p;
}

domain::AdministrativeUnit sample_unit(const std::string& code, const std::string& name,
                                       domain::UnitLevel level, const std::string& parent_code) {
  domain::AdministrativeUnit u;
  u.code = code;
  u.name = name;
  u.type = level == domain::UnitLevel::kProvince   ? "Tỉnh"
           : level == domain::UnitLevel::kDistrict ? "Huyện"
                                                   : "Xã";
  u.level = level;
  u.parent_code = parent_code;
  return u;
}

app::UserRecord sample_user(const std::string& username, domain::UserKind kind) {
  app::UserRecord r;
  r.user.username = username;
  r.user.full_name = "Nguyễn Thị Đào";
  r.user.kind = kind;
  r.user.email = username + "@laocai.gov.vn";
  r.user.phone = "0912345678";
  r.user.personal_id = "010203004005";
  r.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
  r.created_at = 1'745'553'600;
  return r;
}

const std::vector<CatalogueEntry>& search_catalogue() {
  static const std::vector<CatalogueEntry> entries = {
      {"1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"},
      {"1.004884", "Thủ tục đăng ký lại khai sinh", "Hộ tịch"},
      {"1.001695", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch"},
      {"1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch"},
      {"1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch"},
      {"1.001022", "Thủ tục đăng ký nhận cha, mẹ, con", "Hộ tịch"},
      {"2.002189", "Thủ tục đăng ký giám hộ", "Hộ tịch"},
      {"1.000689", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch"},
      {"2.000635", "Thủ tục cấp bản sao trích lục hộ tịch", "Hộ tịch"},
      {"1.004222", "Đăng ký thường trú", "Đăng ký, quản lý cư trú"},
      {"1.004227", "Tách hộ", "Đăng ký, quản lý cư trú"},
      {"1.001612", "Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh"},
      {"2.000908", "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
       "Chứng thực"},
      {"2.000913", "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực"},
      {"1.009972", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Hoạt động xây dựng"},
      {"1.003005", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "Đất đai"},
      {"1.001807", "Trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội", "Bảo trợ xã hội"},
      {"2.001023", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Đường bộ"},
  };
  return entries;
}

std::vector<std::string> expected_matches(const std::vector<CatalogueEntry>& catalogue,
                                          const std::string& text) {
  const std::vector<std::string> terms = query_terms(text);
  const std::string trimmed = core::trim(text);
  std::vector<std::string> codes;
  for (const CatalogueEntry& e : catalogue) {
    if (e.code == trimmed || entry_matches(e, terms)) codes.push_back(e.code);
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

}  // namespace motcua::contract
