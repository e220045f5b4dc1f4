import { inviteLink } from '../auth/index.ts';
import { configFromEnv, type ServerConfig } from '../config/index.ts';
import { isKodbroError } from '../errors.ts';
import { createDemoInvite, DEMO_EMAIL } from '../seed/index.ts';
import { startServer } from './server.ts';

/**
 * `npm start`: reads the configuration, starts everything, and prints where
 * to go. SIGINT/SIGTERM stop it cleanly: no new requests or jobs, running
 * jobs finish within KODBRO_SHUTDOWN_GRACE_MS or are stopped (containers
 * removed) and re-queued untried, then the store closes and the process exits
 * 0. A second signal exits at once; like a SIGKILL it loses nothing — the
 * next start re-queues what was running.
 */
async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = configFromEnv();
  } catch (error) {
    process.stderr.write(`${isKodbroError(error) ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const server = await startServer(config);
  if (server.demo) {
    const invite = await createDemoInvite(server.store);
    const link = inviteLink(config.publicUrl, invite.token);
    process.stdout.write(
      [
        '',
        `  Kodbro is running at   ${config.publicUrl}`,
        `  Staff sign-in          ${config.publicUrl}/staff/login`,
        `      e-mail             ${DEMO_EMAIL}`,
        `      password           ${config.demoPassword}`,
        `  Demo candidate link    ${link}`,
        `      or type the code   ${invite.invite.shortCode}  at ${config.publicUrl}/`,
        `  Docker                 ${server.dockerUp() ? 'answers' : 'NOT REACHABLE — submissions wait in the queue'}`,
        `  API description        ${config.publicUrl}/api/openapi.json`,
        '',
        '  A new candidate link: npm run kodbro -- demo-invite',
        '  Stop with Ctrl+C.',
        '',
      ].join('\n') + '\n',
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      server.logger.warn({ signal }, 'second signal: exiting now (running jobs are re-queued at the next start)');
      process.exit(1);
    }
    stopping = true;
    server.logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping: no new requests or jobs; running jobs get the grace time, then go back to the queue');
    server.close().then(
      () => {
        server.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        server.logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Kodbro could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
