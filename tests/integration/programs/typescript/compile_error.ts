import * as fs from 'fs';

// A type error, not a syntax error: TypeScript's own check must fail the compile.
const n: number = fs.readFileSync(0, 'utf8').split('\n')[0];
console.log(n);
