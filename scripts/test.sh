#!/usr/bin/env bash
# Builds motcua and runs every test: a release build and an AddressSanitizer + UBSan build, each running the
# whole CTest suite, with the storage contract suite on SQLite and on a throwaway PostgreSQL cluster that this
# script starts on a free port and stops at exit; after the release build's CTest, the real-Chromium test of
# tests/browser/ (which also refreshes docs/screenshot-catalogue.png).
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
echo "test: all tests passed"
