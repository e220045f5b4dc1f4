import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CandidateResult, CandidateSubmission, ProgressEvent } from '@kodbro/server/contracts';
import { LANGUAGE_NAMES, submissionOrigin } from './contract-view.ts';
import { diffOutputs } from './diff.ts';
import { linesMentioned } from '../editor/index.ts';
import { formatTime } from './format.ts';

interface Props {
  submission: CandidateSubmission;
  progress: ProgressEvent | undefined;
  asSummary?: boolean;
  /** Moves the editor to a line a message names. */
  onRevealLine?: (line: number) => void;
  /** Puts a sample's input into the custom input box. */
  onUseInput?: (input: string) => void;
}

/**
 * One run or submission: its live progress while it runs, then the result as
 * the server gave it. Hidden tests only ever arrive as aggregates; nothing
 * here asks for more. A custom run has no verdict (there is nothing to
 * compare with): its output, exit status and time.
 */
export function SubmissionView({ submission, progress, asSummary, onRevealLine, onUseInput }: Props) {
  const { t, i18n } = useTranslation();
  const verdict = submission.kind === 'custom' ? undefined : submission.result?.verdict;
  const heading = (
    <>
      {t(`workspace.kind_${submission.kind}`)} · <bdi dir="ltr">{LANGUAGE_NAMES[submission.language]}</bdi> · <bdi>{formatTime(i18n.language, submission.createdAt)}</bdi>
      {submissionOrigin(submission) === 'time_up' ? ` · ${t('receipt.timeUp')}` : ''}
      {asSummary && verdict ? ` · ${t(`verdict.${verdict}`)}` : ''}
      {asSummary && submission.result?.score !== undefined ? <> · <ScoreText score={submission.result.score} /></> : ''}
    </>
  );
  const finished = submission.status === 'done' || submission.status === 'failed';
  const body = (
    <>
      {/* Announced while it runs; an empty region once done (the result below is read by moving to it). */}
      <p className="progress" role="status" aria-live="polite" aria-atomic="true">
        {finished && submission.status === 'done' ? '' : progressText(t, submission, progress)}
      </p>
      {submission.result && <ResultView result={submission.result} submission={submission} onRevealLine={onRevealLine} onUseInput={onUseInput} />}
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

/** Limits a custom run can hit: said as what happened, not as a verdict on the code. */
const STOPPED = new Set(['time_limit', 'memory_limit', 'output_limit']);

function ResultView({ result, submission, onRevealLine, onUseInput }: { result: CandidateResult; submission: CandidateSubmission } & Pick<Props, 'onRevealLine' | 'onUseInput'>) {
  const { t } = useTranslation();
  const { kind } = submission;
  if (result.systemFailure) return <p className="verdict verdict-system_error">{t('result.systemFailure')}</p>;
  const nothingShown = result.verdict === undefined && result.score === undefined && !result.tests?.length;
  return (
    <div className="result">
      {result.verdict && kind !== 'custom' && <p className={`verdict verdict-${result.verdict}`}>{t(`verdict.${result.verdict}`)}</p>}
      {result.score !== undefined && (
        <p className="score">
          <ScoreText score={result.score} />
        </p>
      )}
      {nothingShown && kind === 'submit' && <p>{t('result.hidden')}</p>}
      {result.compileOutput && (
        <details open>
          <summary>{t('result.compileOutput')}</summary>
          <MessageOutput text={result.compileOutput} onRevealLine={onRevealLine} />
        </details>
      )}
      {result.groups && result.groups.length > 0 && (
        <ul className="groups">
          {result.groups.map((group) => (
            <li key={group.id}>{t('result.group', { id: group.id, passed: group.passed, count: group.total })}</li>
          ))}
        </ul>
      )}
      {kind === 'custom'
        ? result.tests?.map((test) => (
            <div key={test.id} className="custom-run">
              {STOPPED.has(test.verdict) && <p className="verdict-note">{t('result.stopped', { reason: t(`verdict.${test.verdict}`) })}</p>}
              <p className="hint">
                <bdi dir="ltr">{t('result.timeMemory', { timeMs: test.timeMs, memoryKb: test.memoryKb })}</bdi>
                {test.output?.exitCode !== null && test.output?.exitCode !== undefined ? ` · ${t('result.exitCode', { code: test.output.exitCode })}` : ''}
              </p>
              {test.output && <ProgramOutput output={test.output} onRevealLine={onRevealLine} showExit={false} />}
            </div>
          ))
        : result.tests?.map((test, index) => (
            // Failed tests open; after a compile error the compiler output says it all.
            <details key={test.id} className="test" open={test.verdict !== 'compile_error' && (index === 0 || test.verdict !== 'accepted')}>
              <summary>
                {t('result.test', { id: test.id })} · <span className={`verdict-${test.verdict}`}>{t(`verdict.${test.verdict}`)}</span> ·{' '}
                <bdi dir="ltr">{t('result.timeMemory', { timeMs: test.timeMs, memoryKb: test.memoryKb })}</bdi>
              </summary>
              {test.input !== undefined && (
                <div className="labelled">
                  <div className="label">{t('result.input')}</div>
                  <Output text={test.input} />
                  {onUseInput && (
                    <button type="button" className="quiet small" onClick={() => onUseInput(test.input ?? '')}>
                      {t('workspace.useAsCustomInput')}
                    </button>
                  )}
                </div>
              )}
              {test.expected !== undefined && test.output && test.verdict === 'wrong_answer' ? (
                <DiffView expected={test.expected} actual={test.output.stdout} actualLabel={t(test.output.printed !== undefined ? 'result.returned' : 'result.output')} />
              ) : (
                <>
                  {test.expected !== undefined && <Labelled label={t('result.expected')} text={test.expected} />}
                  {test.output && <Labelled label={t(test.output.printed !== undefined ? 'result.returned' : 'result.output')} text={test.output.stdout} />}
                </>
              )}
              {test.output && <ProgramOutput output={test.output} onRevealLine={onRevealLine} showStdout={false} />}
            </details>
          ))}
    </div>
  );
}

/** stderr, the exit status and truncation of one run; stdout too unless shown elsewhere. */
function ProgramOutput({
  output,
  onRevealLine,
  showStdout = true,
  showExit = true,
}: {
  output: NonNullable<NonNullable<CandidateResult['tests']>[number]['output']>;
  onRevealLine: Props['onRevealLine'];
  showStdout?: boolean;
  showExit?: boolean;
}) {
  const { t } = useTranslation();
  // A function's run (`printed` present): stdout is the returned value, and what it printed comes apart.
  const call = output.printed !== undefined;
  return (
    <>
      {call && output.resultProblem && <p className="verdict-note">{t('result.noValue', { reason: output.resultProblem })}</p>}
      {showStdout && (!call || output.stdout !== '') && <Labelled label={t(call ? 'result.returned' : 'result.output')} text={output.stdout} />}
      {call && output.printed && <Labelled label={t('result.printed')} text={output.printed} />}
      {output.stderr && (
        <div className="labelled">
          <div className="label">{t('result.stderr')}</div>
          <MessageOutput text={output.stderr} onRevealLine={onRevealLine} />
        </div>
      )}
      {showExit && output.exitCode !== null && output.exitCode !== 0 && <p>{t('result.exitCode', { code: output.exitCode })}</p>}
      {output.truncated && <p className="hint">{t('result.truncated')}</p>}
    </>
  );
}

/** Expected and actual output side by side, differing lines marked (not by colour alone), the first one named. */
function DiffView({ expected, actual, actualLabel }: { expected: string; actual: string; actualLabel: string }) {
  const { t } = useTranslation();
  const diff = diffOutputs(expected, actual);
  return (
    <div className="diff">
      <p className="diff-summary">{diff.firstDifference === null ? t('result.diffSame') : t('result.firstDifference', { line: diff.firstDifference })}</p>
      <div className="table-scroll" tabIndex={0} dir="ltr" role="region" aria-label={t('result.diffLabel')}>
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('result.expected')}</th>
              <th scope="col">{actualLabel}</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((row) => (
              <tr key={row.line} className={row.same ? undefined : row.line === diff.firstDifference ? 'differs first' : 'differs'}>
                <th scope="row">
                  {row.same ? '' : <span aria-label={t('result.differs')}>≠ </span>}
                  {row.line}
                </th>
                <td>{row.expected ?? <span className="missing">{t('result.noLine')}</span>}</td>
                <td>{row.actual ?? <span className="missing">{t('result.noLine')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {diff.hiddenRows > 0 && <p className="hint">{t('result.moreLines', { count: diff.hiddenRows })}</p>}
    </div>
  );
}

/** A compiler or runtime message; each line it names becomes a button that moves the editor there. */
function MessageOutput({ text, onRevealLine }: { text: string; onRevealLine: Props['onRevealLine'] }) {
  const { t } = useTranslation();
  const lines = onRevealLine ? linesMentioned(text) : [];
  return (
    <>
      <Output text={text} />
      {lines.length > 0 && (
        <p className="line-links">
          {lines.map((line) => (
            <button key={line} type="button" className="small" onClick={() => onRevealLine?.(line)}>
              {t('result.goToLine', { line })}
            </button>
          ))}
        </p>
      )}
    </>
  );
}

/** "Score: 40 / 100", the numbers kept left to right inside right-to-left text (never "100 / 40"). */
function ScoreText({ score }: { score: number }) {
  const { t } = useTranslation();
  return (
    <>
      {t('receipt.score')}: <bdi dir="ltr">{score} / 100</bdi>
    </>
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
