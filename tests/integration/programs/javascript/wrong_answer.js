const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const sum = lines[1].trim().split(/\s+/).map(BigInt).reduce((a, b) => a + b, 0n);
console.log((sum + 1n).toString());
