// Support for the storage contract suite: a fresh, empty database per test on either engine, sample domain
// values, and an in-memory model of catalogue search to check both engines against.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/ports.hpp"
#include "domain/organisation.hpp"
#include "domain/procedure.hpp"

namespace motcua::contract {

enum class Engine { kSqlite, kPostgres };

const char* engine_name(Engine engine);

// An empty database that exists for the lifetime of this object: a file in a temporary directory (SQLite) or
// a database created with a unique name in the cluster at MOTCUA_TEST_PG_URL and dropped afterwards
// (PostgreSQL). Close every Store opened on it before destroying it.
class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  // The URL to give to storage::open_store.
  virtual const std::string& url() const = 0;
};

// A new empty database, or an error message explaining why none could be made (for instance
// MOTCUA_TEST_PG_URL is not set).
struct TestDatabaseOrError {
  std::unique_ptr<TestDatabase> database;
  std::string error;
};
TestDatabaseOrError create_test_database(Engine engine);

// The first column of the first row that `sql` returns on the PostgreSQL database at `url`, or an error
// message: for the few checks of PostgreSQL's own catalogues that the storage ports do not expose.
struct ScalarOrError {
  std::string value;
  std::string error;
};
ScalarOrError postgres_scalar(const std::string& url, const std::string& sql);

// Sample values, complete enough to test every column's round trip.
domain::Procedure sample_procedure(const std::string& code, const std::string& name,
                                   const std::string& field = "Hộ tịch");
domain::AdministrativeUnit sample_unit(const std::string& code, const std::string& name,
                                       domain::UnitLevel level, const std::string& parent_code);
app::UserRecord sample_user(const std::string& username, domain::UserKind kind = domain::UserKind::kOfficial);

// Real procedure names (code, name, field) from the national catalogue, used by the search tests.
struct CatalogueEntry {
  std::string code;
  std::string name;
  std::string field;
};
const std::vector<CatalogueEntry>& search_catalogue();

// The codes the contract expects a search for `text` to return from `catalogue`, in code order: every query
// term (folded with core::fold_for_search) is a word of the entry's code, name or field, the last term
// possibly a prefix of one; or the entry's code equals the whole text.
std::vector<std::string> expected_matches(const std::vector<CatalogueEntry>& catalogue,
                                          const std::string& text);

}  // namespace motcua::contract
