#include "app/organisation.hpp"

#include "app/permissions.hpp"
#include "core/time.hpp"

namespace motcua::app {

using core::Error;

OrganisationService::OrganisationService(Store& store, AuthService& auth, const core::Clock& clock)
    : store_(store), auth_(auth), clock_(clock) {}

core::Date OrganisationService::today() const {
  return core::vietnam_date_of(clock_.now());
}

core::Result<UnitView> OrganisationService::unit(const std::string& code, std::optional<core::Date> on) {
  UnitView view;
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    auto u = r.units().find(code, on.value_or(today()));
    if (!u) return u.error();
    view.unit = std::move(*u);
    auto pred = r.units().predecessors(code);
    if (!pred) return pred.error();
    view.predecessors = std::move(*pred);
    auto hist = r.units().history(code);
    if (!hist) return hist.error();
    view.history = std::move(*hist);
    return {};
  }));
  return view;
}

core::Result<std::vector<domain::AdministrativeUnit>> OrganisationService::units(UnitFilter filter) {
  if (filter.limit < 1 || filter.limit > 1000) {
    return Error::invalid("unit.limit_invalid", "Số kết quả mỗi trang phải từ 1 đến 1000.",
                          "limit must be between 1 and 1000.", "limit");
  }
  core::Result<std::vector<domain::AdministrativeUnit>> out = std::vector<domain::AdministrativeUnit>{};
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = r.units().list(filter);
    return {};
  }));
  return out;
}

core::Result<std::vector<domain::Agency>> OrganisationService::agencies() {
  core::Result<std::vector<domain::Agency>> out = std::vector<domain::Agency>{};
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = r.agencies().list();
    return {};
  }));
  return out;
}

core::Result<domain::Agency> OrganisationService::agency(const std::string& code) {
  MOTCUA_RETURN_IF_ERROR(domain::validate_agency_code(code));
  core::Result<domain::Agency> out = Error::internal("unset");
  MOTCUA_RETURN_IF_ERROR(store_.read([&](Repositories& r) -> core::Status {
    out = r.agencies().find(code);
    return {};
  }));
  return out;
}

core::Status OrganisationService::create_agency(const Actor& actor, const domain::Agency& agency,
                                                const std::string& remote) {
  if (auto p = permissions::can_manage_organisation(actor); !p) {
    auth_.audit_denial(actor, "agency.create", "agency:" + agency.code, p.error(), remote);
    return p;
  }
  MOTCUA_RETURN_IF_ERROR(domain::validate_agency(agency));
  return store_.write([&](Repositories& r) -> core::Status {
    if (!r.units().find(agency.unit_code, today())) {
      return Error::invalid(
          "agency.unit_unknown", "Không có đơn vị hành chính mã " + agency.unit_code + " đang hiệu lực.",
          "No administrative unit " + agency.unit_code + " is in force today.", "unit_code");
    }
    if (!agency.parent_code.empty() && !r.agencies().find(agency.parent_code)) {
      return Error::invalid("agency.parent_unknown",
                            "Không có cơ quan cấp trên mã " + agency.parent_code + ".",
                            "No parent agency " + agency.parent_code + ".", "parent_code");
    }
    MOTCUA_RETURN_IF_ERROR(r.agencies().insert(agency));
    return r.audit().append({clock_.now(), actor.user_id, actor.username, "agency.create",
                             "agency:" + agency.code, "ok", agency.name, remote});
  });
}

core::Status OrganisationService::load_units(const std::vector<domain::AdministrativeUnit>& units,
                                             const std::vector<SuccessorLink>& successors) {
  for (const auto& u : units) MOTCUA_RETURN_IF_ERROR(domain::validate_unit(u));
  return store_.write([&](Repositories& r) -> core::Status {
    for (const auto& u : units) MOTCUA_RETURN_IF_ERROR(r.units().insert(u));
    for (const auto& link : successors) {
      MOTCUA_RETURN_IF_ERROR(r.units().add_successor(link.code, link.on, link.successor_code));
    }
    return {};
  });
}

core::Status OrganisationService::load_agencies(const std::vector<domain::Agency>& agencies) {
  for (const auto& a : agencies) MOTCUA_RETURN_IF_ERROR(domain::validate_agency(a));
  return store_.write([&](Repositories& r) -> core::Status {
    for (const auto& a : agencies) MOTCUA_RETURN_IF_ERROR(r.agencies().insert(a));
    return {};
  });
}

}  // namespace motcua::app
