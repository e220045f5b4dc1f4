import * as fs from 'fs';

// meetings: array of [start, end] pairs, each meeting occupies [start, end).
function minRooms(meetings: [number, number][]): number {
  // TODO: return the minimum number of rooms needed.
  return 0;
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter((t) => t.length > 0);
const n = Number(data[0]);
const meetings: [number, number][] = [];
for (let i = 0; i < n; i++) {
  meetings.push([Number(data[1 + 2 * i]), Number(data[2 + 2 * i])]);
}
console.log(String(minRooms(meetings)));
