// A stand-in for a slower disk, for benchmarks only: preloaded (LD_PRELOAD=libmotcua_slow_disk.so), it makes
// every fsync(2) and fdatasync(2) of the process take MOTCUA_BENCH_SYNC_DELAY_US microseconds longer (default
// 1000) after the real call returns. This VM's virtual disk completes a flush in about 0.15 ms; data-centre
// SSDs without power-loss protection and network block storage take 0.5-2 ms, and that difference decides
// how much group commit buys. bench/run.sh uses it when MOTCUA_BENCH_SYNC_DELAY_US is set; the baseline and
// the figure it is compared with run under the same delay.
#include <dlfcn.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace {

using SyncFn = int (*)(int);

SyncFn real(const char* name) {
  return reinterpret_cast<SyncFn>(dlsym(RTLD_NEXT, name));
}

void wait_like_a_slower_disk() {
  static const long us = [] {
    const char* v = std::getenv("MOTCUA_BENCH_SYNC_DELAY_US");
    return v != nullptr && *v != '\0' ? std::atol(v) : 1000L;
  }();
  std::this_thread::sleep_for(std::chrono::microseconds(us));
}

}  // namespace

extern "C" int fdatasync(int fd) {
  static const SyncFn call = real("fdatasync");
  const int rc = call(fd);
  wait_like_a_slower_disk();
  return rc;
}

extern "C" int fsync(int fd) {
  static const SyncFn call = real("fsync");
  const int rc = call(fd);
  wait_like_a_slower_disk();
  return rc;
}
