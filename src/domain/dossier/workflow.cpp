#include "domain/dossier/workflow.hpp"

#include <deque>
#include <set>

namespace motcua::domain {

using core::Error;
using core::Status;

const char* unit_source_name(UnitSource s) {
  switch (s) {
    case UnitSource::kFixed:
      return "fixed";
    case UnitSource::kReceivingAgency:
      return "receiving_agency";
    case UnitSource::kApplicantCommune:
      return "applicant_commune";
    case UnitSource::kProvince:
      return "province";
  }
  return "fixed";
}

std::optional<UnitSource> parse_unit_source(std::string_view s) {
  for (auto u : {UnitSource::kFixed, UnitSource::kReceivingAgency, UnitSource::kApplicantCommune,
                 UnitSource::kProvince}) {
    if (s == unit_source_name(u)) return u;
  }
  return std::nullopt;
}

const WorkflowStep* WorkflowDefinition::step(std::string_view id) const {
  for (const auto& s : steps)
    if (s.id == id) return &s;
  return nullptr;
}

namespace {

Error workflow_error(const std::string& field, const std::string& vi, const std::string& en) {
  return Error::invalid("workflow.invalid", "Quy trình không hợp lệ: " + vi, "Invalid workflow: " + en,
                        field);
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

Status check_step_shape(const WorkflowStep& s, const std::string& at) {
  if (!valid_id(s.id)) {
    return workflow_error(at + ".id", "mã bước \"" + s.id + "\" chỉ gồm a-z, 0-9, gạch dưới.",
                          "step id \"" + s.id + "\" must be a-z, 0-9 or '_'.");
  }
  if (s.name.empty())
    return workflow_error(at + ".name", "bước " + s.id + " thiếu tên.", "step " + s.id + " has no name.");
  if (s.share < 0)
    return workflow_error(at + ".share", "tỷ lệ thời gian không được âm.", "share must not be negative.");
  if ((s.unit == UnitSource::kFixed || s.unit == UnitSource::kProvince) && s.agency_code.empty()) {
    return workflow_error(at + ".agency_code", "bước " + s.id + " cần mã cơ quan thực hiện.",
                          "step " + s.id + " needs the acting agency's code.");
  }
  if (s.actions.empty()) {
    return workflow_error(at + ".actions", "bước " + s.id + " không có thao tác nào (ngõ cụt).",
                          "step " + s.id + " has no action (a dead end).");
  }
  for (std::size_t b = 0; b < s.consult.size(); ++b) {
    if (s.consult[b].agency_code.empty()) {
      return workflow_error(at + ".consult[" + std::to_string(b) + "]", "nhánh xin ý kiến cần mã cơ quan.",
                            "a consultation branch needs an agency code.");
    }
  }
  return {};
}

Status check_targets(const WorkflowDefinition& def) {
  for (std::size_t i = 0; i < def.steps.size(); ++i) {
    for (const auto& [action, target] : def.steps[i].actions) {
      if (target != kCompleteTarget && !def.step(target)) {
        return workflow_error("steps[" + std::to_string(i) + "].actions." + action,
                              "thao tác \"" + action + "\" dẫn tới bước không tồn tại \"" + target + "\".",
                              "action \"" + action + "\" leads to unknown step \"" + target + "\".");
      }
    }
  }
  return {};
}

// Steps reachable from the first one.
std::set<std::string> reachable(const WorkflowDefinition& def) {
  std::set<std::string> seen{def.steps.front().id};
  std::deque<const WorkflowStep*> todo{&def.steps.front()};
  while (!todo.empty()) {
    const auto* s = todo.front();
    todo.pop_front();
    for (const auto& [action, target] : s->actions) {
      if (target == kCompleteTarget || seen.contains(target)) continue;
      seen.insert(target);
      todo.push_back(def.step(target));
    }
  }
  return seen;
}

// Steps from which completion can be reached (fixed point over the action graph).
std::set<std::string> can_complete(const WorkflowDefinition& def) {
  std::set<std::string> ok;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& s : def.steps) {
      if (ok.contains(s.id)) continue;
      for (const auto& [action, target] : s.actions) {
        if (target == kCompleteTarget || ok.contains(target)) {
          ok.insert(s.id);
          changed = true;
          break;
        }
      }
    }
  }
  return ok;
}

}  // namespace

Status validate_workflow(const WorkflowDefinition& def) {
  if (def.steps.empty())
    return workflow_error("steps", "phải có ít nhất một bước xử lý.", "at least one step is required.");
  if (def.version < 1)
    return workflow_error("version", "phiên bản phải từ 1.", "version must be at least 1.");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < def.steps.size(); ++i) {
    const auto at = "steps[" + std::to_string(i) + "]";
    MOTCUA_RETURN_IF_ERROR(check_step_shape(def.steps[i], at));
    if (!ids.insert(def.steps[i].id).second) {
      return workflow_error(at + ".id", "mã bước \"" + def.steps[i].id + "\" bị trùng.",
                            "duplicate step id \"" + def.steps[i].id + "\".");
    }
  }
  MOTCUA_RETURN_IF_ERROR(check_targets(def));
  const auto seen = reachable(def);
  const auto done = can_complete(def);
  for (std::size_t i = 0; i < def.steps.size(); ++i) {
    const auto& id = def.steps[i].id;
    const auto at = "steps[" + std::to_string(i) + "]";
    if (!seen.contains(id)) {
      return workflow_error(at, "bước \"" + id + "\" không thể tới được từ bước đầu.",
                            "step \"" + id + "\" is unreachable.");
    }
    if (!done.contains(id)) {
      return workflow_error(at, "từ bước \"" + id + "\" không thể hoàn thành hồ sơ (ngõ cụt).",
                            "step \"" + id + "\" cannot lead to completion (a dead end).");
    }
  }
  return {};
}

}  // namespace motcua::domain
