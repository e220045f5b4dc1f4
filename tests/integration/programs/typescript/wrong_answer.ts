import * as fs from 'fs';

const lines: string[] = fs.readFileSync(0, 'utf8').split('\n');
const total: bigint = lines[1].trim().split(/\s+/).reduce((sum, t) => sum + BigInt(t), 0n);
console.log((total + 1n).toString());
