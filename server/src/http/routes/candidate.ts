import type { Response } from 'express';
import { z } from 'zod';
import { CANDIDATE_COOKIE, newSessionSecret, resolveCandidate, type CandidateIdentity } from '../../auth/index.ts';
import {
  candidateAttemptSchema,
  candidateChallengeSchema,
  candidateSessionBodySchema,
  candidateSessionSchema,
  candidateSubmissionListSchema,
  candidateSubmissionSchema,
  createSubmissionBodySchema,
  draftAckSchema,
  idSchema,
  okSchema,
  saveDraftBodySchema,
} from '../../contracts/index.ts';
import { isInteractive, isTranscriptOnly } from '../../challenges/index.ts';
import type { Attempt } from '../../store/index.ts';
import { saveCandidateDraft } from '../../attempts/index.ts';
import { argumentsProblem, parseJson } from '../../signatures/index.ts';
import { attemptStatus, toCandidateChallenge } from '../../views/index.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { inviteLimiter } from '../limiters.ts';
import { requestCookie, route, withStatus } from '../route.ts';
import { clearSessionCookie, setSessionCookie } from './auth.ts';

const INVITE_NOT_VALID = 'This invite link or code is not valid. Check it, or ask the company for a new one.';

/** The attempt behind the session, started. */
function startedAttempt(candidate: CandidateIdentity): Attempt {
  if (!candidate.attempt) throw new ApiError('attempt_not_started', 'Start the assessment first');
  return candidate.attempt;
}

/** The attempt behind the session, started and still running by the server's clock. */
function runningAttempt(deps: AppDeps, candidate: CandidateIdentity): Attempt {
  const attempt = startedAttempt(candidate);
  if (attemptStatus(attempt, deps.clock()) !== 'in_progress') throw new ApiError('attempt_closed', 'The time for this assessment is over');
  return attempt;
}

export const candidateRoutes = [
  route({
    method: 'post',
    path: '/api/candidate/session',
    summary: "Opens the invite's attempt on this device with the link token or the short code; sets the candidate cookie",
    tag: 'candidate',
    access: 'public',
    body: candidateSessionBodySchema,
    status: 200,
    response: candidateSessionSchema,
    before: (deps) => inviteLimiter(deps.store, deps.config.codeLimit, 'code:'),
    async handler({ deps, body, req, res, log }) {
      const invite = 'token' in body ? await deps.store.findInviteByToken(body.token) : await deps.store.findInviteByShortCode(body.code);
      if (!invite || invite.revokedAt) {
        log.info({ event: 'invite_refused', by: 'token' in body ? 'token' : 'code' }, 'invite not valid');
        throw new ApiError('not_found', INVITE_NOT_VALID);
      }
      const attempt = invite.attemptId ? await deps.store.getAttempt({ attemptId: invite.attemptId }) : undefined;
      // The invite reopens the attempt on another device until it is finished; a device that has it keeps reading it.
      if (attemptStatus(attempt, deps.clock()) === 'finished') throw new ApiError('attempt_closed', 'This attempt is finished. Thank you for taking part!');
      // A browser that already holds this invite's session (the link opened again, another tab) keeps it:
      // no new row, and its other tabs keep their CSRF token. Other opens count against the invite's session cap.
      const current = await resolveCandidate(deps.store, requestCookie(req, CANDIDATE_COOKIE));
      if (current && current.invite.id === invite.id) return { csrfToken: current.session.csrfToken, attempt: await deps.reads.attempt(invite, attempt) };
      const secret = newSessionSecret();
      await deps.store.createSession({
        kind: 'candidate',
        idHash: secret.idHash,
        orgId: invite.orgId,
        inviteId: invite.id,
        csrfToken: secret.csrfToken,
        expiresAt: new Date(deps.clock().getTime() + deps.config.sessionMs),
      });
      setSessionCookie(res, deps, CANDIDATE_COOKIE, secret.id);
      return { csrfToken: secret.csrfToken, attempt: await deps.reads.attempt(invite, attempt) };
    },
  }),
  route({
    method: 'get',
    path: '/api/candidate/session',
    summary: "This device's candidate session: the attempt and the CSRF token",
    tag: 'candidate',
    access: 'candidate',
    status: 200,
    response: candidateSessionSchema,
    async handler({ deps, candidate }) {
      return { csrfToken: candidate.session.csrfToken, attempt: await deps.reads.attempt(candidate.invite, candidate.attempt) };
    },
  }),
  route({
    method: 'delete',
    path: '/api/candidate/session',
    summary: 'Forgets the attempt on this device (shared devices); the invite still opens it elsewhere',
    tag: 'candidate',
    access: 'candidate',
    status: 200,
    response: okSchema,
    async handler({ deps, candidate, res }) {
      await deps.store.deleteSession(candidate.session.idHash);
      deps.live.sessionEnded(candidate.session.idHash);
      clearSessionCookie(res, deps, CANDIDATE_COOKIE);
      return { ok: true as const };
    },
  }),
  route({
    method: 'post',
    path: '/api/candidate/attempt/start',
    summary: 'Starts the timer (or returns the attempt already started)',
    tag: 'candidate',
    access: 'candidate',
    body: z.strictObject({}).optional(),
    status: 200,
    response: candidateAttemptSchema,
    async handler({ deps, candidate }) {
      const started = await deps.store.startAttempt(candidate.invite.orgId, candidate.invite.id);
      if (!started.ok) {
        if (started.reason === 'not_open') throw new ApiError('not_open', 'This assessment has not opened yet');
        if (started.reason === 'closed') throw new ApiError('attempt_closed', 'This assessment has closed');
        throw new ApiError('not_found', INVITE_NOT_VALID);
      }
      const { attempt, created } = started.value;
      deps.live.attemptStarted(candidate.invite.id, attempt.id);
      if (created) deps.live.attemptChanged(attempt.orgId, attempt.id, 'started');
      return deps.reads.attempt({ ...candidate.invite, attemptId: attempt.id }, attempt);
    },
  }),
  route({
    method: 'post',
    path: '/api/candidate/attempt/finish',
    summary: 'Hands in: no more drafts or runs',
    tag: 'candidate',
    access: 'candidate',
    body: z.strictObject({}).optional(),
    status: 200,
    response: candidateAttemptSchema,
    async handler({ deps, candidate }) {
      const attempt = startedAttempt(candidate);
      const finished = (await deps.store.finishAttempt(attempt.id, 'candidate')) ?? attempt;
      if (!attempt.finishedAt) deps.live.attemptChanged(attempt.orgId, attempt.id, 'finished');
      return deps.reads.attempt(candidate.invite, finished);
    },
  }),
  route({
    method: 'get',
    path: '/api/candidate/challenges/:challengeVersionId',
    summary: 'A challenge of the attempt: statement, languages, starters and samples',
    tag: 'candidate',
    access: 'candidate',
    params: z.strictObject({ challengeVersionId: idSchema }),
    status: 200,
    response: candidateChallengeSchema,
    async handler({ deps, candidate, params }) {
      const attempt = startedAttempt(candidate);
      const challenge = await deps.catalog.forAttempt(attempt.id, params.challengeVersionId);
      if (!challenge) throw notFound('No such challenge in this assessment');
      return toCandidateChallenge(params.challengeVersionId, challenge, deps.config.judge);
    },
  }),
  route({
    method: 'put',
    path: '/api/candidate/drafts',
    summary: 'Saves a draft; a revision not above the stored one is refused with the stored draft',
    tag: 'candidate',
    access: 'candidate',
    body: saveDraftBodySchema,
    status: 200,
    response: draftAckSchema,
    async handler({ deps, candidate, body, res }) {
      const attempt = startedAttempt(candidate);
      return saveDraft(deps, attempt, body, res);
    },
  }),
  route({
    method: 'post',
    path: '/api/candidate/submissions',
    summary: 'Queues a run: submit (hidden tests, scored), samples, or custom input. Idempotent by the client-chosen id',
    tag: 'candidate',
    access: 'candidate',
    body: createSubmissionBodySchema,
    status: 202,
    response: candidateSubmissionSchema,
    async handler({ deps, candidate, body }) {
      const attempt = startedAttempt(candidate);
      // A retry of a request whose answer was lost finds the first, even after the deadline.
      const existing = await deps.store.getSubmission({ attemptId: attempt.id }, body.id);
      if (existing) return withStatus(200, await deps.reads.submission(attempt.id, existing));
      runningAttempt(deps, candidate);

      const challenge = await deps.catalog.forAttempt(attempt.id, body.challengeVersionId);
      if (!challenge) throw notFound('No such challenge in this assessment');
      if (!challenge.languages.includes(body.language)) throw new ApiError('language_not_allowed', `${body.language} is not allowed for this challenge`);
      if (body.kind === 'samples' && challenge.samples.every(isTranscriptOnly)) throw new ApiError('invalid_request', 'This challenge has no samples to run');
      if (body.kind === 'custom' && isInteractive(challenge)) {
        throw new ApiError('invalid_request', 'This challenge is interactive: your program talks with the judge, so it cannot run on your own input. Run the samples instead.');
      }
      // A function's custom input is its arguments: checked against the signature before anything runs.
      if (body.kind === 'custom' && challenge.signature) {
        const parsed = parseJson(body.customInput ?? '');
        const problem = parsed.ok ? argumentsProblem(challenge.signature, parsed.value) : `The arguments are ${parsed.reason}`;
        if (problem) throw new ApiError('invalid_request', `Your arguments do not fit ${challenge.signature.name}: ${problem}`);
      }

      const created = await deps.store.createSubmission(
        attempt.id,
        {
          id: body.id,
          challengeVersionId: body.challengeVersionId,
          kind: body.kind,
          language: body.language,
          source: body.source,
          customInput: body.customInput ?? null,
        },
        { runs: deps.config.runsPerMinute, windowMs: 60_000 },
      );
      if (!created.ok) {
        if (created.reason === 'rate_limited') throw new ApiError('rate_limited', `At most ${deps.config.runsPerMinute} runs a minute. Wait a moment and try again.`);
        if (created.reason === 'attempt_closed') throw new ApiError('attempt_closed', 'The time for this assessment is over');
        if (created.reason === 'id_taken') throw new ApiError('conflict', 'That submission id is already used; make a new one');
        if (created.reason === 'quota_exceeded') throw quotaExceeded(body.kind, created.limitBytes);
        throw notFound('No such challenge in this assessment');
      }
      const { submission } = created.value;
      if (created.value.created) {
        deps.wakeWorkers();
        deps.live.queued(attempt.orgId, attempt.id, submission.id);
      }
      return withStatus(created.value.created ? 202 : 200, await deps.reads.submission(attempt.id, submission));
    },
  }),
  route({
    method: 'get',
    path: '/api/candidate/submissions',
    summary: "The attempt's runs, oldest first, with what the candidate may see of each result",
    tag: 'candidate',
    access: 'candidate',
    status: 200,
    response: candidateSubmissionListSchema,
    async handler({ deps, candidate }) {
      const attempt = startedAttempt(candidate);
      return { submissions: await deps.reads.submissions(attempt.id) };
    },
  }),
  route({
    method: 'get',
    path: '/api/candidate/submissions/:submissionId',
    summary: 'One run of the attempt',
    tag: 'candidate',
    access: 'candidate',
    params: z.strictObject({ submissionId: idSchema }),
    status: 200,
    response: candidateSubmissionSchema,
    async handler({ deps, candidate, params }) {
      const attempt = startedAttempt(candidate);
      const submission = await deps.store.getSubmission({ attemptId: attempt.id }, params.submissionId);
      if (!submission) throw notFound('No such submission');
      return deps.reads.submission(attempt.id, submission);
    },
  }),
];

/** The run budget is spent: say what still works. */
function quotaExceeded(kind: 'submit' | 'samples' | 'custom', limitBytes: number): ApiError {
  const mb = (limitBytes / 1024 / 1024).toFixed(limitBytes < 10 * 1024 * 1024 ? 1 : 0);
  const message =
    kind === 'submit'
      ? `This attempt has stored all the submissions it may (${mb} MB of code and results). Your best submission of each task counts.`
      : `This attempt has stored all the test runs it may (${mb} MB of code, input and output). You can still submit your solution.`;
  return new ApiError('quota_exceeded', message, { limitBytes });
}

/** PUT /api/candidate/drafts; the socket's draft:save shares saveCandidateDraft. */
async function saveDraft(deps: AppDeps, attempt: Attempt, body: z.output<typeof saveDraftBodySchema>, res: Response) {
  const saved = await saveCandidateDraft(deps.store, attempt, body);
  if (!saved.ok) {
    if (saved.code === 'stale_draft') throw new ApiError('stale_draft', saved.message, { current: saved.current });
    if (saved.code === 'rate_limited') {
      res.setHeader('Retry-After', String(Math.ceil(saved.retryAfterMs / 1000)));
      throw new ApiError('rate_limited', saved.message, { retryAfterMs: saved.retryAfterMs });
    }
    throw new ApiError(saved.code, saved.message);
  }
  deps.live.draftSaved(attempt.id, saved.ack);
  return saved.ack;
}
