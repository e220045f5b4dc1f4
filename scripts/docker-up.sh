#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine: installs Debian's docker.io
# (and debootstrap, which builds the base image when no registry answers), starts
# dockerd in the background when it is not running, and waits for its socket.
# Idempotent: a second call on a machine where Docker answers does nothing.
set -euo pipefail

log() { printf '[docker-up] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if docker info >/dev/null 2>&1; then
  log "Docker answers."
  exit 0
fi

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  log "starting dockerd in the background (log: /var/log/kodbro-dockerd.log)"
  as_root sh -c 'nohup dockerd >/var/log/kodbro-dockerd.log 2>&1 &'
fi

for i in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    log "Docker answers after ${i}s."
    exit 0
  fi
  sleep 1
done
log "dockerd did not answer within 60 s; its log ends with:"
tail -n 20 /var/log/kodbro-dockerd.log >&2 || true
exit 1
