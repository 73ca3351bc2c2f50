#include "adapters/sign/pkcs11.hpp"

#include <libp11.h>

#include <cstring>

namespace motcua::adapters::sign {

namespace {

// Owns a libp11 context with its module loaded and its slot list; releasing it logs out and unloads the
// module.
class Pkcs11Session {
 public:
  Pkcs11Session() : ctx_(PKCS11_CTX_new()) {}
  ~Pkcs11Session() {
    if (slots_ != nullptr) PKCS11_release_all_slots(ctx_, slots_, count_);
    if (loaded_) PKCS11_CTX_unload(ctx_);
    PKCS11_CTX_free(ctx_);
  }
  Pkcs11Session(const Pkcs11Session&) = delete;
  Pkcs11Session& operator=(const Pkcs11Session&) = delete;

  bool load(const std::string& module) {
    loaded_ = ctx_ != nullptr && PKCS11_CTX_load(ctx_, module.c_str()) == 0;
    return loaded_;
  }
  bool enumerate() { return PKCS11_enumerate_slots(ctx_, &slots_, &count_) == 0; }

  PKCS11_SLOT* find_token(const std::string& label) {
    for (PKCS11_SLOT* slot = PKCS11_find_token(ctx_, slots_, count_); slot != nullptr;
         slot = PKCS11_find_next_token(ctx_, slots_, count_, slot)) {
      if (label.empty() || (slot->token != nullptr && label == slot->token->label)) return slot;
    }
    return nullptr;
  }

 private:
  PKCS11_CTX* ctx_;
  PKCS11_SLOT* slots_ = nullptr;
  unsigned int count_ = 0;
  bool loaded_ = false;
};

core::Error token_error(core::ErrorCode code, const char* id, const char* vi, const std::string& en) {
  const std::string detail = openssl_errors();
  return {code, id, vi, detail.empty() ? en : en + " (" + detail + ")", ""};
}

PKCS11_KEY* find_key(PKCS11_TOKEN* token, const std::string& label) {
  PKCS11_KEY* keys = nullptr;
  unsigned int n = 0;
  if (PKCS11_enumerate_keys(token, &keys, &n) != 0) return nullptr;
  for (unsigned int i = 0; i < n; ++i)
    if (label.empty() || (keys[i].label != nullptr && label == keys[i].label)) return &keys[i];
  return nullptr;
}

}  // namespace

core::Result<TokenKey> load_pkcs11_key(const Pkcs11KeyRef& ref) {
  auto session = std::make_shared<Pkcs11Session>();
  if (!session->load(ref.module_path) || !session->enumerate())
    return token_error(core::ErrorCode::kUnavailable, "signature.pkcs11_module",
                       "Không nạp được thư viện PKCS#11 của thiết bị ký số.",
                       "Cannot load the PKCS#11 module " + ref.module_path);
  PKCS11_SLOT* slot = session->find_token(ref.token_label);
  if (slot == nullptr)
    return token_error(core::ErrorCode::kNotFound, "signature.pkcs11_token",
                       "Không tìm thấy thiết bị ký số (token).",
                       "No token labelled '" + ref.token_label + "'");
  if (PKCS11_open_session(slot, 0) != 0 || PKCS11_login(slot, 0, ref.pin.c_str()) != 0)
    return token_error(core::ErrorCode::kUnauthenticated, "signature.pkcs11_pin",
                       "Mã PIN của thiết bị ký số không đúng.",
                       "Wrong PIN for token '" + ref.token_label + "'");
  PKCS11_KEY* key = find_key(slot->token, ref.key_label);
  if (key == nullptr)
    return token_error(core::ErrorCode::kNotFound, "signature.pkcs11_key",
                       "Không tìm thấy khóa bí mật trên thiết bị.",
                       "No private key labelled '" + ref.key_label + "' on the token");
  PkeyPtr pkey(PKCS11_get_private_key(key));
  if (!pkey)
    return token_error(core::ErrorCode::kNotFound, "signature.pkcs11_key",
                       "Không đọc được khóa bí mật trên thiết bị.",
                       "Cannot use the private key '" + ref.key_label + "': " + openssl_errors());
  return TokenKey{std::static_pointer_cast<void>(session), std::move(pkey)};
}

}  // namespace motcua::adapters::sign
