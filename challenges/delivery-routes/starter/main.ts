import * as fs from 'fs';

// adj[u] is an array of [v, w]: a one-way road u -> v taking w minutes.
// Distances can exceed 2^31 but stay far below 2^53, so plain numbers are exact.
function shortestDistances(n: number, adj: [number, number][][]): number[] {
  // TODO: return an array of n values, the shortest travel time from depot 1
  // to nodes 1..n, with -1 for nodes that cannot be reached.
  return new Array<number>(n).fill(-1);
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter((t) => t.length > 0);
const n = Number(data[0]);
const m = Number(data[1]);
const adj: [number, number][][] = [];
for (let i = 0; i <= n; i++) adj.push([]);
for (let i = 0; i < m; i++) {
  const u = Number(data[2 + 3 * i]);
  const v = Number(data[3 + 3 * i]);
  const w = Number(data[4 + 3 * i]);
  adj[u].push([v, w]);
}
const dist = shortestDistances(n, adj);
process.stdout.write(dist.join('\n') + '\n');
