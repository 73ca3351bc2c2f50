#include "storage/sqlite/vn_tokenizer.hpp"

#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "storage/common/errors.hpp"

namespace motcua::storage::sqlite {

namespace {

// One tokenizer instance: unicode61's methods and the unicode61 instance they act on.
struct VnTokenizer {
  fts5_tokenizer parent{};
  Fts5Tokenizer* parent_instance = nullptr;
};

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

// Forwards unicode61's tokens to FTS5, rewriting đ (C4 91) and Đ (C4 90) to 'd'. Offsets into the document
// are unchanged: they point at the original text.
struct FoldingSink {
  void* ctx;
  TokenCallback forward;
  std::string buffer;
};

int fold_token(void* sink_ptr, int flags, const char* token, int length, int start, int end) {
  auto* sink = static_cast<FoldingSink*>(sink_ptr);
  const std::string_view text(token, static_cast<std::size_t>(length));
  if (text.find("\xC4\x91") == std::string_view::npos && text.find("\xC4\x90") == std::string_view::npos) {
    return sink->forward(sink->ctx, flags, token, length, start, end);
  }
  try {
    sink->buffer.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
      const bool d_stroke =
          text[i] == '\xC4' && i + 1 < text.size() && (text[i + 1] == '\x91' || text[i + 1] == '\x90');
      sink->buffer.push_back(d_stroke ? 'd' : text[i]);
      if (d_stroke) ++i;
    }
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
  return sink->forward(sink->ctx, flags, sink->buffer.data(), static_cast<int>(sink->buffer.size()), start,
                       end);
}

int vn_create(void* api_ptr, const char** args, int arg_count, Fts5Tokenizer** out) {
  auto* api = static_cast<fts5_api*>(api_ptr);
  try {
    auto tokenizer = std::make_unique<VnTokenizer>();
    void* parent_data = nullptr;
    int rc = api->xFindTokenizer(api, "unicode61", &parent_data, &tokenizer->parent);
    if (rc != SQLITE_OK) return rc;
    std::vector<const char*> parent_args = {"remove_diacritics", "2"};
    for (int i = 0; i < arg_count; ++i) parent_args.push_back(args[i]);
    rc = tokenizer->parent.xCreate(parent_data, parent_args.data(), static_cast<int>(parent_args.size()),
                                   &tokenizer->parent_instance);
    if (rc != SQLITE_OK) return rc;
    *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer.release());
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
}

void vn_delete(Fts5Tokenizer* instance) {
  auto* tokenizer = reinterpret_cast<VnTokenizer*>(instance);
  tokenizer->parent.xDelete(tokenizer->parent_instance);
  delete tokenizer;  // allocated by make_unique in vn_create and released to FTS5
}

int vn_tokenize(Fts5Tokenizer* instance, void* ctx, int flags, const char* text, int length,
                TokenCallback token) {
  auto* tokenizer = reinterpret_cast<VnTokenizer*>(instance);
  FoldingSink sink{ctx, token, {}};
  return tokenizer->parent.xTokenize(tokenizer->parent_instance, &sink, flags, text, length, fold_token);
}

// The FTS5 extension API of a connection, obtained the documented way: SELECT fts5(?1) with a bound pointer.
fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) return nullptr;
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  sqlite3_bind_pointer(stmt.get(), 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt.get());
  return api;
}

}  // namespace

core::Status register_vn_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_api_of(db);
  if (api == nullptr || api->iVersion < 2) return db_internal("SQLite was built without FTS5");
  static fts5_tokenizer methods = {vn_create, vn_delete, vn_tokenize};
  if (api->xCreateTokenizer(api, "vn", api, &methods, nullptr) != SQLITE_OK) {
    return db_internal("could not register the vn tokenizer");
  }
  return {};
}

}  // namespace motcua::storage::sqlite
