import * as fs from 'fs';

interface Item {
  qty: number;
  price: number; // in cents
  name: string; // the rest of the line; may contain spaces
}

const lines = fs.readFileSync(0, 'utf8').split('\n');
const [n, w, r] = lines[0].trim().split(/\s+/).map(Number);
const items: Item[] = [];
for (let i = 1; i <= n; i++) {
  const line = lines[i].replace(/\r$/, '');
  const a = line.indexOf(' ');
  const b = line.indexOf(' ', a + 1);
  items.push({ qty: Number(line.slice(0, a)), price: Number(line.slice(a + 1, b)), name: line.slice(b + 1) });
}

// TODO: merge equal items, lay out the invoice and print it.
// Totals can exceed 2^53: sum money with BigInt, e.g. BigInt(qty) * BigInt(price).
const out: string[] = [];
process.stdout.write(out.map((s) => s + '\n').join(''));
