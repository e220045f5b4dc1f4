import * as fs from 'fs';

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter((s) => s.length > 0);
const n = Number(data[0]);
const d = Number(data[1]);
const skill: number[] = []; // skill[i] is the rating of developer i + 1
const role: string[] = []; // 'S' (senior) or 'J' (junior)
for (let i = 0; i < 2 * n; i++) {
  skill.push(Number(data[2 + 2 * i]));
  role.push(data[3 + 2 * i]);
}

// TODO: find n valid pairs and add them as `${a} ${b}` lines (1-based numbers)
// to out, or print IMPOSSIBLE
const out: string[] = [];
process.stdout.write(out.map((s) => s + '\n').join(''));
