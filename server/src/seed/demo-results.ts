import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LanguageId } from '../contracts/index.ts';
import { REPO_ROOT } from '../config/index.ts';
import { openStore, type Assessment, type AttemptId, type OrgId, type Store, type StoreQuotas } from '../store/index.ts';
import { SAMPLE_CHALLENGES_DIR } from './demo.ts';

export const FINISHED_DEMO_TITLE = 'Demo round (finished)';
const FINISHED_DEMO_CHALLENGES = ['log-aggregation', 'meeting-rooms'];
const DEMO_CODE_DIR = path.join(REPO_ROOT, 'server/src/seed/demo-code');

/** One step of a scripted candidate: what they did, and how many seconds after the step before. */
type Step =
  | { after: number; save: { task: number; language: LanguageId; source: string } }
  | { after: number; paste: { task: number; language: LanguageId; chars: number } }
  | { after: number; run: { task: number; language: LanguageId; source: string; kind: 'submit' | 'samples' } }
  | { after: number; connection: 'disconnected' | 'reconnected' };

interface ScriptedCandidate {
  name: string;
  /** Minutes after the assessment opened that they started. */
  startsAfter: number;
  steps: Step[];
}

/**
 * A finished demo assessment with a few candidates who did it two days ago,
 * so a newcomer sees a full dashboard and report at once: one who wrote her
 * solution step by step (with a lost connection: a replay worth watching),
 * one whose C++ passes one task and fails the other, a pair whose solutions
 * are one program renamed and reordered (one pasted it in), and one invited
 * who never started. Their submissions are queued like any other and judged
 * by the workers, for real, once Docker answers.
 *
 * The candidates act on a second handle to the same database whose clock is
 * the script's, so every save, run and event carries its time in the past.
 * Made once: an organisation that has the assessment is left alone.
 */
export async function seedDemoResults(options: { dataDir: string; databaseUrl?: string | undefined; quotas?: Partial<StoreQuotas>; orgId: OrgId; now: Date }): Promise<boolean> {
  let scripted = new Date(options.now.getTime() - 2 * 24 * 60 * 60_000);
  const store = await openStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, clock: () => scripted, ...(options.quotas ? { quotas: options.quotas } : {}) });
  try {
    if ((await store.listAssessments(options.orgId)).some((a) => a.title === FINISHED_DEMO_TITLE)) return false;
    const assessment = await createFinishedAssessment(store, options.orgId, options.now);
    const candidates = await scriptedCandidates();
    for (const candidate of candidates) {
      scripted = new Date(assessment.opensAt.getTime() + candidate.startsAfter * 60_000);
      await play(store, options.orgId, assessment, candidate, (seconds) => (scripted = new Date(scripted.getTime() + seconds * 1000)));
    }
    const invited = await store.createInvite(options.orgId, assessment.id, { candidateName: 'Sara Lind', contact: 'sara.lind@example.org' });
    if (!invited.ok) throw new Error(`Could not invite the demo candidate: ${invited.reason}`);
    return true;
  } finally {
    await store.close();
  }
}

async function createFinishedAssessment(store: Store, orgId: OrgId, now: Date): Promise<Assessment> {
  const challenges = await store.listChallenges(orgId);
  const ids = FINISHED_DEMO_CHALLENGES.map((slug) => challenges.find((c) => c.slug === slug)?.id).filter((id): id is string => id !== undefined);
  const day = 24 * 60 * 60_000;
  const created = await store.createAssessment(orgId, {
    title: FINISHED_DEMO_TITLE,
    challengeIds: ids,
    timeLimitMinutes: 90,
    opensAt: new Date(now.getTime() - 3 * day),
    closesAt: new Date(now.getTime() - day),
    resultsVisibility: 'aggregate',
  });
  if (!created.ok) throw new Error(`Could not create the finished demo assessment: ${created.reason}`);
  return created.value;
}

async function play(store: Store, orgId: OrgId, assessment: Assessment, candidate: ScriptedCandidate, wait: (seconds: number) => void): Promise<void> {
  const invite = await store.createInvite(orgId, assessment.id, { candidateName: candidate.name });
  if (!invite.ok) throw new Error(`Could not invite ${candidate.name}: ${invite.reason}`);
  const started = await store.startAttempt(orgId, invite.value.invite.id);
  if (!started.ok) throw new Error(`Could not start ${candidate.name}'s attempt: ${started.reason}`);
  const attemptId: AttemptId = started.value.attempt.id;
  const task = (index: number) => assessment.challenges[index]!.challengeVersionId;
  const revisions = new Map<string, number>();
  for (const step of candidate.steps) {
    wait(step.after);
    if ('save' in step) {
      const key = `${step.save.task}/${step.save.language}`;
      const revision = (revisions.get(key) ?? 0) + 1;
      revisions.set(key, revision);
      const saved = await store.saveDraft(attemptId, { challengeVersionId: task(step.save.task), language: step.save.language, source: step.save.source, revision });
      if (!saved.ok) throw new Error(`A demo draft was refused: ${saved.reason}`);
    } else if ('paste' in step) {
      await store.appendEvent(attemptId, 'pasted', { challengeVersionId: task(step.paste.task), language: step.paste.language, chars: step.paste.chars });
    } else if ('run' in step) {
      const run = await store.createSubmission(attemptId, { id: randomUUID(), challengeVersionId: task(step.run.task), kind: step.run.kind, language: step.run.language, source: step.run.source });
      if (!run.ok) throw new Error(`A demo submission was refused: ${run.reason}`);
    } else {
      await store.appendEvent(attemptId, step.connection);
    }
  }
  wait(60);
  await store.finishAttempt(attemptId);
}

/** The scripts, from the sample solutions and two files of demo code (a copied pair). */
async function scriptedCandidates(): Promise<ScriptedCandidate[]> {
  const solution = (slug: string, file: string) => readFile(path.join(SAMPLE_CHALLENGES_DIR, slug, 'solutions', file), 'utf8');
  const [logPy, logCpp, roomsPy, roomsWrong, olena, ahmad] = await Promise.all([
    solution('log-aggregation', 'accepted.py'),
    solution('log-aggregation', 'accepted.cpp'),
    solution('meeting-rooms', 'accepted.py'),
    solution('meeting-rooms', 'wrong.py'),
    readFile(path.join(DEMO_CODE_DIR, 'olena-log.py'), 'utf8'),
    readFile(path.join(DEMO_CODE_DIR, 'ahmad-log.py'), 'utf8'),
  ]);
  return [
    { name: 'Amina Yusuf', startsAfter: 30, steps: [...typedStepByStep(0, 'python', logPy), ...typedStepByStep(1, 'python', roomsPy)] },
    {
      name: 'Dawit Tesfay',
      startsAfter: 45,
      steps: [
        { after: 240, save: { task: 0, language: 'cpp', source: logCpp } },
        { after: 20, run: { task: 0, language: 'cpp', source: logCpp, kind: 'submit' } },
        { after: 600, save: { task: 1, language: 'python', source: roomsWrong } },
        { after: 15, run: { task: 1, language: 'python', source: roomsWrong, kind: 'submit' } },
      ],
    },
    {
      name: 'Olena Kovalenko',
      startsAfter: 50,
      steps: [...typedStepByStep(0, 'python', olena)],
    },
    {
      name: 'Ahmad Rahimi',
      startsAfter: 55,
      steps: [
        { after: 300, save: { task: 0, language: 'python', source: 'import sys\n' } },
        { after: 900, paste: { task: 0, language: 'python', chars: ahmad.length } },
        { after: 1, save: { task: 0, language: 'python', source: ahmad } },
        { after: 30, run: { task: 0, language: 'python', source: ahmad, kind: 'submit' } },
      ],
    },
  ];
}

/**
 * A program written the way people write: a few lines at a time, a sample
 * run halfway, a lost connection for two minutes, then the submission.
 */
function typedStepByStep(task: number, language: LanguageId, source: string): Step[] {
  const lines = source.split('\n');
  const steps: Step[] = [];
  const chunk = Math.max(2, Math.ceil(lines.length / 10));
  for (let end = chunk; end < lines.length + chunk; end += chunk) {
    const text = lines.slice(0, Math.min(end, lines.length)).join('\n');
    steps.push({ after: 45 + ((end * 17) % 50), save: { task, language, source: text } });
    if (end === chunk * 5) steps.push({ after: 30, connection: 'disconnected' }, { after: 130, connection: 'reconnected' });
  }
  steps.push({ after: 20, run: { task, language, source, kind: 'samples' } }, { after: 40, run: { task, language, source, kind: 'submit' } });
  return steps;
}
