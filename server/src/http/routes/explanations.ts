import { EXPLAIN_LIMITS, explainQuestionsFor, explanationListSchema, explanationViewSchema, saveExplanationSchema, type ExplanationView } from '../../contracts/index.ts';
import { ROLES_FOR } from '../../auth/index.ts';
import type { Explanation } from '../../store/index.ts';
import { ApiError, notFound } from '../errors.ts';
import { route } from '../route.ts';
import { attemptParams, attemptScopeOf } from './assessments.ts';

const toView = (explanation: Explanation): ExplanationView => ({
  challengeVersionId: explanation.challengeVersionId,
  language: explanation.language,
  questions: explanation.questions,
  answers: explanation.answers,
  updatedAt: explanation.updatedAt.toISOString(),
});

/**
 * "Explain your solution": the candidate answers a challenge's questions
 * after submitting it, while the attempt runs and for a while after it ended
 * (so a last-second submission can still be explained); staff read them.
 */
export const explanationRoutes = [
  route({
    method: 'get',
    path: '/api/candidate/explanations',
    summary: "The candidate's own answers to the challenges' questions",
    tag: 'candidate',
    access: 'candidate',
    status: 200,
    response: explanationListSchema,
    async handler({ deps, candidate }) {
      if (!candidate.attempt) return { explanations: [] };
      return { explanations: (await deps.store.listExplanations({ attemptId: candidate.attempt.id })).map(toView) };
    },
  }),
  route({
    method: 'put',
    path: '/api/candidate/explanations',
    summary: "Saves the candidate's answers to one challenge's questions (after a submission of it; replaces earlier answers)",
    tag: 'candidate',
    access: 'candidate',
    body: saveExplanationSchema,
    status: 200,
    response: explanationViewSchema,
    async handler({ deps, candidate, body }) {
      const attempt = candidate.attempt;
      if (!attempt) throw new ApiError('attempt_not_started', 'Start the assessment first');
      const ended = attempt.finishedAt ?? (attempt.deadlineAt <= deps.clock() ? attempt.deadlineAt : null);
      if (ended && deps.clock().getTime() - ended.getTime() > EXPLAIN_LIMITS.windowAfterEndMs) {
        throw new ApiError('attempt_closed', `Answers can be written until ${EXPLAIN_LIMITS.windowAfterEndMs / 60_000} minutes after the assessment ended`);
      }
      const challenge = await deps.catalog.forAttempt(attempt.id, body.challengeVersionId);
      if (!challenge) throw notFound('No such challenge in this assessment');
      const asked = explainQuestionsFor(challenge.explain, body.language);
      if (!asked) throw new ApiError('invalid_request', 'This challenge asks no questions');
      if (body.answers.length !== asked.questions.length) {
        throw new ApiError('invalid_request', `Send one answer for each of the ${asked.questions.length} questions`, { issues: [{ path: 'body.answers', message: `${asked.questions.length} answers expected` }] });
      }
      const submitted = (await deps.store.listSubmissions({ attemptId: attempt.id })).some((s) => s.kind === 'submit' && s.challengeVersionId === body.challengeVersionId);
      if (!submitted) throw new ApiError('invalid_request', 'Submit a solution to this challenge first');
      const saved = await deps.store.saveExplanation(attempt.id, {
        challengeVersionId: body.challengeVersionId,
        language: asked.language,
        questions: [...asked.questions],
        answers: body.answers.map((answer) => answer.trim()),
      });
      if (!saved) throw notFound('No such attempt');
      return toView(saved);
    },
  }),
  route({
    method: 'get',
    path: '/api/attempts/:attemptId/explanations',
    summary: "A candidate's answers to the challenges' questions, with the questions as they were asked",
    tag: 'attempts',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: attemptParams,
    status: 200,
    response: explanationListSchema,
    async handler({ deps, staff, params }) {
      const { scope } = await attemptScopeOf(deps.store, staff.user.orgId, params.attemptId);
      return { explanations: (await deps.store.listExplanations(scope)).map(toView) };
    },
  }),
];
