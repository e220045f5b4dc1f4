#!/usr/bin/env bash
# Installs Debian's PostgreSQL server programs when they are missing, for the
# tests (each runs a throw-away cluster of its own, tests/support/postgres.ts)
# and for grown mode (scripts/cluster.sh). The system service is not used:
# Kodbro starts its own clusters on loopback. Idempotent.
set -euo pipefail

log() { printf '[postgres] %s\n' "$*" >&2; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -n1) is installed."
  exit 0
fi
log "installing postgresql from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# Debian starts a main cluster on port 5432 when it can; Kodbro does not need it.
as_root sh -c 'command -v pg_ctlcluster >/dev/null && for c in /etc/postgresql/*/main; do [ -d "$c" ] && pg_ctlcluster "$(basename "$(dirname "$c")")" main stop 2>/dev/null; done; true'
log "PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -n1) is installed."
