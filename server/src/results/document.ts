import { countedScores, judgeResultSchema, type ResultDocument } from '../contracts/index.ts';
import type { Assessment, Submission } from '../store/index.ts';

/** Every task is scored out of 100 (judging's score range). */
const TASK_MAX_SCORE = 100;

interface ResultFacts {
  resultId: string;
  issuer: string;
  organisationName: string;
  assessment: Pick<Assessment, 'title' | 'challenges'>;
  candidateName: string | null;
  submissions: readonly Pick<Submission, 'challengeVersionId' | 'kind' | 'status' | 'result'>[];
  finishedAt: Date;
  issuedAt: Date;
}

/**
 * The document a shared result signs: each task in the candidate's order with
 * the score that counts (the same rule as the staff total and the receipt,
 * contracts/scoring.ts) out of its maximum, a task without a judged
 * submission as 0, and the sums.
 */
export function buildResultDocument(facts: ResultFacts): ResultDocument {
  const counted = countedScores(
    facts.submissions.map((submission) => ({ challengeVersionId: submission.challengeVersionId, kind: submission.kind, score: judgedScore(submission) })),
  );
  const challenges = [...facts.assessment.challenges]
    .sort((a, b) => a.position - b.position)
    .map((task) => ({ title: task.title, score: counted.get(task.challengeVersionId) ?? 0, max: TASK_MAX_SCORE }));
  return {
    kind: 'kodbro-result',
    version: 1,
    resultId: facts.resultId,
    issuer: facts.issuer,
    organisation: { name: facts.organisationName },
    assessment: { title: facts.assessment.title },
    candidate: { name: facts.candidateName },
    challenges,
    total: challenges.reduce((sum, task) => sum + task.score, 0),
    max: challenges.reduce((sum, task) => sum + task.max, 0),
    finishedAt: facts.finishedAt.toISOString(),
    issuedAt: facts.issuedAt.toISOString(),
  };
}

function judgedScore(submission: Pick<Submission, 'status' | 'result'>): number | undefined {
  if (submission.status !== 'done') return undefined;
  const parsed = judgeResultSchema.safeParse(submission.result);
  return parsed.success ? parsed.data.score : undefined;
}
