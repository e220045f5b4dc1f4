import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { z } from 'zod';
import { saveCandidateDraft } from '../attempts/index.ts';
import type { CandidateReads } from '../attempts/index.ts';
import { CANDIDATE_COOKIE, csrfMatches, holdsAnyRole, resolveCandidate, resolveStaff, ROLES_FOR, STAFF_COOKIE, type CandidateIdentity, type OriginPolicy, type StaffIdentity } from '../auth/index.ts';
import { clientEvents, type ClientEventName, type TimerEvent } from '../contracts/index.ts';
import type { Attempt, Store } from '../store/index.ts';
import { attemptStatus } from '../views/index.ts';
import { assessmentRoom, attemptRoom, inviteRoom, sessionRoom, type Live } from './live.ts';

/** What the sockets need from the composition root (the HTTP layer's deps are a superset). */
export interface SocketDeps {
  store: Store;
  reads: CandidateReads;
  live: Live;
  origin: OriginPolicy;
  clock: () => Date;
}

/** How often each socket's session is looked at again, and the server's clock sent to each candidate. */
const TIMER_INTERVAL_MS = 5000;
/** setTimeout's largest delay; a later expiry is left to the re-check timer. */
const MAX_TIMEOUT_MS = 2_147_483_647;
/** socket.io's own cap on one message: a draft is at most 256 KB of source. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** More pastes than a person makes in an attempt: past it, one connection records no more (reconnecting starts again, bounded by the history cap). */
const MAX_PASTES_PER_SOCKET = 500;

type Identity = { kind: 'staff'; staff: StaffIdentity } | { kind: 'candidate'; candidate: CandidateIdentity };
type Ack = (reply: unknown) => void;

/**
 * socket.io on the HTTP server. The handshake must carry a session cookie and
 * that session's CSRF token (`auth.csrfToken`) and come from our own origin.
 * A candidate's socket joins its invite's and its attempt's rooms only; a
 * staff socket the rooms of the assessments it watches, each checked to be
 * its organisation's. Every client payload is
 * parsed with the shared schemas; a bad one gets an error ack, never a crash.
 */
export function attachSockets(httpServer: HttpServer, deps: SocketDeps, log: Logger, adapter?: Partial<ServerOptions>['adapter']): Server {
  const io = new Server(httpServer, {
    serveClient: false,
    // Grown mode: rooms span processes (grown/socket-adapter.ts).
    ...(adapter ? { adapter } : {}),
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // The handshake is where a rebound name or a foreign page would get in: Host and Origin are both ours, or nothing.
    allowRequest: (req, callback) => callback(null, deps.origin.hostAllowed(req.headers.host) && deps.origin.originAllowed(req.headers.origin)),
  });
  const disconnected = new Set<string>();

  io.use(async (socket, next) => {
    try {
      const identity = await identify(deps, socket);
      if (!identity) return next(new Error('unauthenticated'));
      (socket.data as { identity?: Identity }).identity = identity;
      next();
    } catch (error) {
      log.warn({ err: error }, 'socket handshake failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    const identity = (socket.data as { identity: Identity }).identity;
    if (identity.kind === 'staff') onStaff(socket, identity.staff);
    else onCandidate(socket, identity.candidate);
  });

  /**
   * A staff socket keeps only the authority its session still has: before
   * every event and on a timer the session must exist, be unexpired and
   * belong to a user who may read attempts (the HTTP routes' rule). A session
   * that ended or expired disconnects the socket (logout does so at once,
   * through the session's room); a user who lost the role leaves every
   * assessment room and is refused further watching.
   */
  function onStaff(socket: Socket, first: StaffIdentity) {
    void socket.join(sessionRoom(first.session.idHash));
    const current = async (): Promise<StaffIdentity | undefined> => {
      const again = await resolveStaff(deps.store, cookieOf(socket, STAFF_COOKIE));
      return again && again.session.idHash === first.session.idHash ? again : undefined;
    };
    const mayWatch = (staff: StaffIdentity) => holdsAnyRole(staff.user.roles, ROLES_FOR.readAttempts);
    const recheck = async (): Promise<StaffIdentity | undefined> => {
      const staff = await current();
      if (!staff) {
        socket.disconnect(true);
        return undefined;
      }
      if (!mayWatch(staff)) await leaveAssessments(socket);
      return staff;
    };

    const timer = setInterval(() => void recheck().catch((error: unknown) => log.warn({ err: error }, 'staff socket re-check failed')), TIMER_INTERVAL_MS);
    timer.unref();
    // The timer would notice within seconds; the session's own end is known to the millisecond.
    const expiry = setTimeout(() => socket.disconnect(true), Math.min(Math.max(0, first.session.expiresAt.getTime() - deps.clock().getTime()), MAX_TIMEOUT_MS));
    expiry.unref();
    socket.on('disconnect', () => {
      clearInterval(timer);
      clearTimeout(expiry);
    });

    handle(socket, 'assessment:watch', async ({ assessmentId }) => {
      const staff = await recheck();
      if (!staff) return { ok: false, error: { code: 'unauthenticated', message: 'The session has ended' } };
      if (!mayWatch(staff)) return { ok: false, error: { code: 'forbidden', message: `Watching needs the ${ROLES_FOR.readAttempts.join(' or ')} role` } };
      const assessment = await deps.store.getAssessment(staff.user.orgId, assessmentId);
      if (!assessment) return { ok: false, error: { code: 'not_found', message: 'No such assessment' } };
      await socket.join(assessmentRoom(assessment.id));
      return { ok: true, value: { attempts: (await deps.store.listAttempts(staff.user.orgId, assessment.id)).length } };
    });
    handle(socket, 'assessment:unwatch', async ({ assessmentId }) => {
      await socket.leave(assessmentRoom(assessmentId));
      return { ok: true, value: {} };
    });
    refuseOthers(socket, ['draft:save', 'attempt:sync', 'editor:pasted']);
  }

  function onCandidate(socket: Socket, first: CandidateIdentity) {
    // The attempt may start after the socket connected: look it up again when needed.
    const current = async (): Promise<CandidateIdentity | undefined> => {
      const again = await resolveCandidate(deps.store, cookieOf(socket, CANDIDATE_COOKIE));
      return again && again.session.idHash === first.session.idHash ? again : undefined;
    };
    const joinAttempt = async (attempt: Attempt | undefined) => {
      if (attempt) await socket.join(attemptRoom(attempt.id));
    };

    const sync = async (attempt: Attempt | undefined) => {
      socket.emit('timer', timerEvent(attempt, deps.clock()));
      if (!attempt) return 0;
      const submissions = await deps.reads.submissions(attempt.id);
      for (const submission of submissions) {
        socket.emit('submission:progress', {
          submissionId: submission.id,
          kind: submission.kind,
          stage: submission.status === 'running' ? 'compiling' : submission.status,
          position: submission.queuePosition,
          submission,
        });
      }
      return submissions.length;
    };

    void (async () => {
      await socket.join(sessionRoom(first.session.idHash));
      await socket.join(inviteRoom(first.invite.id));
      await joinAttempt(first.attempt);
      await sync(first.attempt);
      const attempt = first.attempt;
      if (attempt && disconnected.delete(attempt.id) && attemptStatus(attempt, deps.clock()) === 'in_progress') {
        await deps.store.appendEvent(attempt.id, 'reconnected');
        deps.live.attemptChanged(attempt.orgId, attempt.id, 'reconnected');
      }
    })().catch((error: unknown) => log.warn({ err: error }, 'socket resume failed'));

    const timer = setInterval(() => {
      current()
        .then((identity) => {
          if (!identity) return socket.disconnect(true);
          socket.emit('timer', timerEvent(identity.attempt, deps.clock()));
        })
        .catch(() => {});
    }, TIMER_INTERVAL_MS);
    timer.unref();

    handle(socket, 'attempt:sync', async () => {
      const identity = await current();
      if (!identity) return { ok: false, error: { code: 'unauthenticated', message: 'The session has ended' } };
      await joinAttempt(identity.attempt);
      return { ok: true, value: { submissions: await sync(identity.attempt) } };
    });
    handle(socket, 'draft:save', async (body) => {
      const identity = await current();
      if (!identity) return { ok: false, error: { code: 'unauthenticated', message: 'The session has ended' } };
      if (!identity.attempt) return { ok: false, error: { code: 'attempt_not_started', message: 'Start the assessment first' } };
      const saved = await saveCandidateDraft(deps.store, identity.attempt, body);
      if (!saved.ok) {
        const extra = saved.code === 'stale_draft' ? { current: saved.current } : saved.code === 'rate_limited' ? { retryAfterMs: saved.retryAfterMs } : {};
        return { ok: false, error: { code: saved.code, message: saved.message }, ...extra };
      }
      deps.live.draftSaved(identity.attempt.id, saved.ack);
      return { ok: true, value: saved.ack };
    });
    // Pastes are only marks in the replay: a socket that sends more than a person could is not recorded further.
    let pastes = 0;
    handle(socket, 'editor:pasted', async (pasted) => {
      const identity = await current();
      if (!identity) return { ok: false, error: { code: 'unauthenticated', message: 'The session has ended' } };
      const attempt = identity.attempt;
      if (!attempt || attemptStatus(attempt, deps.clock()) !== 'in_progress') return { ok: false, error: { code: 'attempt_not_started', message: 'No attempt in progress' } };
      if (++pastes > MAX_PASTES_PER_SOCKET) return { ok: false, error: { code: 'rate_limited', message: 'Too many pastes recorded from this connection' } };
      await deps.store.appendEvent(attempt.id, 'pasted', pasted);
      return { ok: true, value: {} };
    });
    refuseOthers(socket, ['assessment:watch', 'assessment:unwatch']);

    socket.on('disconnect', () => {
      clearInterval(timer);
      void (async () => {
        const identity = await current();
        const attempt = identity?.attempt;
        if (!attempt || attemptStatus(attempt, deps.clock()) !== 'in_progress') return;
        // Another device (or tab) of the same attempt may still be connected.
        if ((await io.in(attemptRoom(attempt.id)).fetchSockets()).length > 0) return;
        disconnected.add(attempt.id);
        await deps.store.appendEvent(attempt.id, 'disconnected');
        deps.live.attemptChanged(attempt.orgId, attempt.id, 'disconnected');
      })().catch((error: unknown) => log.warn({ err: error }, 'recording a disconnect failed'));
    });
  }

  /** Registers a client event whose payload is parsed first; errors become error acks. */
  function handle<N extends ClientEventName>(
    socket: Socket,
    name: N,
    work: (payload: z.output<(typeof clientEvents)[N]['payload']>) => Promise<z.input<(typeof clientEvents)[N]['ack']>>,
  ) {
    // socket.io's event typing cannot follow our generic name: widen it.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    socket.on(name as string, async (...args: unknown[]) => {
      const { reply, rest } = splitAck(args);
      if (rest.length > 1) return reply({ ok: false, error: { code: 'invalid_request', message: 'Send one payload' } });
      const parsed = clientEvents[name].payload.safeParse(rest[0]);
      if (!parsed.success) {
        return reply({ ok: false, error: { code: 'invalid_request', message: parsed.error.issues[0]?.message ?? 'Invalid payload' } });
      }
      try {
        reply(await work(parsed.data as z.output<(typeof clientEvents)[N]['payload']>));
      } catch (error) {
        log.error({ err: error, event: name }, 'socket event failed');
        reply({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side' } });
      }
    });
  }

  /** Events of the other audience are answered with `forbidden`. */
  function refuseOthers(socket: Socket, names: ClientEventName[]) {
    for (const name of names) {
      socket.on(name, (...args: unknown[]) => splitAck(args).reply({ ok: false, error: { code: 'forbidden', message: 'Not allowed' } }));
    }
  }

  /**
   * socket.io passes the acknowledgement callback as the LAST argument, after
   * however many the client sent (none, one, several): take it from there,
   * so a missing payload or extra arguments still get their error ack.
   */
  function splitAck(args: unknown[]): { reply: Ack; rest: unknown[] } {
    const last = args.at(-1);
    return typeof last === 'function' ? { reply: last as Ack, rest: args.slice(0, -1) } : { reply: () => {}, rest: args };
  }

  return io;
}

/** Leaves every assessment room: what a staff socket hears once its user may no longer read attempts. */
async function leaveAssessments(socket: Socket): Promise<void> {
  for (const room of [...socket.rooms]) if (room.startsWith(assessmentRoom(''))) await socket.leave(room);
}

function timerEvent(attempt: Attempt | undefined, now: Date): TimerEvent {
  return {
    serverNow: now.toISOString(),
    deadlineAt: attempt?.deadlineAt.toISOString() ?? null,
    remainingMs: attempt ? Math.max(0, attempt.deadlineAt.getTime() - now.getTime()) : null,
    status: attemptStatus(attempt, now),
  };
}

/** The session behind the handshake: whichever cookie's session the CSRF token belongs to. */
async function identify(deps: SocketDeps, socket: Socket): Promise<Identity | undefined> {
  const token = (socket.handshake.auth as { csrfToken?: unknown } | undefined)?.csrfToken;
  if (typeof token !== 'string') return undefined;
  const candidate = await resolveCandidate(deps.store, cookieOf(socket, CANDIDATE_COOKIE));
  if (candidate && csrfMatches(candidate.session, token)) return { kind: 'candidate', candidate };
  const staff = await resolveStaff(deps.store, cookieOf(socket, STAFF_COOKIE));
  if (staff && csrfMatches(staff.session, token)) return { kind: 'staff', staff };
  return undefined;
}

function cookieOf(socket: Socket, name: string): string | undefined {
  const header = socket.handshake.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
