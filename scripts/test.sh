#!/usr/bin/env bash
# `npm test`: type-check, lint (the house rules), unit and API tests (Vitest), build, then end-to-end
# tests (Playwright driving Debian Chromium with a fake camera). Installs Chromium and ffmpeg (used
# only to turn the test clips into the fake camera's .y4m files) through apt when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} with apt (needed by the end-to-end tests)…"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== type-check"
npm run --silent typecheck

echo "== lint"
npm run --silent lint

echo "== unit and API tests"
unit_rc=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json || unit_rc=$?

echo "== build"
npx vite build --logLevel warn

echo "== end-to-end tests"
e2e_rc=0
npx playwright test -c e2e/playwright.config.ts || e2e_rc=$?

node scripts/test-summary.mjs .cache/vitest.json .cache/playwright.json
[ "$unit_rc" -eq 0 ] && [ "$e2e_rc" -eq 0 ]
