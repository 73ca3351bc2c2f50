#include "storage/common/sql.hpp"

#include <charconv>
#include <cstdlib>
#include <utility>

namespace motcua::storage {

std::int64_t Value::as_int64() const {
  switch (v_.index()) {
    case 1:
      return std::get<1>(v_);
    case 2:
      return static_cast<std::int64_t>(std::get<2>(v_));
    case 3: {
      const std::string& s = std::get<3>(v_);
      std::int64_t out = 0;
      std::from_chars(s.data(), s.data() + s.size(), out);
      return out;
    }
    default:
      return 0;
  }
}

double Value::as_double() const {
  switch (v_.index()) {
    case 1:
      return static_cast<double>(std::get<1>(v_));
    case 2:
      return std::get<2>(v_);
    case 3:
      return std::strtod(std::get<3>(v_).c_str(), nullptr);
    default:
      return 0.0;
  }
}

std::string Value::as_text() const {
  switch (v_.index()) {
    case 1:
      return std::to_string(std::get<1>(v_));
    case 2:
      return std::to_string(std::get<2>(v_));
    case 3:
      return std::get<3>(v_);
    default:
      return {};
  }
}

core::Status Connection::begin(std::string_view begin_sql) {
  first_failure_ = {};
  MOTCUA_RETURN_IF_ERROR(do_exec_script(begin_sql));
  in_transaction_ = true;
  return {};
}

core::Status Connection::commit() {
  in_transaction_ = false;
  core::Status failure = std::exchange(first_failure_, {});
  if (!failure.ok()) {
    (void)do_exec_script("ROLLBACK");
    return failure;
  }
  return do_exec_script("COMMIT");
}

void Connection::rollback() {
  in_transaction_ = false;
  first_failure_ = {};
  (void)do_exec_script("ROLLBACK");
}

core::Status Connection::savepoint() {
  failure_before_savepoint_ = first_failure_;
  return noted(do_exec_script("SAVEPOINT batch_item"));
}

core::Status Connection::release_savepoint() {
  if (first_failure_.ok() == failure_before_savepoint_.ok())
    return noted(do_exec_script("RELEASE batch_item"));
  core::Status failure = first_failure_;
  rollback_to_savepoint();
  return failure;
}

void Connection::rollback_to_savepoint() {
  first_failure_ = failure_before_savepoint_;
  (void)do_exec_script("ROLLBACK TO batch_item");
  (void)do_exec_script("RELEASE batch_item");
}

}  // namespace motcua::storage
