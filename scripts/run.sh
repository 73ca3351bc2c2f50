#!/usr/bin/env bash
# Installs what is missing, builds motcua (release) and starts it on http://127.0.0.1:8080 with the embedded
# SQLite database under ./var/ and the demo province (Lào Cai) loaded on the first start.
# Usage: scripts/run.sh [extra `motcua serve` flags, e.g. --listen 0.0.0.0:8080]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target motcua
exec build/release/src/server/motcua serve --demo --data-dir ./var "$@"
