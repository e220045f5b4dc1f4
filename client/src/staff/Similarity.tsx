import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentView, SimilarityPair, SimilarityParty, SimilarityReport } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { similarityApi } from '../api/staff-similarity.ts';
import { staffApi } from '../api/staff.ts';
import { linkProps } from '../router.ts';
import { isolate } from './format.ts';
import { StaffAlert } from './StaffAlert.tsx';
import './similarity.css';

/** How often and how long to wait when another comparison of the organisation is running (429). */
const BUSY_RETRIES = 5;
const BUSY_WAIT_MS = 2000;

/**
 * `/staff/assessments/:id/similarity`: per challenge, the pairs of candidates
 * whose final code is alike, and on opening a pair both codes side by side
 * with the matching regions marked. The page says in words what a score is
 * and is not; nothing else in Kodbro reacts to a score.
 */
export function Similarity({ assessmentId }: { assessmentId: string }) {
  const { t } = useTranslation('staff');
  const [assessment, setAssessment] = useState<AssessmentView | null>(null);
  const [report, setReport] = useState<SimilarityReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState<SimilarityPair | null>(null);

  useEffect(() => {
    let cancelled = false;
    const fail = (caught: unknown) => !cancelled && setError(toApiError(caught));
    staffApi.assessment(assessmentId).then((loaded) => !cancelled && setAssessment(loaded), fail);
    const load = async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await similarityApi.report(assessmentId);
        } catch (caught) {
          if (toApiError(caught).code !== 'rate_limited' || attempt >= BUSY_RETRIES) throw caught;
          await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
        }
      }
    };
    load().then((loaded) => !cancelled && setReport(loaded), fail);
    return () => {
      cancelled = true;
    };
  }, [assessmentId]);

  return (
    <section className="similarity">
      <p>
        <a {...linkProps(`/staff/assessments/${assessmentId}`)}>{t('similarity.back')}</a>
      </p>
      <h1>{t('similarity.heading', { title: assessment ? isolate(assessment.title) : '…' })}</h1>
      <p className="similarity-notice">{t('similarity.notice')}</p>
      {report && <p>{t('similarity.method', { threshold: Math.round(report.threshold * 100) })}</p>}
      <StaffAlert error={error} />
      {!report && !error && <p role="status">{t('similarity.loading')}</p>}
      {report?.challenges.map((challenge) => (
        <section key={challenge.challengeVersionId} aria-labelledby={`sim-${challenge.challengeVersionId}`}>
          <h2 id={`sim-${challenge.challengeVersionId}`}>{challenge.title}</h2>
          <p>{t('similarity.compared', { count: challenge.compared })}</p>
          {challenge.pairs.length === 0 ? (
            <p>{t('similarity.noPairs')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('similarity.pairsCaption', { title: challenge.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('similarity.candidateA')}</th>
                    <th scope="col">{t('similarity.candidateB')}</th>
                    <th scope="col">{t('similarity.language')}</th>
                    <th scope="col">{t('similarity.score')}</th>
                    <th scope="col">{t('similarity.sideBySide')}</th>
                  </tr>
                </thead>
                <tbody>
                  {challenge.pairs.map((pair) => {
                    const isOpen = open?.a.submissionId === pair.a.submissionId && open.b.submissionId === pair.b.submissionId;
                    return (
                      <tr key={`${pair.a.submissionId}-${pair.b.submissionId}`}>
                        <td>{nameOf(pair.a, t('unnamed'))}</td>
                        <td>{nameOf(pair.b, t('unnamed'))}</td>
                        <td>{pair.a.language}</td>
                        <td>{t('similarity.percent', { value: Math.round(pair.score * 100) })}</td>
                        <td>
                          <button type="button" aria-expanded={isOpen} onClick={() => setOpen(isOpen ? null : pair)}>
                            {t('similarity.open', { a: nameOf(pair.a, t('unnamed')), b: nameOf(pair.b, t('unnamed')) })}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {open && challenge.pairs.includes(open) && <PairView key={`${open.a.submissionId}-${open.b.submissionId}`} pair={open} onClose={() => setOpen(null)} />}
        </section>
      ))}
    </section>
  );
}

const nameOf = (party: SimilarityParty, unnamed: string) => isolate(party.candidateName ?? unnamed);

/** Both codes of a pair side by side, the regions listed as links to their lines in each code. */
function PairView({ pair, onClose }: { pair: SimilarityPair; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const [sources, setSources] = useState<[string, string] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const a = nameOf(pair.a, t('unnamed'));
  const b = nameOf(pair.b, t('unnamed'));

  useEffect(() => {
    heading.current?.focus();
    Promise.all([similarityApi.submission(pair.a.attemptId, pair.a.submissionId), similarityApi.submission(pair.b.attemptId, pair.b.submissionId)]).then(
      ([left, right]) => setSources([left.source, right.source]),
      (caught: unknown) => setError(toApiError(caught)),
    );
  }, [pair]);

  const id = (side: 'a' | 'b', region: number) => `sim-${pair[side].submissionId}-${region}`;
  const show = (region: number) => {
    for (const side of ['a', 'b'] as const) document.getElementById(id(side, region))?.scrollIntoView({ block: 'nearest' });
    document.getElementById(id('a', region))?.focus();
  };

  return (
    <div className="similarity-pair">
      <h3 ref={heading} tabIndex={-1}>
        {t('similarity.pairHeading', { a, b })}
      </h3>
      <p>{t('similarity.shares', { a, b, aShare: Math.round(pair.aShare * 100), bShare: Math.round(pair.bShare * 100) })}</p>
      <p role="status">{sources ? t('similarity.shown', { a, b }) : t('similarity.loadingCode')}</p>
      <StaffAlert error={error} />
      <h4>{t('similarity.regions')}</h4>
      <ol className="similarity-regions">
        {pair.regions.map((region, index) => (
          <li key={index}>
            <button type="button" onClick={() => show(index)} disabled={!sources}>
              <span aria-hidden="true">▌{index + 1} </span>
              {t('similarity.region', { aFrom: region.a.fromLine, aTo: region.a.toLine, bFrom: region.b.fromLine, bTo: region.b.toLine })}
            </button>
          </li>
        ))}
      </ol>
      <p>{t('similarity.legend')}</p>
      {sources && (
        <div className="similarity-codes">
          <CodeColumn name={a} source={sources[0]} ranges={pair.regions.map((r) => r.a)} anchor={(region) => id('a', region)} />
          <CodeColumn name={b} source={sources[1]} ranges={pair.regions.map((r) => r.b)} anchor={(region) => id('b', region)} />
        </div>
      )}
      <button type="button" onClick={onClose}>
        {t('similarity.close')}
      </button>
    </div>
  );
}

/**
 * One code, a line per row with its number; a line inside a matching region
 * is a <mark> with the region's number in the margin (and a screen reader's
 * "Match 2" on the region's first line): marked by more than colour.
 */
function CodeColumn({ name, source, ranges, anchor }: { name: string; source: string; ranges: { fromLine: number; toLine: number }[]; anchor: (region: number) => string }) {
  const { t } = useTranslation('staff');
  const lines = source.split('\n');
  return (
    <figure className="similarity-code">
      <figcaption>{t('similarity.codeOf', { name })}</figcaption>
      <pre dir="ltr" tabIndex={0} aria-label={t('similarity.codeOf', { name })}>
        {lines.map((line, index) => {
          const number = index + 1;
          const region = ranges.findIndex((r) => number >= r.fromLine && number <= r.toLine);
          const starts = region >= 0 && ranges[region]!.fromLine === number;
          const text = `${String(number).padStart(4)}  ${line}\n`;
          if (region < 0) return <span key={index}>{`    ${text}`}</span>;
          return (
            <mark key={index} id={starts ? anchor(region) : undefined} tabIndex={starts ? -1 : undefined} className="similarity-line">
              {starts && <span className="visually-hidden">{t('similarity.regionLabel', { n: region + 1 })}</span>}
              <span aria-hidden="true">{`▌${String(region + 1).padEnd(2)} `}</span>
              {text}
            </mark>
          );
        })}
      </pre>
    </figure>
  );
}
