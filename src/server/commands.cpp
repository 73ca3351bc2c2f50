#include "server/commands.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/procedure_codec.hpp"
#include "storage/open_store.hpp"

namespace motcua::server {

int fail(const core::Error& e) {
  std::fprintf(stderr, "motcua: %s / %s\n", e.message_vi.c_str(), e.message_en.c_str());
  return 1;
}

namespace {

core::Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Error::invalid("file.unreadable", "Không đọc được tệp \"" + path + "\".",
                                "Cannot read file \"" + path + "\".", "path");
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int run_migrate(const Config& config) {
  auto store = storage::open_store(config.database_url, {});
  if (!store) return fail(store.error());
  auto applied = (*store)->migrate();
  if (!applied) return fail(applied.error());
  auto version = (*store)->schema_version();
  std::printf("Đã áp dụng %zu bản cập nhật lược đồ; phiên bản hiện tại: %d (%s).\n", applied->size(),
              version ? *version : -1, (*store)->engine());
  return 0;
}

int run_import(Runtime& rt, const std::string& kind, const std::string& path, const std::string& password) {
  auto text = read_file(path);
  if (!text) return fail(text.error());
  core::Status st;
  if (kind == "units") {
    st = app::import_units_json(*rt.organisation, *text);
  } else if (kind == "agencies") {
    st = app::import_agencies_json(*rt.organisation, *text);
  } else if (kind == "procedures") {
    auto report = app::import_procedures_json(*rt.catalogue, *text);
    if (!report) return fail(report.error());
    std::printf("Đã nhập danh mục: %d thủ tục mới, %d thủ tục cập nhật.\n", report->created, report->updated);
    return 0;
  } else if (kind == "users") {
    auto n = app::import_users_json(*rt.auth, *text, password);
    if (!n) return fail(n.error());
    std::printf("Đã tạo %d tài khoản.\n", *n);
    return 0;
  } else {
    return fail(core::Error::invalid("cli.kind", "Loại dữ liệu phải là units, agencies, procedures hoặc users.",
                                     "The kind must be units, agencies, procedures or users.", "kind"));
  }
  if (!st) return fail(st.error());
  std::printf("Đã nhập %s từ %s.\n", kind.c_str(), path.c_str());
  return 0;
}

int run_export_procedures(Runtime& rt, const std::string& path) {
  auto all = rt.catalogue->export_all();
  if (!all) return fail(all.error());
  nlohmann::json doc = {{"procedures", nlohmann::json::array()}};
  for (const auto& p : *all) doc["procedures"].push_back(app::procedure_to_json(p));
  const std::string text = doc.dump(1) + "\n";
  if (path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) return fail(core::Error::invalid("file.unwritable", "Không ghi được tệp.", "Cannot write the file.", "path"));
  std::fprintf(stderr, "Đã xuất %zu thủ tục vào %s.\n", all->size(), path.c_str());
  return 0;
}

int run_user_add(Runtime& rt, const app::NewUser& user) {
  auto id = rt.auth->create_user_trusted(user, "operator");
  if (!id) return fail(id.error());
  std::printf("Đã tạo tài khoản %s (id %lld).\n", user.user.username.c_str(), static_cast<long long>(*id));
  return 0;
}

}  // namespace motcua::server
