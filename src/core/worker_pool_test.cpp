#include "core/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

namespace motcua::core {
namespace {

TEST(WorkerPool, RunsTasksOnItsOwnThreadsWithoutHoldingThePoster) {
  WorkerPool pool(2);
  std::promise<void> gate;
  auto opened = gate.get_future().share();
  std::promise<std::thread::id> ran_on;
  pool.post([opened, &ran_on] {
    opened.wait();
    ran_on.set_value(std::this_thread::get_id());
  });
  // post() returned while the task waits; the second thread takes the next task meanwhile.
  std::promise<void> second;
  pool.post([&second] { second.set_value(); });
  EXPECT_EQ(second.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  gate.set_value();
  EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

TEST(WorkerPool, OneThreadRunsTasksInOrderAndTheDestructorRunsWhatIsQueued) {
  std::vector<int> order;
  {
    WorkerPool pool(1);
    for (int i = 0; i < 100; ++i) pool.post([&order, i] { order.push_back(i); });
  }
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
}

TEST(WorkerPool, ATaskThatThrowsDoesNotStopThePool) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(1);
    pool.post([] { throw std::runtime_error("broken task"); });
    pool.post([&ran] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 1);
}

}  // namespace
}  // namespace motcua::core
