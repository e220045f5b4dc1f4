import * as fs from 'fs';

interface Reading {
  t: number;
  name: string;
  v: number;
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter((s) => s.length > 0);
const n = Number(data[0]);
const a = Number(data[1]);
const b = Number(data[2]);
const readings: Reading[] = [];
for (let i = 0; i < n; i++) {
  readings.push({ t: Number(data[3 + 3 * i]), name: data[4 + 3 * i], v: Number(data[5 + 3 * i]) });
}

// TODO: for every sensor, sorted by name, compute its time-weighted average
// over [a, b] (or '-') and add a line `${name} ${avg.toFixed(9)}` to out
const out: string[] = [];
process.stdout.write(out.map((s) => s + '\n').join(''));
