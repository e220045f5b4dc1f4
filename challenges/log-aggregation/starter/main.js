'use strict';

// entries: array of { timestamp, target, status, latency }, e.g.
// { timestamp: '2024-03-01T09:00:01Z', target: '/api/users?id=42', status: 200, latency: 35 }
function aggregate(entries) {
  // TODO: return the output lines, one "endpoint count errors p95" string
  // per endpoint, sorted by endpoint.
  return [];
}

const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter((t) => t.length > 0);
const n = Number(data[0]);
const entries = [];
for (let i = 0; i < n; i++) {
  const k = 1 + 4 * i;
  entries.push({
    timestamp: data[k],
    target: data[k + 1],
    status: Number(data[k + 2]),
    latency: Number(data[k + 3]),
  });
}
const lines = aggregate(entries);
if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
