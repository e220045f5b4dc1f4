import { existsSync } from 'node:fs';
import path from 'node:path';
import { inviteLink } from '../auth/index.ts';
import { configFromEnv } from '../config/index.ts';
import { createDemoInvite } from '../seed/index.ts';
import { openStore, SQLITE_FILE_NAME } from '../store/index.ts';

/**
 * `demo-invite`: a fresh candidate link (and short code) for the demo
 * assessment, written straight into the store under KODBRO_DATA_DIR — it
 * works whether or not the server is running (SQLite in WAL mode shares;
 * PostgreSQL when KODBRO_DATABASE_URL says so).
 */
export async function demoInviteCommand(log: (line: string) => void): Promise<number> {
  const config = configFromEnv();
  if (!config.databaseUrl && !existsSync(path.join(config.dataDir, SQLITE_FILE_NAME))) {
    log(`kodbro: no Kodbro data in ${config.dataDir} yet: run \`npm start\` once first (or set KODBRO_DATA_DIR)`);
    return 1;
  }
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const created = await createDemoInvite(store);
    process.stdout.write(`${inviteLink(config.publicUrl, created.token)}\n`);
    log(`short code: ${created.invite.shortCode} (type it at ${config.publicUrl}/)`);
    return 0;
  } catch (error) {
    log(`kodbro: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await store.close();
  }
}
