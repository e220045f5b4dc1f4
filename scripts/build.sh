#!/usr/bin/env bash
# Builds what is out of date: the server (tsc into server/dist, run by
# `npm start`) and the client bundle (vite into client/dist, served by the
# server). A build is skipped when no source is newer than its last build.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[build] %s\n' "$*" >&2; }

stale() { # stale <stamp> <paths…>: true when the stamp is missing or any path is newer
  local stamp=$1; shift
  [ ! -f "$stamp" ] || [ -n "$(find "$@" -newer "$stamp" -print -quit 2>/dev/null)" ]
}

if stale server/dist/.built server/src server/scripts server/package.json server/tsconfig.json server/tsconfig.build.json tsconfig.base.json package-lock.json; then
  log "compiling the server (tsc)"
  # From scratch: a source file that was removed must not live on in dist/.
  rm -rf server/dist
  npm run build -w server --silent
  touch server/dist/.built
fi

if stale client/dist/.built client/src client/index.html client/vite.config.ts client/package.json client/scripts/compress.mjs server/src/contracts package-lock.json; then
  log "building the client bundle (vite)"
  # Always a production bundle: vitest sets NODE_ENV=test, which would give React's development build.
  NODE_ENV=production npm run build -w client --silent >/dev/null
  touch client/dist/.built
fi
