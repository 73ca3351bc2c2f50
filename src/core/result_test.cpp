#include "core/result.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace motcua::core {
namespace {

std::exception_ptr caught(auto thrown) {
  try {
    throw thrown;
  } catch (...) {
    return std::current_exception();
  }
}

TEST(ErrorFromException, NamesWhatFailedAndTheExceptionsText) {
  const Error e = Error::from_exception("answering a submission failed", caught(std::runtime_error("boom")));
  EXPECT_EQ(e.code, ErrorCode::kInternal);
  EXPECT_EQ(e.code_id, "internal");
  EXPECT_EQ(e.message_en, "answering a submission failed: boom");
  EXPECT_FALSE(e.message_vi.empty());
}

TEST(ErrorFromException, AnythingElseThrownKeepsOnlyWhatFailed) {
  EXPECT_EQ(Error::from_exception("sign-in failed", caught(42)).message_en, "sign-in failed");
}

}  // namespace
}  // namespace motcua::core
