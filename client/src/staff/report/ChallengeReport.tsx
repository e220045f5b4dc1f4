import { useTranslation } from 'react-i18next';
import { countedScore, type DraftView, type ExplanationView, type StaffSubmission } from '@kodbro/server/contracts';
import { CodeView } from '../../editor/index.ts';
import { formatDateTime, isolate } from '../format.ts';
import { TestTable } from './TestTable.tsx';
import './report.css';

interface Props {
  title: string;
  /** This challenge's submissions (every kind), oldest first. */
  submissions: readonly StaffSubmission[];
  /** This challenge's saved drafts (one per language). */
  drafts: readonly DraftView[];
  /** The candidate's answers to the challenge's "explain your solution" questions, if any. */
  explanation?: ExplanationView | undefined;
}

/**
 * One challenge of a candidate's report: the counted score out of 100, the
 * final code (the last submission; the last saved draft when nothing was
 * submitted) in colour, and the final submission's hidden tests with, for
 * each rejected one, where its output first parted from the answer.
 */
export function ChallengeReport({ title, submissions, drafts, explanation }: Props) {
  const { t } = useTranslation('staff');
  const submitted = submissions.filter((submission) => submission.kind === 'submit');
  const final = submitted.at(-1);
  const counted = countedScore(submitted.map((submission) => ({ kind: submission.kind, score: submission.result?.score })));
  const lastDraft = [...drafts].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))[0];

  return (
    <section className="report-challenge" aria-label={title}>
      <h2>{t('report.challengeHeading', { title: isolate(title) })}</h2>
      <p>
        {t('report.counted')}: <strong>{counted === undefined ? '–' : t('report.scoreOf', { score: counted, max: 100 })}</strong>
      </p>
      {final ? (
        <>
          <h3>{t('report.finalCode', { language: final.language, when: formatDateTime(final.createdAt) })}</h3>
          <CodeView source={final.source} language={final.language} label={t('report.finalCodeLabel', { title: isolate(title) })} />
          {final.result?.verdict === 'compile_error' && (
            <>
              <p>{t('report.compileFailed')}</p>
              {final.result.compileOutput && (
                <pre className="output" dir="ltr" tabIndex={0}>
                  {final.result.compileOutput}
                </pre>
              )}
            </>
          )}
          {final.result && final.result.verdict !== 'compile_error' && final.result.tests.length > 0 && (
            <>
              <h3>{t('report.testsOfFinal')}</h3>
              <TestTable result={final.result} differences={final.differences} label={t('report.testsLabel', { title: isolate(title) })} />
              <p className="hint">{t('report.staffOnly')}</p>
            </>
          )}
        </>
      ) : lastDraft ? (
        <>
          <h3>{t('report.lastDraft', { language: lastDraft.language, when: formatDateTime(lastDraft.updatedAt) })}</h3>
          <CodeView source={lastDraft.source} language={lastDraft.language} label={t('report.finalCodeLabel', { title: isolate(title) })} />
        </>
      ) : (
        <p>{t('report.nothing')}</p>
      )}
      {explanation && (
        <>
          <h3>{t('report.explained')}</h3>
          <dl className="explanation">
            {explanation.questions.map((question, index) => (
              <div key={index}>
                <dt dir="auto">{question}</dt>
                <dd dir="auto">{explanation.answers[index] || '–'}</dd>
              </div>
            ))}
          </dl>
          <p className="hint">{t('report.explainedNote', { when: formatDateTime(explanation.updatedAt) })}</p>
        </>
      )}
    </section>
  );
}
