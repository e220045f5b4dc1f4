import * as fs from 'fs';

interface Parsed {
  total: number;
}

const lines: string[] = fs.readFileSync(0, 'utf8').split('\n');
const parsed = (lines[1].trim().split(/\s+/).length > 0 ? null : { total: 0 }) as Parsed;
// TypeError: Cannot read properties of null
console.log(parsed.total);
