#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (driven by playwright-core),
# and poppler-utils (pdftoppm: the printed invitation sheet is rasterised to
# read its QR codes back), idempotently: nothing happens when both exist.
set -euo pipefail
log() { printf '[chromium] %s\n' "$*" >&2; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
if command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
log "installing chromium and poppler-utils from Debian's packages (for the browser tests, about a minute)"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core poppler-utils >/dev/null
log "$(chromium --version)"
