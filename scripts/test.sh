#!/usr/bin/env bash
# `npm test`: the whole suite as CI runs it, on a fresh machine after `npm install`.
# 1. Debian pieces the tests need (Chromium, the Kafka-protocol test broker), installed as root.
# 2. The console build the browser tests load.
# 3. Lint, format and type checks.
# 4. Every unit and integration test (vitest), then one plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/test-prereqs.sh
npm run build --silent -w @kairro/console >/dev/null
npm run --silent lint
npm run --silent typecheck

mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-results.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest-results.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
