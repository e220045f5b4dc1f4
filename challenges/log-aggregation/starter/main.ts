import * as fs from 'fs';

// One log line, e.g. 2024-03-01T09:00:01Z /api/users?id=42 200 35.
interface Entry {
  timestamp: string;
  target: string;
  status: number;
  latency: number;
}

function aggregate(entries: Entry[]): string[] {
  // TODO: return the output lines, one "endpoint count errors p95" string
  // per endpoint, sorted by endpoint.
  return [];
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter((t) => t.length > 0);
const n = Number(data[0]);
const entries: Entry[] = [];
for (let i = 0; i < n; i++) {
  const k = 1 + 4 * i;
  entries.push({ timestamp: data[k], target: data[k + 1], status: Number(data[k + 2]), latency: Number(data[k + 3]) });
}
const lines = aggregate(entries);
if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
