import { Fragment, useEffect, useMemo, useRef, useState, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { DASHBOARD_STATUSES, REVIEW_NOTE_MAX, type DashboardRow, type DashboardStatus, type DashboardView, type StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { reviewApi } from '../api/staff-review.ts';
import { connectSocket, emitWithAck, onServerEvent, useSocketConnected } from '../api/socket.ts';
import { linkProps } from '../router.ts';
import { filterRows, histogram, median, sortRows, type Sort, type SortKey } from './dashboard-model.ts';
import { formatDateTime, isolate } from './format.ts';
import { StaffAlert } from './StaffAlert.tsx';
import './dashboard.css';

/** At most one refetch of the changed rows per this many milliseconds, however busy the assessment. */
const LIVE_THROTTLE_MS = 2000;

/**
 * The recruiter's dashboard of one assessment: every invited candidate with
 * status, scores of their maxima, time and languages, live while candidates
 * work (each `attempt:changed` refetches that one row, throttled); sortable,
 * filterable, searchable; a score histogram per task; the staff review in a
 * row's panel; the CSV export; anonymous review's aliases and reveals.
 */
export function Dashboard({ assessmentId, session, onRevealed }: { assessmentId: string; session: StaffSession; onRevealed?: () => void }) {
  const { t } = useTranslation('staff');
  const [view, setView] = useState<DashboardView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [sort, setSort] = useState<Sort>({ key: 'total', direction: 'descending' });
  const [status, setStatus] = useState<DashboardStatus | 'all'>('all');
  const [search, setSearch] = useState('');
  const [openInvite, setOpenInvite] = useState<string | null>(null);
  const [news, setNews] = useState('');
  const live = useLiveRows(assessmentId, session.csrfToken, setView, setError);

  useEffect(() => {
    reviewApi.dashboard(assessmentId).then(setView, (caught: unknown) => setError(toApiError(caught)));
  }, [assessmentId]);

  const nameOf = (row: DashboardRow) => (row.hidden ? t('dashboard.alias', { number: row.candidateNumber }) : (row.candidateName ?? t('unnamed')));
  const rows = useMemo(() => (view ? sortRows(filterRows(view.rows, status, search, nameOf), sort, nameOf) : []), [view, status, search, sort]); // eslint-disable-line react-hooks/exhaustive-deps -- nameOf follows t
  const replaceRow = (row: DashboardRow) => setView((current) => current && { ...current, rows: current.rows.map((r) => (r.inviteId === row.inviteId ? row : r)) });
  const opened = view?.rows.find((row) => row.inviteId === openInvite);

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    const next: Sort = { key, direction: active && sort.direction === 'descending' ? 'ascending' : 'descending' };
    return (
      <th scope="col" aria-sort={active ? sort.direction : 'none'}>
        <button type="button" className="sort" onClick={() => setSort(next)} aria-label={t('dashboard.sortBy', { column: label })}>
          {label}
          <span aria-hidden="true">{active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <section aria-labelledby="dashboard-heading" className="dashboard">
      <h2 id="dashboard-heading">{t('dashboard.heading')}</h2>
      <p className="hint" role="status">
        {live ? t('live') : t('offline')}
      </p>
      <StaffAlert error={error} />
      {view?.anonymousReview && <p className="notice">{t('dashboard.anonymousOn')}</p>}
      <p>
        <a href={reviewApi.csvUrl(assessmentId)} download>
          {t('dashboard.exportCsv')}
        </a>
      </p>
      <div className="dashboard-filters">
        <p className="field">
          <label htmlFor="dashboard-status">{t('dashboard.filterStatus')}</label>
          <select id="dashboard-status" value={status} onChange={(event) => setStatus(event.target.value as DashboardStatus | 'all')}>
            <option value="all">{t('dashboard.allStatuses')}</option>
            {DASHBOARD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`dashboard.status_${s}`)}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="dashboard-search">{t('dashboard.search')}</label>
          <input id="dashboard-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </p>
      </div>
      <p role="status" className="news">
        {news}
      </p>
      {view && view.rows.length === 0 && <p>{t('dashboard.none')}</p>}
      {view && view.rows.length > 0 && (
        <>
          <p className="hint">{t('dashboard.shown', { shown: rows.length, total: view.rows.length })}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="dashboard-heading">
            <table className="dashboard-table">
              <thead>
                <tr>
                  {header('name', t('dashboard.col_name'))}
                  {header('status', t('dashboard.col_status'))}
                  {view.challenges.map((c) => (
                    <Fragment key={c.challengeVersionId}>{header(`task:${c.challengeVersionId}`, c.title)}</Fragment>
                  ))}
                  {header('total', t('dashboard.col_total'))}
                  {header('time', t('dashboard.col_time'))}
                  <th scope="col">{t('dashboard.col_languages')}</th>
                  {header('rating', t('dashboard.col_rating'))}
                  {header('shortlisted', t('dashboard.col_shortlisted'))}
                  <th scope="col">{t('dashboard.col_review')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <Row key={row.inviteId} row={row} name={nameOf(row)} open={openInvite === row.inviteId} onOpen={() => setOpenInvite(openInvite === row.inviteId ? null : row.inviteId)} />
                ))}
              </tbody>
            </table>
          </div>
          {opened && (
            <ReviewPanel
              key={opened.inviteId}
              row={opened}
              assessmentId={assessmentId}
              name={nameOf(opened)}
              csrf={session.csrfToken}
              onSaved={(row, message) => {
                replaceRow(row);
                setNews(message);
              }}
              onError={setError}
              onRevealed={onRevealed}
              onClose={() => setOpenInvite(null)}
            />
          )}
          <Distribution view={view} />
        </>
      )}
    </section>
  );
}

function Row({ row, name, open, onOpen }: { row: DashboardRow; name: string; open: boolean; onOpen: () => void }) {
  const { t } = useTranslation('staff');
  const used = row.secondsUsed === null ? null : Math.round(row.secondsUsed / 60);
  return (
    <tr data-invite={row.inviteId}>
      <th scope="row">
        {row.attemptId ? (
          <a {...linkProps(`/staff/attempts/${row.attemptId}`)}>
            <bdi>{name}</bdi>
          </a>
        ) : (
          <bdi>{name}</bdi>
        )}
        {row.hidden && <span className="badge">{t('dashboard.anonymous')}</span>}
        {row.revealedBy !== null && row.revealedAt !== null && (
          <span className="hint revealed">{t('dashboard.revealedBy', { name: isolate(row.revealedBy), when: formatDateTime(row.revealedAt) })}</span>
        )}
      </th>
      <td>{t(`dashboard.status_${row.status}`)}</td>
      {row.scores.map((s) => (
        <td key={s.challengeVersionId} className="number">
          {s.score === null ? '–' : t('dashboard.scoreOf', { score: s.score, max: s.max })}
        </td>
      ))}
      <td className="number">{row.attemptId ? t('dashboard.scoreOf', { score: row.total, max: row.maxTotal }) : '–'}</td>
      <td>
        {used === null ? t('dashboard.allowedOnly', { allowed: row.minutesAllowed }) : t('dashboard.timeOf', { used, allowed: row.minutesAllowed })}
        {row.extraMinutes > 0 && <span className="hint"> {t('dashboard.extra', { minutes: row.extraMinutes })}</span>}
      </td>
      <td>{row.languages.join(', ')}</td>
      <td>{row.review.rating === null ? '–' : t('dashboard.stars', { count: row.review.rating })}</td>
      <td>{row.review.shortlisted ? t('dashboard.yes') : t('dashboard.no')}</td>
      <td>
        <button type="button" aria-expanded={open} aria-controls="review-panel" onClick={onOpen}>
          {t('dashboard.open', { name: isolate(name) })}
        </button>
      </td>
    </tr>
  );
}

/** One candidate's review (note, rating, shortlist) and, in anonymous review, the reveal. */
function ReviewPanel(props: {
  row: DashboardRow;
  assessmentId: string;
  name: string;
  csrf: string;
  onSaved: (row: DashboardRow, message: string) => void;
  onError: (error: ApiError) => void;
  onRevealed: (() => void) | undefined;
  onClose: () => void;
}) {
  const { row, name, csrf } = props;
  const { t } = useTranslation('staff');
  const [note, setNote] = useState(row.review.note);
  const [rating, setRating] = useState(row.review.rating === null ? '' : String(row.review.rating));
  const [shortlisted, setShortlisted] = useState(row.review.shortlisted);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (caught) {
      props.onError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const review = await reviewApi.saveReview(csrf, row.inviteId, { note, rating: rating === '' ? null : Number(rating), shortlisted });
      props.onSaved({ ...row, review }, t('dashboard.saved', { name: isolate(name) }));
    });
  };
  const reveal = () => {
    if (!window.confirm(t('dashboard.revealConfirm', { name: isolate(name) }))) return;
    void act(async () => {
      await reviewApi.reveal(csrf, row.inviteId);
      // The row again, now with the name and the record of who revealed it.
      const fresh = await reviewApi.row(props.assessmentId, row.inviteId);
      props.onSaved(fresh, t('dashboard.revealed', { name: isolate(fresh.candidateName ?? name) }));
      props.onRevealed?.();
    });
  };

  return (
    <section id="review-panel" className="review-panel" aria-labelledby="review-heading">
      <h3 id="review-heading" tabIndex={-1} ref={heading}>
        {t('dashboard.reviewOf', { name: isolate(name) })}
      </h3>
      {row.hidden && (
        <p>
          <button type="button" onClick={reveal} disabled={busy}>
            {t('dashboard.reveal')}
          </button>
        </p>
      )}
      <form onSubmit={save}>
        <p className="field">
          <label htmlFor="review-note">{t('dashboard.note')}</label>
          <textarea id="review-note" rows={4} maxLength={REVIEW_NOTE_MAX} value={note} onChange={(event) => setNote(event.target.value)} aria-describedby="review-note-hint" />
          <span className="hint" id="review-note-hint">
            {t('dashboard.noteHint')}
          </span>
        </p>
        <p className="field">
          <label htmlFor="review-rating">{t('dashboard.rating')}</label>
          <select id="review-rating" value={rating} onChange={(event) => setRating(event.target.value)}>
            <option value="">{t('dashboard.noRating')}</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={String(n)}>
                {t('dashboard.stars', { count: n })}
              </option>
            ))}
          </select>
        </p>
        <p className="choice">
          <input type="checkbox" id="review-shortlisted" checked={shortlisted} onChange={(event) => setShortlisted(event.target.checked)} />
          <label htmlFor="review-shortlisted">{t('dashboard.shortlist')}</label>
        </p>
        {row.review.updatedBy !== null && row.review.updatedAt !== null && (
          <p className="hint">{t('dashboard.lastSaved', { name: isolate(row.review.updatedBy), when: formatDateTime(row.review.updatedAt) })}</p>
        )}
        <p className="row-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('dashboard.saving') : t('dashboard.save')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('dashboard.close')}
          </button>
        </p>
      </form>
    </section>
  );
}

/**
 * Live rows: `attempt:changed` names the invite whose row changed; the
 * changed rows are refetched together at most once per LIVE_THROTTLE_MS, so a
 * busy assessment costs one small read per candidate per two seconds at most.
 */
function useLiveRows(assessmentId: string, csrf: string, setView: Dispatch<SetStateAction<DashboardView | null>>, setError: (error: ApiError) => void): boolean {
  const [socket, setSocket] = useState<ReturnType<typeof connectSocket> | null>(null);
  const connectedNow = useSocketConnected(socket);
  useEffect(() => {
    const next = connectSocket(csrf);
    setSocket(next);
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastFlush = 0;
    const flush = () => {
      timer = undefined;
      lastFlush = Date.now();
      const invites = [...pending];
      pending.clear();
      for (const inviteId of invites) {
        reviewApi.row(assessmentId, inviteId).then(
          (row) => setView((current) => current && { ...current, rows: current.rows.some((r) => r.inviteId === row.inviteId) ? current.rows.map((r) => (r.inviteId === row.inviteId ? row : r)) : [...current.rows, row] }),
          (caught: unknown) => setError(toApiError(caught)),
        );
      }
    };
    const watch = () => void emitWithAck(next, 'assessment:watch', { assessmentId }).catch(() => {});
    // Rooms do not survive a reconnect: watch again each time.
    next.on('connect', watch);
    const off = onServerEvent(next, 'attempt:changed', (event) => {
      if (event.assessmentId !== assessmentId) return;
      pending.add(event.attempt.inviteId);
      timer ??= setTimeout(flush, Math.max(0, lastFlush + LIVE_THROTTLE_MS - Date.now()));
    });
    return () => {
      off();
      clearTimeout(timer);
      next.off('connect', watch);
      next.close();
      setSocket(null);
    };
  }, [assessmentId, csrf, setView, setError]);
  return connectedNow;
}

/** Per task, the scores in ten buckets: a small plain-SVG bar chart, with a sentence and a table saying the same in words. */
function Distribution({ view }: { view: DashboardView }) {
  const { t } = useTranslation('staff');
  return (
    <section aria-labelledby="distribution-heading" className="distribution">
      <h3 id="distribution-heading">{t('dashboard.distribution')}</h3>
      {view.challenges.map((challenge, index) => {
        const scores = view.rows.map((row) => row.scores[index]?.score ?? null);
        const scored = scores.filter((s): s is number => s !== null);
        const buckets = histogram(scores, challenge.max);
        const highest = Math.max(1, ...buckets.map((b) => b.count));
        const captionId = `distribution-${challenge.challengeVersionId}`;
        return (
          <figure key={challenge.challengeVersionId} aria-labelledby={captionId}>
            <figcaption id={captionId}>
              <bdi>{challenge.title}</bdi>:{' '}
              {scored.length === 0 ? t('dashboard.noScores') : t('dashboard.distributionSummary', { count: scored.length, median: median(scored), max: challenge.max })}
            </figcaption>
            {scored.length > 0 && (
              <>
                <svg viewBox="0 0 200 60" width="200" height="60" aria-hidden="true" focusable="false" className="histogram">
                  {buckets.map((bucket, i) => {
                    const height = (bucket.count / highest) * 56;
                    return <rect key={bucket.from} x={i * 20 + 1} y={58 - height} width={18} height={height} />;
                  })}
                  <line x1="0" y1="58.5" x2="200" y2="58.5" />
                </svg>
                <details>
                  <summary>{t('dashboard.distributionOf', { title: isolate(challenge.title), count: scored.length })}</summary>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('dashboard.bucket')}</th>
                        <th scope="col">{t('dashboard.candidates')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {buckets.map((bucket) => (
                        <tr key={bucket.from}>
                          <td>
                            {bucket.from}–{bucket.to}
                          </td>
                          <td className="number">{bucket.count}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              </>
            )}
          </figure>
        );
      })}
    </section>
  );
}
