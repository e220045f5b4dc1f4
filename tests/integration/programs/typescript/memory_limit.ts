// Buffers live outside V8's heap, so V8's own limit never stops this: the
// kernel's OOM killer does, at the container's memory limit.
import * as fs from 'fs';

fs.readFileSync(0, 'utf8');
const chunks: Buffer[] = [];
while (chunks.length < 4096) chunks.push(Buffer.alloc(1 << 20, (chunks.length % 251) + 1));
console.log(chunks.length);
