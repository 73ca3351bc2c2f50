#!/usr/bin/env bash
# Builds motcua and runs every test: a release build and an AddressSanitizer + UBSan build, each running the
# whole CTest suite, with the storage contract suite on SQLite and on a throwaway PostgreSQL cluster that this
# script starts on a free port and stops at exit; after the release build's CTest, the real-Chromium test of
# tests/browser/ (which also refreshes docs/screenshot-catalogue.png); then a ThreadSanitizer build runs the
# tests of the code that threads share.
# Usage: scripts/test.sh            (as root or with sudo on a fresh Debian 12)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# ccache (CMakeLists.txt) hashes paths under the checkout as relative ones, so clones in different directories
# share their compiled objects.
export CCACHE_BASEDIR="$PWD"

jobs=$(nproc)
pg_env=()
if [ -x scripts/pg-throwaway.sh ]; then
  pg_dir=$(mktemp -d /tmp/motcua-pg.XXXXXX)
  trap 'scripts/pg-throwaway.sh stop "$pg_dir" || true; rm -rf "$pg_dir"' EXIT
  url=$(scripts/pg-throwaway.sh start "$pg_dir")
  pg_env=(MOTCUA_TEST_PG_URL="$url")
  echo "test: PostgreSQL for the contract suite at $url"
fi

for preset in release asan; do
  echo "== $preset build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== $preset tests"
  env "${pg_env[@]}" ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --preset "$preset" -j "$jobs"
  if [ "$preset" = release ]; then
    echo "== browser test (Chromium)"
    scripts/install-deps.sh --with-browser
    tests/browser/run.sh build/release/src/server/motcua ||
      { echo "test: FAILED: the browser test (tests/browser/run.sh); screenshots and server log in test-artifacts/browser/" >&2; exit 1; }
  fi
done
# ThreadSanitizer over the tests that exercise the code shared between threads: the worker pool, the SQLite
# store's group commit (its writer, sync and checkpoint threads), the HTTP server's loops and answers, the
# storage contract suite on both engines, the end-to-end HTTP suite on SQLite (submissions, racing actions and
# their retries) and the kill -9 test's server. Only what those tests need is built.
tsan_tests=(worker_pool_test wal_sync_test server_test dispatcher_test store_contract_sqlite store_contract_postgres
            http_e2e_sqlite crash_sqlite)
echo "== tsan build"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs" --target motcua worker_pool_test wal_sync_test server_test dispatcher_test \
  store_contract_test http_e2e_test crash_test
echo "== tsan tests"
env "${pg_env[@]}" TSAN_OPTIONS="suppressions=$PWD/cmake/tsan.supp second_deadlock_stack=1" \
  ctest --preset tsan -j "$jobs" -R "^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
echo "test: all tests passed"
