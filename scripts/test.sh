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

# Type-check, lint and build side by side: each keeps about one core busy, and none depends on another.
echo "== type-check, lint and build"
mkdir -p .cache/logs
npm run --silent typecheck >.cache/logs/typecheck.log 2>&1 &
typecheck_pid=$!
npm run --silent lint >.cache/logs/lint.log 2>&1 &
lint_pid=$!
npx vite build --logLevel warn >.cache/logs/build.log 2>&1 &
build_pid=$!
static_rc=0
for step in typecheck lint build; do
  pid_var="${step}_pid"
  step_rc=0
  wait "${!pid_var}" || step_rc=$?
  echo "-- $step: $([ "$step_rc" -eq 0 ] && echo ok || echo "FAILED ($step_rc)")"
  cat ".cache/logs/$step.log"
  [ "$step_rc" -eq 0 ] || static_rc=$step_rc
done
[ "$static_rc" -eq 0 ] || exit "$static_rc"

echo "== unit and API tests"
unit_rc=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json || unit_rc=$?

echo "== end-to-end tests"
e2e_rc=0
npx playwright test -c e2e/playwright.config.ts || e2e_rc=$?

node scripts/test-summary.mjs .cache/vitest.json .cache/playwright.json
[ "$unit_rc" -eq 0 ] && [ "$e2e_rc" -eq 0 ]
