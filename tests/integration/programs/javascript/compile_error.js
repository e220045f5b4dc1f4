const lines = require('fs').readFileSync(0, 'utf8').split('\n');

function total(numbers {
  return numbers.reduce((a, b) => a + b, 0);
}

console.log(total(lines[1].split(' ').map(Number)));
