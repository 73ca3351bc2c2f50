#include "server/config.hpp"

#include <gtest/gtest.h>

namespace motcua::server {
namespace {

TEST(ConfigTest, PrecedenceFileThenEnvironment) {
  Config c;
  ASSERT_TRUE(apply_config_file(c, R"({"listen": "0.0.0.0:9000", "threads": 3, "access_log": false})").ok());
  ASSERT_TRUE(apply_environment(c, {{"MOTCUA_LISTEN", "127.0.0.1:9001"}, {"OTHER", "x"}}).ok());
  ASSERT_TRUE(finalize_config(c).ok());
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.port, 9001);
  EXPECT_EQ(c.threads, 3);
  EXPECT_FALSE(c.access_log);
  EXPECT_EQ(c.database_url, "./var/motcua.db");
}

TEST(ConfigTest, ClearErrorsNameTheSetting) {
  struct Case {
    const char* file;
    const char* field;
  } cases[] = {
      {R"({"listen": "8080"})", "listen"},
      {R"({"listen": "127.0.0.1:70000"})", "listen"},
      {R"({"threads": "many"})", "threads"},
      {R"({"max_body_bytes": 10})", "max_body_bytes"},
      {R"({"colour": "red"})", "colour"},
      {R"({"db_pool": 0})", "db_pool"},
      {R"({"gzip_min_bytes": -1})", "gzip_min_bytes"},
  };
  for (const auto& c : cases) {
    Config cfg;
    auto st = apply_config_file(cfg, c.file);
    if (st) st = finalize_config(cfg);
    ASSERT_FALSE(st.ok()) << c.file;
    EXPECT_EQ(st.error().field, c.field) << c.file;
    EXPECT_NE(st.error().message_vi.find(c.field), std::string::npos);
  }
}

}  // namespace
}  // namespace motcua::server
