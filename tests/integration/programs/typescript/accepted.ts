import * as fs from 'fs';

const [first, second] = fs.readFileSync(0, 'utf8').split('\n');
const n: number = Number(first);
const numbers: bigint[] = second.trim().split(/\s+/).map((t) => BigInt(t));
if (numbers.length !== n) throw new Error('count');
console.log(numbers.reduce((a, b) => a + b, 0n).toString());
