import type { TFunction } from 'i18next';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateAttempt, CandidateSubmission } from '@kodbro/server/contracts';
import { candidateApi } from '../api/candidate.ts';
import { attemptPrefix, deviceStore } from '../offline/index.ts';
import { focusAndAnnounce } from '../ui/Announcer.tsx';
import { LANGUAGE_NAMES, scoringRule, submissionOrigin, taskTitle, tasksInOrder } from './contract-view.ts';
import { formatDateTime } from './format.ts';
import { ShareResult } from './ShareResult.tsx';
import type { SubmittedCode } from './Workspace.tsx';

const POLL_MS = 3000;
const SETTLE_MS = 15_000;

/**
 * After finishing: per task, what was submitted, in which language and when
 * (in the reader's formats), the score where the assessment shows scores,
 * and which submission counts; then the button that removes everything of
 * this attempt from this device.
 */
export function Receipt({ attempt, csrf, onClear }: { attempt: CandidateAttempt; csrf: string; onClear: () => void }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [submissions, setSubmissions] = useState<CandidateSubmission[] | null>(null);
  const [code, setCode] = useState<Map<string, SubmittedCode>>(new Map());
  const [clearing, setClearing] = useState(false);

  useEffect(() => {
    focusAndAnnounce(heading.current);
  }, []);

  // Submissions still being judged, and for a little while those the server makes from the
  // last drafts when time runs out: asked again until there is nothing left to wait for.
  const [settling, setSettling] = useState(true);
  useEffect(() => {
    const done = setTimeout(() => setSettling(false), SETTLE_MS);
    return () => clearTimeout(done);
  }, []);
  const unfinished = settling || (submissions?.some((entry) => entry.status === 'queued' || entry.status === 'running') ?? true);
  useEffect(() => {
    if (!unfinished) return;
    const read = () =>
      candidateApi.submissions().then(
        (list) => setSubmissions(list.submissions.filter((entry) => entry.kind === 'submit')),
        () => setSubmissions((known) => known ?? []),
      );
    void read();
    const poll = setInterval(() => void read(), POLL_MS);
    return () => clearInterval(poll);
  }, [unfinished]);

  useEffect(() => {
    if (!attempt.startedAt) return;
    const prefix = `${attemptPrefix(attempt.startedAt)}submitted/`;
    deviceStore()
      .list<SubmittedCode>(prefix)
      .then((entries) => setCode(new Map(entries.map(([key, value]) => [key.slice(prefix.length), value]))), () => {});
  }, [attempt.startedAt]);

  const best = scoringRule(attempt) === 'best';
  return (
    <section className="receipt">
      <h2 ref={heading} tabIndex={-1}>
        {t('attempt.finishedTitle')}
      </h2>
      <p>{t('attempt.finishedInfo')}</p>
      {attempt.finishedAt && <p>{t('receipt.finishedAt', { time: formatDateTime(i18n.language, attempt.finishedAt) })}</p>}
      <p>{t(best ? 'receipt.bestCounts' : 'receipt.lastCounts')}</p>

      <h3>{t('receipt.title')}</h3>
      {submissions === null && <p role="status">{t('common.loading')}</p>}
      {submissions !== null &&
        tasksInOrder(attempt).map((task) => {
          const mine = submissions.filter((entry) => entry.challengeVersionId === task.challengeVersionId).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
          const counting = countingSubmission(mine, best);
          return (
            <article key={task.challengeVersionId} className="receipt-task">
              <h4>
                <bdi>{taskTitle(task, i18n.language)}</bdi>
              </h4>
              {mine.length === 0 ? (
                <p>{t('receipt.none')}</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('receipt.when')}</th>
                        <th scope="col">{t('workspace.programmingLanguage')}</th>
                        <th scope="col">{t('receipt.score')}</th>
                        <th scope="col">{t('receipt.note')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {mine.map((entry) => (
                        <tr key={entry.id}>
                          <td>
                            <bdi>{formatDateTime(i18n.language, entry.createdAt)}</bdi>
                          </td>
                          <td>
                            <bdi dir="ltr">{LANGUAGE_NAMES[entry.language]}</bdi>
                          </td>
                          <td>{scoreText(t, entry)}</td>
                          <td>
                            {[entry.id === counting?.id ? t('receipt.counts') : '', submissionOrigin(entry) === 'time_up' ? t('receipt.timeUp') : '']
                              .filter(Boolean)
                              .join(' · ')}
                            {code.get(entry.id) && (
                              <details>
                                <summary>{t('receipt.code')}</summary>
                                <pre className="output" dir="ltr" tabIndex={0}>
                                  {code.get(entry.id)?.source}
                                </pre>
                              </details>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </article>
          );
        })}

      <ShareResult attempt={attempt} csrf={csrf} />

      <div className="clear-device">
        <h3>{t('receipt.clearTitle')}</h3>
        <p>{t('receipt.clearInfo')}</p>
        <button
          type="button"
          className="primary"
          disabled={clearing}
          onClick={() => {
            setClearing(true);
            onClear();
          }}
        >
          {t('receipt.clear')}
        </button>
      </div>
    </section>
  );
}

/** The submission whose score counts: the best one (the earliest of equals), or the newest; unknown while scores are hidden. */
function countingSubmission(newestFirst: CandidateSubmission[], best: boolean): CandidateSubmission | undefined {
  if (!best) return newestFirst[0];
  const scored = newestFirst.filter((entry) => entry.result?.score !== undefined);
  if (scored.length === 0) return undefined;
  return scored.reduce((top, entry) => ((entry.result?.score ?? 0) >= (top.result?.score ?? 0) ? entry : top));
}

function scoreText(t: TFunction, entry: CandidateSubmission): ReactNode {
  if (entry.status === 'queued' || entry.status === 'running') return t('receipt.pending');
  const score = entry.result?.score;
  // Numbers alone: kept left to right inside right-to-left text ("40 / 100", never "100 / 40").
  return score === undefined ? t('receipt.hidden') : <bdi dir="ltr">{score} / 100</bdi>;
}
