#!/usr/bin/env bash
# Installs what the test suite needs beyond Rust: Debian's Chromium for the browser tests, and
# the npm packages that drive it (into tests/browser/node_modules). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's chromium package (sudo apt-get install chromium)" >&2
    exit 1
  fi
fi
command -v node >/dev/null || { echo "Node.js is missing: install it (the tests run the search client under node)" >&2; exit 1; }
if [ ! -d tests/browser/node_modules/playwright-core ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
fi
