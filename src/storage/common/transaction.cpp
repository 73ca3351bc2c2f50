#include "storage/common/transaction.hpp"

namespace motcua::storage {

namespace {

// Rolls back on scope exit unless dismissed.
class RollbackGuard {
 public:
  explicit RollbackGuard(Connection& conn) : conn_(conn) {}
  RollbackGuard(const RollbackGuard&) = delete;
  RollbackGuard& operator=(const RollbackGuard&) = delete;
  ~RollbackGuard() {
    if (armed_) conn_.rollback();
  }
  void dismiss() { armed_ = false; }

 private:
  Connection& conn_;
  bool armed_ = true;
};

}  // namespace

core::Status run_transaction(Connection& conn, std::string_view begin_sql, const ConnectionFn& fn) {
  MOTCUA_RETURN_IF_ERROR(conn.begin(begin_sql));
  return finish_transaction(conn, fn);
}

core::Status finish_transaction(Connection& conn, const ConnectionFn& fn) {
  RollbackGuard guard(conn);
  MOTCUA_RETURN_IF_ERROR(fn(conn));
  MOTCUA_RETURN_IF_ERROR(conn.commit());
  guard.dismiss();
  return {};
}

}  // namespace motcua::storage
