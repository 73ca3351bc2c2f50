#include "server/config.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace motcua::server {

using core::Error;

namespace {

Error config_error(const std::string& field, const std::string& vi, const std::string& en) {
  return Error::invalid("config.invalid", "Cấu hình \"" + field + "\": " + vi,
                        "Setting \"" + field + "\": " + en, field);
}

core::Result<std::int64_t> parse_int(const std::string& field, const std::string& text) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size()) {
    return config_error(field, "phải là số nguyên, nhận được \"" + text + "\".",
                        "must be an integer, got \"" + text + "\".");
  }
  return v;
}

core::Result<bool> parse_bool(const std::string& field, const std::string& text) {
  if (text == "1" || text == "true" || text == "yes") return true;
  if (text == "0" || text == "false" || text == "no") return false;
  return config_error(field, "phải là 0/1 hoặc true/false.", "must be 0/1 or true/false.");
}

// One setting by name, from a string; shared by the file and environment paths.
core::Status apply(Config& c, const std::string& key, const std::string& value) {
  auto set_int = [&](auto& target) -> core::Status {
    auto v = parse_int(key, value);
    if (!v) return v.error();
    target = static_cast<std::remove_reference_t<decltype(target)>>(*v);
    return {};
  };
  auto set_bool = [&](bool& target) -> core::Status {
    auto v = parse_bool(key, value);
    if (!v) return v.error();
    target = *v;
    return {};
  };
  if (key == "listen")
    c.listen = value;
  else if (key == "threads")
    return set_int(c.threads);
  else if (key == "max_body_bytes")
    return set_int(c.max_body_bytes);
  else if (key == "max_upload_bytes")
    return set_int(c.max_upload_bytes);
  else if (key == "gzip_min_bytes")
    return set_int(c.gzip_min_bytes);
  else if (key == "access_log")
    return set_bool(c.access_log);
  else if (key == "secure_cookies")
    return set_bool(c.secure_cookies);
  else if (key == "data_dir")
    c.data_dir = value;
  else if (key == "database_url")
    c.database_url = value;
  else if (key == "db_pool")
    return set_int(c.db_pool);
  else if (key == "portal_name")
    c.portal_name = value;
  else if (key == "public_url")
    c.public_url = value;
  else if (key == "signature_trust_anchors")
    c.signature_trust_anchors = value;
  else if (key == "signature_crls")
    c.signature_crls = value;
  else if (key == "signing_keys_dir")
    c.signing_keys_dir = value;
  else if (key == "signing_key_passphrase")
    c.signing_key_passphrase = value;
  else if (key == "demo")
    return set_bool(c.demo);
  else if (key == "demo_password")
    c.demo_password = value;
  else
    return config_error(key, "không có thiết lập này.", "no such setting.");
  return {};
}

}  // namespace

core::Status apply_config_file(Config& config, const std::string& json_text) {
  auto doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Error::invalid("config.malformed", "Tệp cấu hình không phải đối tượng JSON hợp lệ.",
                          "The config file is not a valid JSON object.", "");
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    std::string value;
    if (it->is_string())
      value = it->get<std::string>();
    else if (it->is_boolean())
      value = it->get<bool>() ? "1" : "0";
    else if (it->is_number_integer())
      value = std::to_string(it->get<std::int64_t>());
    else
      return config_error(it.key(), "phải là chuỗi, số nguyên hoặc true/false.",
                          "must be a string, integer or boolean.");
    MOTCUA_RETURN_IF_ERROR(apply(config, it.key(), value));
  }
  return {};
}

core::Status apply_environment(Config& config, const std::map<std::string, std::string>& env) {
  static const std::pair<const char*, const char*> kVars[] = {
      {"MOTCUA_LISTEN", "listen"},
      {"MOTCUA_THREADS", "threads"},
      {"MOTCUA_MAX_BODY_BYTES", "max_body_bytes"},
      {"MOTCUA_MAX_UPLOAD_BYTES", "max_upload_bytes"},
      {"MOTCUA_GZIP_MIN_BYTES", "gzip_min_bytes"},
      {"MOTCUA_ACCESS_LOG", "access_log"},
      {"MOTCUA_SECURE_COOKIES", "secure_cookies"},
      {"MOTCUA_DATA_DIR", "data_dir"},
      {"MOTCUA_DATABASE", "database_url"},
      {"MOTCUA_DB_POOL", "db_pool"},
      {"MOTCUA_PORTAL_NAME", "portal_name"},
      {"MOTCUA_DEMO_PASSWORD", "demo_password"},
      {"MOTCUA_SIGNATURE_TRUST_ANCHORS", "signature_trust_anchors"},
      {"MOTCUA_SIGNATURE_CRLS", "signature_crls"},
      {"MOTCUA_SIGNING_KEYS_DIR", "signing_keys_dir"},
      {"MOTCUA_PUBLIC_URL", "public_url"},
      {"MOTCUA_SIGNING_KEY_PASSPHRASE", "signing_key_passphrase"},
  };
  for (const auto& [var, key] : kVars) {
    auto it = env.find(var);
    if (it != env.end()) MOTCUA_RETURN_IF_ERROR(apply(config, key, it->second));
  }
  return {};
}

core::Status finalize_config(Config& c) {
  const auto colon = c.listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return config_error("listen", "phải có dạng HOST:PORT, ví dụ 127.0.0.1:8080.",
                        "must be HOST:PORT, e.g. 127.0.0.1:8080.");
  }
  auto port = parse_int("listen", c.listen.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    return config_error("listen", "cổng phải từ 0 đến 65535.", "the port must be between 0 and 65535.");
  }
  c.host = c.listen.substr(0, colon);
  c.port = static_cast<std::uint16_t>(*port);
  if (c.threads < 0 || c.threads > 256)
    return config_error("threads", "phải từ 0 đến 256.", "must be 0..256.");
  if (c.max_body_bytes < 1024 || c.max_body_bytes > (1ll << 30)) {
    return config_error("max_body_bytes", "phải từ 1024 đến 1073741824.", "must be 1024..1073741824.");
  }
  if (c.max_upload_bytes < 1024 || c.max_upload_bytes > (1ll << 30)) {
    return config_error("max_upload_bytes", "phải từ 1024 đến 1073741824.", "must be 1024..1073741824.");
  }
  if (c.gzip_min_bytes < 0 || c.gzip_min_bytes > (1ll << 30)) {
    return config_error("gzip_min_bytes", "phải từ 0 (không nén) đến 1073741824.",
                        "must be 0 (never) to 1073741824.");
  }
  if (c.db_pool < 1 || c.db_pool > 256)
    return config_error("db_pool", "phải từ 1 đến 256.", "must be 1..256.");
  if (c.data_dir.empty()) return config_error("data_dir", "không được để trống.", "must not be empty.");
  if (c.database_url.empty()) c.database_url = c.data_dir + "/motcua.db";
  if (c.demo && c.demo_password.size() < 10) {
    return config_error("demo_password", "phải có ít nhất 10 ký tự.", "must have at least 10 characters.");
  }
  if (c.signing_keys_dir.empty()) c.signing_keys_dir = c.data_dir + "/keys";
  if (c.public_url.empty()) c.public_url = "http://" + c.listen;
  while (c.public_url.size() > 1 && c.public_url.back() == '/') c.public_url.pop_back();
  if (c.public_url.rfind("http://", 0) != 0 && c.public_url.rfind("https://", 0) != 0) {
    return config_error("public_url", "phải bắt đầu bằng http:// hoặc https://.",
                        "must start with http:// or https://.");
  }
  if (c.signing_key_passphrase.empty() && c.demo) c.signing_key_passphrase = c.demo_password;
  return {};
}

}  // namespace motcua::server
