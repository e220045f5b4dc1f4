import { inviteLink, isLoopbackName } from '../auth/index.ts';
import { configFromEnv, isLoopbackAddress, type ServerConfig } from '../config/index.ts';
import { isKodbroError } from '../errors.ts';
import { createDemoInvite, DEMO_EMAIL } from '../seed/index.ts';
import { startServer, type RunningServer } from './server.ts';

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
  // Made before the handlers, written after them: whoever starts the server may stop it as soon as it reads
  // that it runs, and a signal that came before the handlers would kill the process without its clean stop.
  const text = await banner(config, server);
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
  process.stdout.write(`${text}\n`);
}

/**
 * Where to go. The demo password and a candidate link are printed only when
 * the server listens on loopback: elsewhere the terminal's output may end up
 * in logs other people read, and the banner says where to find them instead.
 */
async function banner(config: ServerConfig, server: RunningServer): Promise<string> {
  if (config.role === 'worker') {
    return [
      '',
      `  Kodbro worker ${server.pool?.id ?? ''} is judging`,
      `  Health                 ${server.url}/health`,
      `  Docker                 ${process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'} ${server.dockerUp() ? 'answers' : 'NOT REACHABLE — jobs wait'}`,
      '  Stop with Ctrl+C.',
      '',
    ].join('\n');
  }
  const local = isLoopbackAddress(config.host);
  const lines = ['', `  Kodbro is running at   ${config.publicUrl}${config.role === 'web' ? '   (web process: judging is done by worker processes)' : ''}`];
  if (server.demo) {
    lines.push(`  Staff sign-in          ${config.publicUrl}/staff/login`, `      e-mail             ${DEMO_EMAIL}`);
    if (local) {
      const invite = await createDemoInvite(server.store);
      lines.push(
        `      password           ${config.demoPassword}`,
        `  Demo candidate link    ${inviteLink(config.publicUrl, invite.token)}`,
        `      or type the code   ${invite.invite.shortCode}  at ${config.publicUrl}/`,
      );
    } else {
      lines.push('      password           the KODBRO_DEMO_PASSWORD you set (not printed on a public HOST)', '  Demo candidate link    npm run kodbro -- demo-invite   (prints a link and a code)');
    }
  }
  if (config.role !== 'web') lines.push(`  Docker                 ${server.dockerUp() ? 'answers' : 'NOT REACHABLE — submissions wait in the queue'}`);
  lines.push(`  API description        ${config.publicUrl}/api/openapi.json`);
  if (!local && isLoopbackName(new URL(config.publicUrl).hostname)) {
    lines.push('', `  HOST=${config.host} serves others, but only requests for ${config.publicUrl} are answered:`, '  set KODBRO_PUBLIC_URL to the address people open (and KODBRO_ALLOWED_HOSTS for other names).');
  }
  lines.push('');
  if (server.demo && local) lines.push('  A new candidate link: npm run kodbro -- demo-invite');
  lines.push('  Stop with Ctrl+C.', '');
  return lines.join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`Kodbro could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
