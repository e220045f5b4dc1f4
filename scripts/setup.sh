#!/usr/bin/env bash
# Installs everything Kodbro needs on a fresh Debian machine, idempotently:
# npm packages (when missing or out of date), a running Docker engine, and the
# runner images (rebuilt only when runner-images/ changed).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*" >&2; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  log "Kodbro needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))."
  exit 1
fi

# Native modules (better-sqlite3) build against this machine's Node headers:
# node-gyp would otherwise try to download them, and no such host answers.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages (npm ci; builds better-sqlite3 from source, about a minute)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# `npm start` passes --docker-optional: a server without Docker still starts
# (submissions wait in the queue); the tests need Docker and stop here.
if ! bash scripts/docker-up.sh; then
  if [ "${1:-}" = "--docker-optional" ]; then
    log "WARNING: Docker could not be started; Kodbro will run, but submissions wait until Docker answers"
    exit 0
  fi
  exit 1
fi
log "building runner images that are not up to date"
if ! node server/bin/kodbro.js images build; then
  [ "${1:-}" = "--docker-optional" ] || exit 1
  log "WARNING: the runner images could not be built; submissions wait until they exist"
fi
