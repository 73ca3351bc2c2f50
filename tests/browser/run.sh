#!/usr/bin/env bash
# Runs the real-Chromium test of the public pages against a motcua binary that is already built: serves the
# demo province on a free port with a throwaway data directory, waits for /readyz, runs catalogue.test.mjs and
# calendar.test.mjs (node --test, playwright-core driving Debian's /usr/bin/chromium), then stops the server.
# Screenshots and the server log go to test-artifacts/browser/; the catalogue screenshot also to
# docs/screenshot-catalogue.png (shown in the README).
#
# Usage: tests/browser/run.sh PATH/TO/motcua
# Needs: scripts/install-deps.sh --with-browser (chromium, nodejs, npm); installs playwright-core from the npm
# registry into tests/browser/node_modules on first use (npm ci, pinned by package-lock.json).
set -euo pipefail

die() { echo "browser-test: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: tests/browser/run.sh PATH/TO/motcua"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(realpath "$1")
[ -x "$bin" ] || die "$1 is not an executable motcua binary (build it first)"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing: run scripts/install-deps.sh --with-browser"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are missing: run scripts/install-deps.sh --with-browser"
command -v curl >/dev/null || die "curl is missing: run scripts/install-deps.sh"

if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in tests/browser"
fi

artifacts="$root/test-artifacts/browser"
mkdir -p "$artifacts" "$root/docs"
data=$(mktemp -d /tmp/motcua-browser.XXXXXX)
port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
password="mat-khau-demo-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
url="http://127.0.0.1:$port"

MOTCUA_DEMO_PASSWORD="$password" "$bin" serve --demo --listen "127.0.0.1:$port" --data-dir "$data" \
  >"$artifacts/server.log" 2>&1 &
server=$!
stop_server() {
  if kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server"
    wait "$server" || true
  fi
  rm -rf "$data"
}
trap stop_server EXIT

for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$artifacts/server.log" >&2; die "the server exited before it was ready"; }
  sleep 0.1
done
curl -fsS -o /dev/null "$url/readyz" || { cat "$artifacts/server.log" >&2; die "the server is not ready at $url after 10 s"; }

echo "browser-test: motcua at $url, Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
MOTCUA_URL="$url" MOTCUA_DEMO_PASSWORD="$password" ARTIFACTS_DIR="$artifacts" \
  README_SCREENSHOT="$root/docs/screenshot-catalogue.png" \
  node --test --test-reporter=spec "$here/catalogue.test.mjs" "$here/calendar.test.mjs"
echo "browser-test: passed (screenshots in test-artifacts/browser/, docs/screenshot-catalogue.png)"
