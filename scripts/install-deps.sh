#!/usr/bin/env bash
# Installs the Debian packages motcua needs to build, run and test. Idempotent: installs only what is missing.
# Usage: scripts/install-deps.sh [--with-test-tools]   (run as root, or with sudo available)
set -euo pipefail

build_pkgs=(
  build-essential cmake ninja-build pkg-config clang-format
  ccache  # repeated builds on one machine (CI builds every stop from a fresh clone) reuse compiled objects
  libh2o-evloop-dev  # the HTTP/1.1 server (src/http/server.cpp)
  nlohmann-json3-dev rapidjson-dev libsqlite3-dev libpq-dev libicu-dev libsodium-dev
  libcli11-dev prometheus-cpp-dev libkainjow-mustache-dev libmagic-dev libgtest-dev libgmock-dev googletest libbenchmark-dev
  libjemalloc-dev  # the server's allocator (CMakeLists.txt, MOTCUA_JEMALLOC)
  # Forms as PDF and digital signatures (src/adapters/pdf, src/adapters/sign).
  libcairo2-dev libpango1.0-dev fonts-liberation2 fonts-dejavu-core libqrencode-dev zlib1g-dev
  libssl-dev libpodofo-dev libp11-dev
)
# Its second line: poppler's pdftotext/pdftoppm/pdfsig, zbarimg, SoftHSM2 and NSS's certutil check forms and signatures.
test_pkgs=(postgresql postgresql-contrib sqlite3 curl
  poppler-utils zbar-tools softhsm2 libnss3-tools openssl)
bench_pkgs=(nginx-light wrk util-linux)
browser_pkgs=(chromium)
# Node.js and npm drive the browser test; a machine that already has them (from Debian or elsewhere) keeps its own.
command -v npm >/dev/null 2>&1 || browser_pkgs+=(nodejs npm)

wanted=("${build_pkgs[@]}" "${test_pkgs[@]}")
for arg in "$@"; do
  case "$arg" in
    --with-bench) wanted+=("${bench_pkgs[@]}") ;;
    --with-browser) wanted+=("${browser_pkgs[@]}") ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
