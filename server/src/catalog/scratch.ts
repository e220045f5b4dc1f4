import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * This process's folder for work in progress — uploads being received,
 * packages being unpacked and bundled — `<dataDir>/tmp/<pid>-<random>/`.
 * Every job removes its own files when it ends, successful or not; what a
 * crash left behind is removed here, at the next start: the folder of any
 * process that no longer runs. (Another live process on the same data
 * folder keeps its own.)
 */
export async function openScratch(dataDir: string): Promise<string> {
  const root = path.join(dataDir, 'tmp');
  await mkdir(root, { recursive: true });
  for (const name of await readdir(root)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (!(pid > 0 && pid !== process.pid && alive(pid))) await rm(path.join(root, name), { recursive: true, force: true });
  }
  const dir = path.join(root, `${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { mode: 0o700 });
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
