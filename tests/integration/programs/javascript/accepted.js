const [first, second = ''] = require('fs').readFileSync(0, 'utf8').split('\n');
const n = Number(first);
const numbers = second.trim().split(/\s+/).map(BigInt);
if (numbers.length !== n) throw new Error(`expected ${n} numbers`);
console.log(numbers.reduce((a, b) => a + b, 0n).toString());
