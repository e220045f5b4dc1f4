import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentView, AttemptSummary, CreatedInvite, InviteView, StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { connectSocket, emitWithAck, onServerEvent, useSocketConnected, type Socket } from '../api/socket.ts';
import { staffApi } from '../api/staff.ts';
import { linkProps } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatShortCode, formatSpan } from './format.ts';

/** One assessment: invites (create, list) and attempts (live via `assessment:watch`). */
export function AssessmentPage({ id, session }: { id: string; session: StaffSession }) {
  const { t } = useTranslation('staff');
  const [assessment, setAssessment] = useState<AssessmentView | null>(null);
  const [invites, setInvites] = useState<InviteView[]>([]);
  const [attempts, setAttempts] = useState<AttemptSummary[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [socket, setSocket] = useState<Socket | null>(null);
  const live = useSocketConnected(socket);

  useEffect(() => {
    const fail = (caught: unknown) => setError(toApiError(caught));
    staffApi.assessment(id).then(setAssessment, fail);
    staffApi.invites(id).then((list) => setInvites(list.invites), fail);
    staffApi.attempts(id).then((list) => setAttempts(list.attempts), fail);
  }, [id]);

  useEffect(() => {
    const next = connectSocket(session.csrfToken);
    setSocket(next);
    const watch = () => void emitWithAck(next, 'assessment:watch', { assessmentId: id }).catch(() => {});
    // Rooms do not survive a reconnect: watch again each time.
    next.on('connect', watch);
    const off = onServerEvent(next, 'attempt:changed', (event) => {
      if (event.assessmentId !== id) return;
      setAttempts((list) => [event.attempt, ...list.filter((entry) => entry.id !== event.attempt.id)]);
    });
    return () => {
      off();
      next.off('connect', watch);
      next.close();
      setSocket(null);
    };
  }, [id, session.csrfToken]);

  const sortedAttempts = [...attempts].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return (
    <section>
      <p>
        <a {...linkProps('/staff')}>{t('back')}</a>
      </p>
      <ErrorAlert error={error} />
      {assessment && (
        <>
          <h1>{assessment.title}</h1>
          <p>
            {t('timeLimit', { minutes: assessment.timeLimitMinutes })} ·{' '}
            {t('window', { opens: formatDateTime(assessment.opensAt), closes: formatDateTime(assessment.closesAt) })} ·{' '}
            {t('results', { visibility: assessment.resultsVisibility })}
          </p>
          <ol>
            {assessment.challenges.map((challenge) => (
              <li key={challenge.challengeVersionId}>
                {challenge.title} (v{challenge.version})
              </li>
            ))}
          </ol>
        </>
      )}

      <h2>{t('attempts')}</h2>
      <p className="hint" role="status">
        {live ? t('live') : t('offline')}
      </p>
      {sortedAttempts.length === 0 ? (
        <p>{t('noAttempts')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('attempts')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('candidate')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('score')}</th>
                <th scope="col">{t('timeUsed')}</th>
                <th scope="col">{t('submissions')}</th>
                <th scope="col">{t('languages')}</th>
                <th scope="col">{t('started')}</th>
              </tr>
            </thead>
            <tbody>
              {sortedAttempts.map((attempt) => (
                <tr key={attempt.id}>
                  <td>
                    <a {...linkProps(`/staff/attempts/${attempt.id}`)}>{attempt.candidateName ?? t('unnamed')}</a>
                  </td>
                  <td>{t(`status_${attempt.status}`)}</td>
                  <td>{attempt.score}</td>
                  <td>{formatSpan(attempt.startedAt, attempt.finishedAt)}</td>
                  <td>{attempt.submissions}</td>
                  <td>{attempt.languages.join(', ')}</td>
                  <td>{formatDateTime(attempt.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('invites')}</h2>
      <CreateInvite assessmentId={id} csrf={session.csrfToken} onCreated={(created) => setInvites((list) => [created.invite, ...list])} />
      {invites.length === 0 ? (
        <p>{t('noInvites')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('invites')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('candidate')}</th>
                <th scope="col">{t('shortCode')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('created')}</th>
              </tr>
            </thead>
            <tbody>
              {invites.map((invite) => (
                <tr key={invite.id}>
                  <td>{invite.candidateName ?? t('unnamed')}</td>
                  <td className="mono">{formatShortCode(invite.shortCode)}</td>
                  <td>
                    {invite.attemptId ? <a {...linkProps(`/staff/attempts/${invite.attemptId}`)}>{t(`status_${invite.status}`)}</a> : t(`status_${invite.status}`)}
                  </td>
                  <td>{formatDateTime(invite.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateInvite({ assessmentId, csrf, onCreated }: { assessmentId: string; csrf: string; onCreated: (created: CreatedInvite) => void }) {
  const { t } = useTranslation('staff');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const invite = await staffApi.createInvite(csrf, assessmentId, { candidateName: name.trim() });
      setCreated(invite);
      setName('');
      onCreated(invite);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // No clipboard (plain http): the link is selectable in its field.
    }
  };

  return (
    <div className="create-invite">
      <form onSubmit={submit} className="inline-form">
        <label htmlFor="invite-name">{t('candidateName')}</label>
        <input id="invite-name" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="primary" disabled={busy}>
          {t('createInvite')}
        </button>
      </form>
      <ErrorAlert error={error} />
      <div aria-live="polite">
        {created && (
          <div className="created">
            <p>{t('createdInvite')}</p>
            <label htmlFor="invite-url">{t('link')}</label>
            <div className="inline-form">
              <input id="invite-url" readOnly value={created.url} onFocus={(event) => event.target.select()} dir="ltr" />
              <button type="button" onClick={() => void copy(created.url)}>
                {copied ? t('copied') : t('copy')}
              </button>
            </div>
            <p>
              {t('shortCode')}: <strong className="mono big-code">{formatShortCode(created.invite.shortCode)}</strong>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
