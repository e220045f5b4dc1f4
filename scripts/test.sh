#!/usr/bin/env bash
# `npm test`: sets the machine up (packages, Docker, images), type-checks, and
# lints, builds, checks the candidate page's size budget, and runs every
# vitest project: unit, client, store, docker (real containers),
# server (a real listening server) and redteam. Ends
# with one plain line of totals, `N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/chromium.sh || { echo "installing chromium failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/postgres-install.sh || { echo "installing postgresql failed"; echo "0 passed, 1 failed"; exit 1; }

status=0
echo "[test] type-checking"
npx tsc -p server --noEmit && npx tsc -p tests --noEmit && npx tsc -p client --noEmit || status=1

echo "[test] lint: ESLint (folder boundaries, import cycles, hooks, floating promises) and knip (unused files, exports, dependencies)"
npm run lint --silent || status=1

# The real-server tests load the page the client bundle serves; `npm start` runs the compiled server.
echo "[test] building the server and the client"
bash scripts/build.sh || status=1
echo "[test] candidate page size budget"
npm run size -w client --silent || status=1

# The cluster test's second Docker daemon, loaded with a copy of every runner
# image (gigabytes, minutes of disk work), is made in the background while the
# other suites run; tests/cluster waits for its `done` file. Only for a whole
# run: a run of chosen files may not reach the cluster test to stop it.
docker2=""
if [ $# -eq 0 ]; then
  docker2=$(mktemp -d /tmp/kodbro-test-docker2-XXXXXX)
  export KODBRO_TEST_SECOND_DOCKER="$docker2"
  (bash scripts/dockerd-second.sh "$docker2/daemon" >"$docker2/log" 2>&1; echo $? >"$docker2/done") &
fi

report=$(mktemp /tmp/kodbro-vitest-XXXXXX.json)
echo "[test] vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=1

if [ -n "$docker2" ]; then
  # Normally the cluster test has stopped it; not if vitest ended before it.
  wait
  pid=$(cat "$docker2/daemon/dockerd.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    echo "[test] stopping the second dockerd, which the cluster test did not reach"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -rf --one-file-system "$docker2" 2>/dev/null || echo "[test] left $docker2 (a data root with mounts)"
fi

node - "$report" "$status" <<'NODE'
const fs = require('node:fs');
const [file, status] = process.argv.slice(2);
let r = {};
try { r = JSON.parse(fs.readFileSync(file, 'utf8')); } catch {}
const passed = r.numPassedTests ?? 0;
let failed = r.numFailedTests ?? 0;
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
// A suite that fails to load has no failed tests of its own: count it.
if (failed === 0 && (r.numFailedTestSuites ?? 0) > 0) failed = r.numFailedTestSuites;
if (failed === 0 && status !== '0') failed = 1;
// In CI a skipped test may be one that needed Docker: that is a failure.
if (process.env.CI === 'true' && skipped > 0) console.log(`[test] ${skipped} skipped test(s) in CI count as failures`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || (process.env.CI === 'true' && skipped > 0) ? 1 : 0;
NODE
