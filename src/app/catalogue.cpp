#include "app/catalogue.hpp"

#include "app/permissions.hpp"
#include "app/procedure_codec.hpp"
#include "core/text.hpp"

namespace motcua::app {

using core::Error;
using core::ErrorCode;

CatalogueService::CatalogueService(Store& store, AuthService& auth, const core::Clock& clock,
                                   std::int64_t cache_ttl_seconds)
    : store_(store), auth_(auth), clock_(clock), cache_ttl_seconds_(cache_ttl_seconds) {}

namespace {

// One procedure read through an open transaction; InvalidArgument for a malformed code.
core::Result<domain::Procedure> find_in(Repositories& r, const std::string& code) {
  MOTCUA_RETURN_IF_ERROR(domain::validate_procedure_code(code));
  return r.procedures().find(code);
}

}  // namespace

core::Result<domain::Procedure> CatalogueService::find(const std::string& code) {
  core::Result<domain::Procedure> out = Error::internal("unset");
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = find_in(r, code);
    return {};
  }));
  return out;
}

core::Result<CatalogueService::CacheEntry> CatalogueService::cached(const std::string& code,
                                                                    Repositories* r) {
  const auto now = clock_.now();
  {
    std::shared_lock lock(cache_mutex_);
    auto it = cache_.find(code);
    if (it != cache_.end() && now - it->second.loaded_at < cache_ttl_seconds_) return it->second;
  }
  // A change committed while we read must not leave our older copy in the cache.
  const auto generation = generation_.load();
  auto p = r == nullptr ? find(code) : find_in(*r, code);
  if (!p) return p.error();
  CacheEntry entry;
  entry.json = std::make_shared<const std::string>(procedure_to_json(*p).dump());
  entry.procedure = std::make_shared<const domain::Procedure>(std::move(*p));
  entry.loaded_at = now;
  std::unique_lock lock(cache_mutex_);
  if (generation == generation_.load()) cache_[code] = entry;
  return entry;
}

core::Result<std::shared_ptr<const domain::Procedure>> CatalogueService::find_cached(const std::string& code,
                                                                                     Repositories& r) {
  auto entry = cached(code, &r);
  if (!entry) return entry.error();
  return std::move(entry->procedure);
}

core::Result<std::shared_ptr<const std::string>> CatalogueService::public_json(const std::string& code) {
  auto entry = cached(code);
  if (!entry) return entry.error();
  return std::move(entry->json);
}

core::Result<std::shared_ptr<const domain::Procedure>> CatalogueService::find_cached(
    const std::string& code) {
  auto entry = cached(code);
  if (!entry) return entry.error();
  return std::move(entry->procedure);
}

core::Result<std::vector<ProcedureSummary>> CatalogueService::search(ProcedureQuery query) {
  if (query.limit < 1 || query.limit > 100) {
    return Error::invalid("catalogue.limit_invalid", "Số kết quả mỗi trang phải từ 1 đến 100.",
                          "limit must be between 1 and 100.", "limit");
  }
  query.text = core::trim(core::to_nfc(query.text));
  if (core::utf8_length(query.text) > 200) {
    return Error::invalid("catalogue.query_too_long", "Từ khóa tìm kiếm dài quá 200 ký tự.",
                          "The search text is longer than 200 characters.", "q");
  }
  core::Result<std::vector<ProcedureSummary>> out = std::vector<ProcedureSummary>{};
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = r.procedures().search(query);
    return {};
  }));
  return out;
}

core::Result<std::vector<std::string>> CatalogueService::fields() {
  core::Result<std::vector<std::string>> out = std::vector<std::string>{};
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = r.procedures().fields();
    return {};
  }));
  return out;
}

core::Result<std::int64_t> CatalogueService::count() {
  core::Result<std::int64_t> out = std::int64_t{0};
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = r.procedures().count();
    return {};
  }));
  return out;
}

core::Status CatalogueService::authorise(const Actor& actor, const std::string& action,
                                         const std::string& target, const std::string& remote) {
  auto p = permissions::can_manage_catalogue(actor);
  if (!p) auth_.audit_denial(actor, action, target, p.error(), remote);
  return p;
}

core::Status CatalogueService::check_agencies(Repositories& r, const domain::Procedure& p) {
  for (const auto& code : p.agency_codes) {
    auto a = r.agencies().find(code);
    if (!a && a.error().code == ErrorCode::kNotFound) {
      return Error::invalid("catalogue.agency_unknown", "Không có cơ quan thực hiện mã " + code + ".",
                            "No agency with code " + code + ".", "agency_codes");
    }
    if (!a) return a.error();
  }
  return {};
}

core::Status CatalogueService::create(const Actor& actor, domain::Procedure p, const std::string& remote) {
  MOTCUA_RETURN_IF_ERROR(authorise(actor, "procedure.create", "procedure:" + p.code, remote));
  MOTCUA_RETURN_IF_ERROR(domain::validate_procedure(p));
  p.updated_at = clock_.now();
  auto st = store_.write([&](Repositories& r) -> core::Status {
    MOTCUA_RETURN_IF_ERROR(check_agencies(r, p));
    MOTCUA_RETURN_IF_ERROR(r.procedures().insert(p));
    return r.audit().append({p.updated_at, actor.user_id, actor.username, "procedure.create",
                             "procedure:" + p.code, "ok", p.name, remote});
  });
  invalidate(p.code);
  return st;
}

core::Result<std::int64_t> CatalogueService::update(const Actor& actor, domain::Procedure p,
                                                    const std::string& remote) {
  MOTCUA_RETURN_IF_ERROR(authorise(actor, "procedure.update", "procedure:" + p.code, remote));
  MOTCUA_RETURN_IF_ERROR(domain::validate_procedure(p));
  if (p.version <= 0) {
    return Error::invalid("catalogue.version_required",
                          "Cần gửi kèm \"version\" của bản đã đọc để tránh ghi đè thay đổi của người khác.",
                          "Send the \"version\" you read, so that concurrent changes are not overwritten.",
                          "version");
  }
  p.updated_at = clock_.now();
  std::int64_t version = 0;
  auto st = store_.write([&](Repositories& r) -> core::Status {
    MOTCUA_RETURN_IF_ERROR(check_agencies(r, p));
    auto v = r.procedures().update(p);
    if (!v) return v.error();
    version = *v;
    return r.audit().append({p.updated_at, actor.user_id, actor.username, "procedure.update",
                             "procedure:" + p.code, "ok", "version " + std::to_string(version), remote});
  });
  invalidate(p.code);
  if (!st) return st.error();
  return version;
}

core::Status CatalogueService::remove(const Actor& actor, const std::string& code,
                                      const std::string& remote) {
  MOTCUA_RETURN_IF_ERROR(authorise(actor, "procedure.delete", "procedure:" + code, remote));
  MOTCUA_RETURN_IF_ERROR(domain::validate_procedure_code(code));
  auto st = store_.write([&](Repositories& r) -> core::Status {
    MOTCUA_RETURN_IF_ERROR(r.procedures().remove(code));
    return r.audit().append({clock_.now(), actor.user_id, actor.username, "procedure.delete",
                             "procedure:" + code, "ok", "", remote});
  });
  invalidate(code);
  return st;
}

core::Result<ImportReport> CatalogueService::import_in_tx(Repositories& r,
                                                          const std::vector<domain::Procedure>& items,
                                                          std::int64_t actor_id, const std::string& by,
                                                          const std::string& remote) {
  ImportReport report;
  const auto now = clock_.now();
  for (auto p : items) {
    MOTCUA_RETURN_IF_ERROR(domain::validate_procedure(p));
    MOTCUA_RETURN_IF_ERROR(check_agencies(r, p));
    p.updated_at = now;
    auto existing = r.procedures().find(p.code);
    if (existing) {
      p.version = existing->version;
      auto v = r.procedures().update(p);
      if (!v) return v.error();
      ++report.updated;
    } else if (existing.error().code == ErrorCode::kNotFound) {
      MOTCUA_RETURN_IF_ERROR(r.procedures().insert(p));
      ++report.created;
    } else {
      return existing.error();
    }
  }
  MOTCUA_RETURN_IF_ERROR(r.audit().append(
      {now, actor_id, by, "procedure.import", "catalogue", "ok",
       std::to_string(report.created) + " created, " + std::to_string(report.updated) + " updated", remote}));
  return report;
}

core::Result<ImportReport> CatalogueService::import(const Actor& actor,
                                                    const std::vector<domain::Procedure>& items,
                                                    const std::string& remote) {
  MOTCUA_RETURN_IF_ERROR(authorise(actor, "procedure.import", "catalogue", remote));
  core::Result<ImportReport> report = ImportReport{};
  auto st = store_.write([&](Repositories& r) -> core::Status {
    report = import_in_tx(r, items, actor.user_id, actor.username, remote);
    return report ? core::Status{} : core::Status{report.error()};
  });
  invalidate_all();
  if (!st) return st.error();
  return report;
}

core::Result<ImportReport> CatalogueService::import_trusted(const std::vector<domain::Procedure>& items,
                                                            const std::string& by) {
  core::Result<ImportReport> report = ImportReport{};
  auto st = store_.write([&](Repositories& r) -> core::Status {
    report = import_in_tx(r, items, 0, by, "local");
    return report ? core::Status{} : core::Status{report.error()};
  });
  invalidate_all();
  if (!st) return st.error();
  return report;
}

core::Result<std::vector<domain::Procedure>> CatalogueService::export_all() {
  std::vector<domain::Procedure> out;
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    ProcedureQuery q;
    q.limit = 100;
    for (;;) {
      auto page = r.procedures().search(q);
      if (!page) return page.error();
      for (const auto& s : *page) {
        auto p = r.procedures().find(s.code);
        if (!p) return p.error();
        out.push_back(std::move(*p));
      }
      if (page->size() < static_cast<std::size_t>(q.limit)) return {};
      q.after_code = page->back().code;
    }
  }));
  return out;
}

void CatalogueService::invalidate(const std::string& code) {
  std::unique_lock lock(cache_mutex_);
  ++generation_;
  cache_.erase(code);
}

void CatalogueService::invalidate_all() {
  std::unique_lock lock(cache_mutex_);
  ++generation_;
  cache_.clear();
}

}  // namespace motcua::app
