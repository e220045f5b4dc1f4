#!/usr/bin/env bash
# `npm run cluster`: Kodbro's grown mode demonstrated on one machine with real
# parts (docs/scaling.md): installs what is missing (npm packages, Docker,
# PostgreSQL from Debian, runner images), builds the server and the client,
# starts a second Docker daemon with its own data root and socket, then
# PostgreSQL in <data>/postgres, two web processes (ports 3000 and 3001) and
# two workers (one per Docker daemon). Data: KODBRO_DATA_DIR, default
# ./data/cluster (apart from `npm start`'s ./data).
set -euo pipefail
cd "$(dirname "$0")/.."

data=${KODBRO_DATA_DIR:-$PWD/data/cluster}
mkdir -p "$data"
bash scripts/setup.sh
bash scripts/postgres-install.sh
bash scripts/build.sh
docker2=$(bash scripts/dockerd-second.sh "$data/docker2")
exec node server/dist/grown/cluster-main.js "$data" "$docker2"
