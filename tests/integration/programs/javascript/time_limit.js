const lines = require('fs').readFileSync(0, 'utf8').split('\n');
let sum = lines[1].trim().split(/\s+/).map(Number).reduce((a, b) => a + b, 0);
for (;;) sum = (sum * 31 + 7) % 1000003;
