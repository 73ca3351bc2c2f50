#include "storage/open_store.hpp"

#include <string_view>

namespace motcua::storage {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

core::Error bad_url(const std::string& message_en) {
  return core::Error::invalid("storage.database_url_invalid", "Địa chỉ cơ sở dữ liệu không hợp lệ.",
                              message_en, "database");
}

// "sqlite:PATH" and "sqlite://PATH" name PATH; anything else without a scheme is a path itself.
std::string sqlite_path(std::string_view url) {
  if (starts_with(url, "sqlite://")) return std::string(url.substr(9));
  if (starts_with(url, "sqlite:")) return std::string(url.substr(7));
  return std::string(url);
}

}  // namespace

core::Result<std::unique_ptr<app::Store>> open_store(const std::string& database_url,
                                                     const StoreOptions& options) {
  if (starts_with(database_url, "postgresql://") || starts_with(database_url, "postgres://")) {
    return make_postgres_store(database_url, options);
  }
  const std::size_t scheme_end = database_url.find("://");
  if (scheme_end != std::string::npos && !starts_with(database_url, "sqlite:")) {
    return bad_url("Unknown database URL scheme; use postgresql://..., sqlite:PATH or a file path.");
  }
  const std::string path = sqlite_path(database_url);
  if (path.empty()) return bad_url("The database URL names no SQLite file.");
  return make_sqlite_store(path, options);
}

}  // namespace motcua::storage
