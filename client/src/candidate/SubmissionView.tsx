import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CandidateResult, CandidateSubmission, ProgressEvent } from '@kodbro/server/contracts';
import { formatsFor } from '../i18n/index.ts';

/**
 * One run or submission: its live progress while it runs, then the result as
 * the server gave it (verdict, score, per-sample details). Hidden tests only
 * ever arrive as aggregates; nothing here asks for more.
 */
export function SubmissionView({ submission, progress, asSummary }: { submission: CandidateSubmission; progress: ProgressEvent | undefined; asSummary?: boolean }) {
  const { t, i18n } = useTranslation();
  const time = formatsFor(i18n.language).time(submission.createdAt);
  const verdict = submission.result?.verdict;
  const heading = (
    <>
      {t(`workspace.kind_${submission.kind}`)} · <span dir="ltr">{time}</span>
      {asSummary && verdict ? ` · ${t(`verdict.${verdict}`)}` : ''}
      {asSummary && submission.result?.score !== undefined ? ` · ${submission.result.score}/100` : ''}
    </>
  );
  const finished = submission.status === 'done' || submission.status === 'failed';
  const body = (
    <>
      <p className="progress" role="status" aria-live="polite" aria-atomic="true">
        {finished && submission.status === 'done' ? '' : progressText(t, submission, progress)}
      </p>
      {submission.result && <ResultView result={submission.result} kind={submission.kind} />}
    </>
  );
  if (asSummary) {
    return (
      <>
        <summary>{heading}</summary>
        {body}
      </>
    );
  }
  return (
    <article className="submission">
      <h4>{heading}</h4>
      {body}
    </article>
  );
}

export function progressText(t: TFunction, submission: CandidateSubmission, event: ProgressEvent | undefined): string {
  if (submission.status === 'failed') return t('progress.failed');
  if (submission.status === 'done') return t('progress.done');
  const stage = event?.stage ?? (submission.status === 'queued' ? 'queued' : 'running');
  switch (stage) {
    case 'queued': {
      // `position` counts the jobs ahead: 0 means this one is next.
      const ahead = event?.position ?? submission.queuePosition;
      return ahead ? t('progress.queued', { position: ahead + 1 }) : t('progress.queuedNext');
    }
    case 'compiling':
      return t('progress.compiling');
    case 'testing':
      // Hidden tests come as a count on a fixed tick; the candidate's own runs test by test.
      if (event?.finished !== undefined && event.total !== undefined) return t('progress.hiddenTests', { finished: event.finished, count: event.total });
      return event?.index !== undefined && event.total !== undefined ? t('progress.testing', { index: event.index, total: event.total }) : t('progress.running');
    case 'retrying':
      return t('progress.retrying');
    case 'done':
      return t('progress.done');
    case 'failed':
      return t('progress.failed');
    default:
      return t('progress.running');
  }
}

function ResultView({ result, kind }: { result: CandidateResult; kind: CandidateSubmission['kind'] }) {
  const { t } = useTranslation();
  if (result.systemFailure) return <p className="verdict verdict-system_error">{t('result.systemFailure')}</p>;
  const nothingShown = result.verdict === undefined && result.score === undefined && !result.tests?.length;
  return (
    <div className="result">
      {result.verdict && <p className={`verdict verdict-${result.verdict}`}>{t(`verdict.${result.verdict}`)}</p>}
      {result.score !== undefined && <p className="score">{t('result.score', { score: result.score })}</p>}
      {nothingShown && kind === 'submit' && <p>{t('result.hidden')}</p>}
      {result.compileOutput && (
        <details open>
          <summary>{t('result.compileOutput')}</summary>
          <Output text={result.compileOutput} />
        </details>
      )}
      {result.groups && result.groups.length > 0 && (
        <ul className="groups">
          {result.groups.map((group) => (
            <li key={group.id}>{t('result.group', { id: group.id, passed: group.passed, count: group.total })}</li>
          ))}
        </ul>
      )}
      {result.tests?.map((test, index) => (
        // Failed tests open; after a compile error the compiler output says it all.
        <details key={test.id} className="test" open={test.verdict !== 'compile_error' && (index === 0 || test.verdict !== 'accepted')}>
          <summary>
            {t('result.test', { id: test.id })} · <span className={`verdict-${test.verdict}`}>{t(`verdict.${test.verdict}`)}</span> ·{' '}
            <span dir="ltr">{t('result.timeMemory', { timeMs: test.timeMs, memoryKb: test.memoryKb })}</span>
          </summary>
          {test.input !== undefined && <Labelled label={t('result.input')} text={test.input} />}
          {test.expected !== undefined && <Labelled label={t('result.expected')} text={test.expected} />}
          {test.output && (
            <>
              <Labelled label={t('result.output')} text={test.output.stdout} />
              {test.output.stderr && <Labelled label={t('result.stderr')} text={test.output.stderr} />}
              {test.output.exitCode !== null && test.output.exitCode !== 0 && <p>{t('result.exitCode', { code: test.output.exitCode })}</p>}
              {test.output.truncated && <p className="hint">{t('result.truncated')}</p>}
            </>
          )}
        </details>
      ))}
    </div>
  );
}

function Labelled({ label, text }: { label: string; text: string }) {
  return (
    <div className="labelled">
      <div className="label">{label}</div>
      <Output text={text} />
    </div>
  );
}

/** Program text: left to right whatever the interface direction; scrollable by keyboard. */
function Output({ text }: { text: string }) {
  return (
    <pre className="output" dir="ltr" tabIndex={0}>
      {text}
    </pre>
  );
}
