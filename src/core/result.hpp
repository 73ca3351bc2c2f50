// Result<T> and Error: the vocabulary for expected failures across motcua.
//
// A function that can fail for a reason the caller should handle returns Result<T> (or Status, which is
// Result<void>). Exceptions are kept for programming errors and resource exhaustion. Each Error carries a
// stable machine code (`code_id`, e.g. "procedure.not_found"), a Vietnamese message (shown first to users)
// and an English one. The HTTP layer maps ErrorCode to a status in one place (http/error_mapping.cpp).
//
//   Result<Procedure> p = repo.find("1.001193");
//   if (!p) return p.error();
//   use(*p);
#pragma once

#include <cassert>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace motcua::core {

enum class ErrorCode {
  // The caller sent something malformed or out of range; fixing the input fixes the call.
  kInvalidArgument,
  // The named thing does not exist (or the caller may not know that it exists).
  kNotFound,
  // Creating something that already exists (same code, same username...).
  kAlreadyExists,
  // The caller is known but lacks the role or unit scope for this action.
  kPermissionDenied,
  // The caller is not signed in, or its credentials are wrong or expired.
  kUnauthenticated,
  // The action is not allowed in the current state (an illegal workflow step, a locked account...).
  kFailedPrecondition,
  // A concurrent change won: stale version, lost race. Retrying after a reload may succeed.
  kConflict,
  // The request body is larger than the configured limit.
  kPayloadTooLarge,
  // A dependency (database, disk) is temporarily unavailable; retrying later may succeed.
  kUnavailable,
  // A bug or an unexpected state; logged with details, reported to users without them.
  kInternal,
};

// Returns the stable lower-case name of a code, e.g. "invalid_argument".
const char* error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string code_id;     // stable, dotted: "procedure.not_found"
  std::string message_vi;  // what to fix, in Vietnamese
  std::string message_en;  // the same in English
  std::string field;       // the offending input field, when there is one

  static Error invalid(std::string id, std::string vi, std::string en, std::string field = {}) {
    return {ErrorCode::kInvalidArgument, std::move(id), std::move(vi), std::move(en), std::move(field)};
  }
  static Error not_found(std::string id, std::string vi, std::string en) {
    return {ErrorCode::kNotFound, std::move(id), std::move(vi), std::move(en), {}};
  }
  static Error internal(std::string en) {
    return {ErrorCode::kInternal, "internal", "Lỗi hệ thống, vui lòng thử lại sau.", std::move(en), {}};
  }
  // For an exception caught where an Error must be handed on instead (a completion, a worker thread):
  // Internal, "<what_failed>: <what()>" for a std::exception, "<what_failed>" for anything else.
  static Error from_exception(std::string_view what_failed, const std::exception_ptr& exception);
  static Error unavailable(std::string en) {
    return {ErrorCode::kUnavailable,
            "unavailable",
            "Hệ thống tạm thời không phục vụ được, vui lòng thử lại sau.",
            std::move(en),
            {}};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

  // The value, or `fallback` when this holds an error.
  T value_or(T fallback) const& { return ok() ? std::get<0>(v_) : std::move(fallback); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& {
    assert(!ok_);
    return error_;
  }
  Error&& error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status ok_status() {
  return {};
}

}  // namespace motcua::core

// Returns early from the enclosing function with the error of `expr` if it failed.
#define MOTCUA_RETURN_IF_ERROR(expr)                         \
  do {                                                       \
    auto motcua_status_ = (expr);                            \
    if (!motcua_status_.ok()) return motcua_status_.error(); \
  } while (false)
