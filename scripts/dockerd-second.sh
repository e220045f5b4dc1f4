#!/usr/bin/env bash
# Starts a second Docker daemon on this machine, as a second "Docker host" for
# grown mode's local demonstration and tests: its own data root, exec root,
# pidfile and socket under DIR, and no bridge network (sandboxes have no
# network anyway). Copies the runner images from the machine's own daemon, so
# a worker on it finds them (a worker on a real second machine builds them).
# Prints the DOCKER_HOST to use. Idempotent: an answering daemon is reused.
#
#   bash scripts/dockerd-second.sh /var/lib/kodbro/docker2
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${1:?usage: dockerd-second.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sock="$dir/docker.sock"
host="unix://$sock"
log() { printf '[dockerd-second] %s\n' "$*" >&2; }

if ! DOCKER_HOST="$host" docker info >/dev/null 2>&1; then
  log "starting a second dockerd (data in $dir, log $dir/dockerd.log)"
  # In a network namespace of its own: a dockerd without a bridge deletes the
  # host's docker0 on start, which would leave the machine's daemon unable to
  # build images. Sandboxes have no network, and clients speak over the socket.
  nohup unshare --net dockerd \
    --data-root "$dir/data-root" \
    --exec-root "$dir/exec-root" \
    --pidfile "$dir/dockerd.pid" \
    --host "$host" \
    --bridge=none --iptables=false --ip6tables=false \
    >"$dir/dockerd.log" 2>&1 &
  for i in $(seq 1 60); do
    DOCKER_HOST="$host" docker info >/dev/null 2>&1 && break
    if [ "$i" = 60 ]; then log "it did not answer within 60 s; its log ends with:"; tail -n 20 "$dir/dockerd.log" >&2; exit 1; fi
    sleep 1
  done
  log "it answers on $host"
fi

# The images the code expects (content-hash tags), copied when missing.
missing=()
for tag in $(node server/bin/kodbro.js images tags); do
  DOCKER_HOST="$host" docker image inspect "$tag" >/dev/null 2>&1 || missing+=("$tag")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "copying ${#missing[@]} runner image(s) from the machine's daemon: ${missing[*]}"
  # Niced: `npm test` runs this beside the other suites, and the two clients
  # piping gigabytes are most of its CPU time.
  nice -n 19 ionice -c 3 -t docker save "${missing[@]}" | DOCKER_HOST="$host" nice -n 19 ionice -c 3 -t docker load >/dev/null
fi
echo "$host"
