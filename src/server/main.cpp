// The motcua binary: the composition root. Parses the command line, fills and validates the Config, builds
// the Runtime and runs one subcommand.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "server/commands.hpp"
#include "server/keys_command.hpp"
#include "server/serve.hpp"

extern char** environ;

namespace {

using motcua::server::Config;

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    const auto eq = kv.find('=');
    if (eq != std::string::npos && kv.rfind("MOTCUA_", 0) == 0) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

// Defaults <- config file <- environment <- flags (flags were parsed into `flags`, applied if given).
motcua::core::Status build_config(Config& config, const std::string& config_file, const Config& flags,
                                  const CLI::App& app) {
  if (!config_file.empty()) {
    std::ifstream in(config_file);
    if (!in) {
      return motcua::core::Error::invalid("config.unreadable",
                                          "Không đọc được tệp cấu hình " + config_file + ".",
                                          "Cannot read config file " + config_file + ".", "config");
    }
    std::stringstream s;
    s << in.rdbuf();
    MOTCUA_RETURN_IF_ERROR(motcua::server::apply_config_file(config, s.str()));
  }
  MOTCUA_RETURN_IF_ERROR(motcua::server::apply_environment(config, environment()));
  auto given = [&app](const char* name) { return app.get_option_no_throw(name) && app.count(name) > 0; };
  if (given("--data-dir")) config.data_dir = flags.data_dir;
  if (given("--database")) config.database_url = flags.database_url;
  if (!flags.listen.empty()) config.listen = flags.listen;
  if (flags.threads >= 0) config.threads = flags.threads;
  config.demo = config.demo || flags.demo;
  return motcua::server::finalize_config(config);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "motcua — nền tảng chính quyền số: cổng dịch vụ công, một cửa điện tử, danh mục thủ tục hành chính.\n"
      "motcua — digital-government platform (public-service portal, one-stop back office, procedures)."};
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand: `motcua serve --data-dir DIR`
  std::string config_file;
  Config flags;
  app.add_option("--config", config_file, "Tệp cấu hình JSON / JSON config file")->envname("MOTCUA_CONFIG");
  app.add_option("--data-dir", flags.data_dir, "Thư mục dữ liệu / data directory (default ./var)");
  app.add_option("--database", flags.database_url,
                 "CSDL: đường dẫn SQLite hoặc postgresql://... / database URL");

  auto* serve = app.add_subcommand("serve", "Chạy máy chủ / run the server");
  flags.listen.clear();
  flags.threads = -1;
  serve->add_option("--listen", flags.listen, "HOST:PORT (mặc định 127.0.0.1:8080)");
  serve->add_option("--threads", flags.threads, "Số luồng xử lý / request threads (0 = số CPU)");
  serve->add_flag("--demo", flags.demo,
                  "Nạp tỉnh mẫu Lào Cai vào CSDL trống / load the demo province into an empty database");

  app.add_subcommand("migrate", "Cập nhật lược đồ CSDL / apply schema migrations");

  auto* import = app.add_subcommand("import", "Nhập dữ liệu JSON / import JSON data");
  std::string kind, path, password;
  import->add_option("kind", kind, "units | agencies | procedures | users")->required();
  import->add_option("file", path, "Tệp JSON / JSON file")->required()->check(CLI::ExistingFile);
  import->add_option("--password", password, "Mật khẩu ban đầu cho tài khoản (users)");

  auto* exp = app.add_subcommand("export", "Xuất danh mục thủ tục / export the procedure catalogue");
  std::string out_path = "-";
  exp->add_option("--output,-o", out_path, "Tệp đích, '-' là stdout");

  auto* user = app.add_subcommand("user", "Quản lý tài khoản / accounts")->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Tạo tài khoản / create an account");
  motcua::app::NewUser nu;
  std::string user_kind = "official", role, agency;
  user_add->add_option("username", nu.user.username)->required();
  user_add->add_option("--name", nu.user.full_name, "Họ và tên")->required();
  user_add->add_option("--password", nu.password, "Mật khẩu (ít nhất 10 ký tự)")->required();
  user_add->add_option("--kind", user_kind, "official | citizen | system");
  user_add->add_option("--role", role,
                       "desk_officer | specialist | leader | clerk | administrator | supervisor");
  user_add->add_option("--agency", agency, "Mã định danh cơ quan của vai trò, ví dụ 000.00.00.H38");

  auto* calendar = app.add_subcommand("calendar", "In các ngày nghỉ trong năm / print a year's days off");
  int calendar_year = 0;
  std::string calendar_agency;
  bool calendar_weekends = false;
  calendar->add_option("year", calendar_year, "Năm, ví dụ 2026 / year")->required();
  calendar->add_option("--agency", calendar_agency,
                       "Mã định danh cơ quan (mặc định: lịch chuẩn) / agency code");
  calendar->add_flag("--weekends", calendar_weekends,
                     "Liệt kê cả ngày nghỉ hằng tuần / also list weekly rest days");

  const auto keys = motcua::server::add_keys_command(app);

  CLI11_PARSE(app, argc, argv);

  Config config;
  if (auto st = build_config(config, config_file, flags, app); !st) return motcua::server::fail(st.error());

  if (app.got_subcommand("migrate")) return motcua::server::run_migrate(config);
  auto rt = motcua::server::open_runtime(config);
  if (!rt) return motcua::server::fail(rt.error());
  if (app.got_subcommand("serve")) return motcua::server::serve(**rt);
  if (app.got_subcommand("import")) return motcua::server::run_import(**rt, kind, path, password);
  if (app.got_subcommand("export")) return motcua::server::run_export_procedures(**rt, out_path);
  if (calendar->parsed())
    return motcua::server::run_calendar(**rt, calendar_year, calendar_agency, calendar_weekends);
  if (keys->parsed()) return motcua::server::run_keys(**rt, *keys, environment());
  if (user_add->parsed()) {
    nu.user.kind = motcua::domain::parse_user_kind(user_kind).value_or(motcua::domain::UserKind::kOfficial);
    if (!role.empty()) {
      auto r = motcua::domain::parse_role(role);
      if (!r)
        return motcua::server::fail(
            motcua::core::Error::invalid("cli.role", "Vai trò không hợp lệ.", "Unknown role.", "role"));
      nu.user.roles.push_back({*r, agency});
    }
    return motcua::server::run_user_add(**rt, nu);
  }
  return 0;
}
