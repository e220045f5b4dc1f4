#!/usr/bin/env bash
# `npm start`: sets the machine up, then judges every sample challenge's
# reference solution to show the engine working end to end. (The web server
# arrives with the server issue; until then the CLI is Kodbro's interface.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo
echo "Kodbro's judging engine is ready. Judging each sample challenge's reference solution:"
for dir in challenges/*/; do
  name=$(basename "$dir")
  solution=$(ls "$dir"solutions/accepted.py 2>/dev/null || true)
  [ -n "$solution" ] || continue
  printf '  %-22s ' "$name"
  node server/bin/kodbro.js judge "$dir" "$solution" --json 2>/dev/null | tail -n 1 |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(`${r.verdict}, score ${r.score}, ${r.tests.length} hidden tests`)})'
done
cat <<'MSG'

Try it yourself:
  npm run kodbro -- judge challenges/meeting-rooms challenges/meeting-rooms/solutions/wrong.py
  npm run kodbro -- validate challenges/team-pairing
  npm run kodbro -- import tests/fixtures/kattis/bus-fares /tmp/bus-fares
MSG
