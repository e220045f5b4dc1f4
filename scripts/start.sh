#!/usr/bin/env bash
# `npm start`: installs what is missing (npm packages, Docker, runner images,
# the client bundle), then runs the server on its embedded defaults: SQLite in
# ./data, the demo organisation with the sample challenges, a fresh demo invite.
# Configuration: PORT, HOST, KODBRO_DATA_DIR and the rest in the README.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --docker-optional

# The client bundle is rebuilt when any of its sources (or the shared contracts) is newer.
if [ ! -f client/dist/index.html ] || [ -n "$(find client/src client/index.html client/vite.config.ts server/src/contracts -newer client/dist/index.html -print -quit 2>/dev/null)" ]; then
  printf '[setup] %s\n' "building the client bundle (vite)" >&2
  npm run build -w client --silent
fi

exec node --import tsx server/src/app/main.ts
