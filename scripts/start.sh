#!/usr/bin/env bash
# `npm start`: installs what is missing (npm packages, Docker, runner images),
# builds what is out of date (the server's JavaScript, the client bundle), then
# runs the compiled server on its embedded defaults: SQLite in ./data, the demo
# organisation with the sample challenges (on a loopback address), a fresh
# demo invite. The first run on a fresh machine installs; later runs only
# check, in seconds. Configuration: PORT, HOST, KODBRO_DATA_DIR and the rest
# in the README.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --docker-optional
bash scripts/build.sh
exec node server/dist/app/main.js
