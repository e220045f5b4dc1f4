import * as fs from 'fs';

const lines: string[] = fs.readFileSync(0, 'utf8').split('\n');
let total: number = lines[1].trim().split(/\s+/).reduce((sum, t) => sum + Number(t), 0) % 1000003;
for (;;) total = (total * 31 + 7) % 1000003;
