import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INVITE_LANGUAGES, MAX_EXTRA_MINUTES, type CreatedInvite, type InviteLanguage, type InviteView } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { linkProps } from '../router.ts';
import { formatDateTime, formatShortCode, isolate, languageName } from './format.ts';
import { ImportInvites } from './ImportInvites.tsx';
import { StaffAlert } from './StaffAlert.tsx';
import './invites.css';
import { CopyField } from './CopyField.tsx';

/** The invites of one assessment: one at a time, many from a CSV, the list with each invite's actions, and the printable sheet. */
export function Invites({ assessmentId, csrf }: { assessmentId: string; csrf: string }) {
  const { t } = useTranslation('staff');
  const [invites, setInvites] = useState<InviteView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [news, setNews] = useState('');

  const reload = () => staffApi.invites(assessmentId).then((list) => setInvites(list.invites), (caught: unknown) => setError(toApiError(caught)));
  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the assessment changes
  }, [assessmentId]);

  const replace = (invite: InviteView) => setInvites((list) => list.map((entry) => (entry.id === invite.id ? invite : entry)));

  return (
    <section aria-labelledby="invites-heading">
      <h2 id="invites-heading">{t('invites.heading')}</h2>
      <p>
        <a {...linkProps(`/staff/assessments/${assessmentId}/sheet`)}>{t('invites.sheet')}</a>
      </p>
      <p role="status" className="news">
        {news}
      </p>
      <StaffAlert error={error} />
      <CreateInvite assessmentId={assessmentId} csrf={csrf} onCreated={(created) => setInvites((list) => [created.invite, ...list])} />
      <ImportInvites
        assessmentId={assessmentId}
        csrf={csrf}
        onImported={(message) => {
          setNews(message);
          void reload();
        }}
      />
      {invites.length === 0 ? (
        <p>{t('invites.none')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('invites.heading')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('candidate')}</th>
                <th scope="col">{t('shortCode')}</th>
                <th scope="col">{t('invites.language')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('invites.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {invites.map((invite) => (
                <InviteRow
                  key={invite.id}
                  invite={invite}
                  csrf={csrf}
                  onChanged={(changed, message) => {
                    replace(changed);
                    setError(null);
                    setNews(message);
                  }}
                  onError={setError}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface RowProps {
  invite: InviteView;
  csrf: string;
  onChanged: (invite: InviteView, message: string) => void;
  onError: (error: ApiError) => void;
}

function InviteRow({ invite, csrf, onChanged, onError }: RowProps) {
  const { t } = useTranslation('staff');
  const [link, setLink] = useState<string | null>(null);
  const [extending, setExtending] = useState(false);
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const name = invite.candidateName ?? t('unnamed');
  const live = invite.status !== 'revoked';

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (caught) {
      onError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const showLink = () => act(async () => setLink((await staffApi.inviteLink(invite.id)).url));
  const reissue = () => {
    if (!window.confirm(t('invites.reissueConfirm', { name: isolate(name) }))) return;
    void act(async () => {
      const created = await staffApi.reissueInvite(csrf, invite.id);
      setLink(created.url);
      onChanged(created.invite, t('invites.reissued', { name: isolate(name) }));
    });
  };
  const revoke = () => {
    if (!window.confirm(t('invites.revokeConfirm', { name: isolate(name) }))) return;
    void act(async () => {
      setLink(null);
      onChanged(await staffApi.revokeInvite(csrf, invite.id), t('invites.revoked', { name: isolate(name) }));
    });
  };
  const extend = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const extended = await staffApi.extendInvite(csrf, invite.id, new Date(until).toISOString());
      setExtending(false);
      onChanged(extended, t('invites.extended', { name: isolate(name), time: formatDateTime(extended.expiresAt) }));
    });
  };

  return (
    <tr>
      <td>
        {name}
        {invite.contact && <div className="hint">{invite.contact}</div>}
        {invite.extraMinutes > 0 && <div className="hint">{t('invites.extra', { minutes: invite.extraMinutes })}</div>}
        {invite.expiresAt && <div className="hint">{t('invites.expires', { time: formatDateTime(invite.expiresAt) })}</div>}
      </td>
      <td className="mono">{formatShortCode(invite.shortCode)}</td>
      <td>{invite.preferredLanguage ? <span lang={invite.preferredLanguage}>{languageName(invite.preferredLanguage)}</span> : '–'}</td>
      <td>{invite.attemptId ? <a {...linkProps(`/staff/attempts/${invite.attemptId}`)}>{t(`status_${invite.status}`)}</a> : t(`status_${invite.status}`)}</td>
      <td>{formatDateTime(invite.createdAt)}</td>
      <td>
        {live && (
          <div className="row-actions">
            {invite.linkAvailable &&
              (link === null ? (
                <button type="button" disabled={busy} onClick={() => void showLink()} aria-label={`${t('invites.showLink')}: ${name}`}>
                  {t('invites.showLink')}
                </button>
              ) : (
                <button type="button" onClick={() => setLink(null)} aria-label={`${t('invites.hideLink')}: ${name}`}>
                  {t('invites.hideLink')}
                </button>
              ))}
            <button type="button" disabled={busy} onClick={reissue} aria-label={`${t('invites.reissue')}: ${name}`}>
              {t('invites.reissue')}
            </button>
            <button type="button" disabled={busy} onClick={() => setExtending((open) => !open)} aria-expanded={extending} aria-label={`${t('invites.extend')}: ${name}`}>
              {t('invites.extend')}
            </button>
            <button type="button" disabled={busy} onClick={revoke} aria-label={`${t('invites.revoke')}: ${name}`}>
              {t('invites.revoke')}
            </button>
          </div>
        )}
        {live && !invite.linkAvailable && <p className="hint">{t('invites.noLinkKept')}</p>}
        {link !== null && (
          <div>
            <label htmlFor={`link-${invite.id}`}>{t('invites.linkOf', { name: isolate(name) })}</label>
            <input id={`link-${invite.id}`} readOnly value={link} dir="ltr" onFocus={(event) => event.target.select()} className="link-field" />
          </div>
        )}
        {extending && (
          <form onSubmit={extend} className="inline-form">
            <label htmlFor={`until-${invite.id}`}>{t('invites.extendLabel')}</label>
            <input id={`until-${invite.id}`} type="datetime-local" required value={until} onChange={(event) => setUntil(event.target.value)} />
            <button type="submit" disabled={busy || until === ''}>
              {t('invites.extendSave')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

function CreateInvite({ assessmentId, csrf, onCreated }: { assessmentId: string; csrf: string; onCreated: (created: CreatedInvite) => void }) {
  const { t } = useTranslation('staff');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [language, setLanguage] = useState<InviteLanguage | ''>('');
  const [extraMinutes, setExtraMinutes] = useState('0');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const invite = await staffApi.createInvite(csrf, assessmentId, {
        candidateName: name.trim(),
        ...(contact.trim() ? { contact: contact.trim() } : {}),
        ...(language ? { preferredLanguage: language } : {}),
        extraMinutes: Number(extraMinutes),
      });
      setCreated(invite);
      setName('');
      setContact('');
      setLanguage('');
      setExtraMinutes('0');
      onCreated(invite);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };


  return (
    <div className="create-invite">
      <h3>{t('invites.oneHeading')}</h3>
      <form onSubmit={submit} className="invite-form">
        <div>
          <label htmlFor="invite-name">{t('invites.name')}</label>
          <input id="invite-name" required value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
        </div>
        <div>
          <label htmlFor="invite-contact">{t('invites.contact')}</label>
          <input id="invite-contact" value={contact} maxLength={200} aria-describedby="invite-contact-hint" onChange={(event) => setContact(event.target.value)} />
          <p id="invite-contact-hint" className="hint">
            {t('invites.contactHint')}
          </p>
        </div>
        <div>
          <label htmlFor="invite-language">{t('invites.language')}</label>
          <select id="invite-language" value={language} onChange={(event) => setLanguage(event.target.value as InviteLanguage | '')}>
            <option value="">{t('invites.languageNone')}</option>
            {INVITE_LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="invite-extra">{t('invites.extraMinutes')}</label>
          <input
            id="invite-extra"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_EXTRA_MINUTES}
            step={1}
            required
            value={extraMinutes}
            aria-describedby="invite-extra-hint"
            onChange={(event) => setExtraMinutes(event.target.value)}
          />
          <p id="invite-extra-hint" className="hint">
            {t('invites.extraHint')}
          </p>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('invites.create')}
        </button>
      </form>
      <StaffAlert error={error} />
      <div aria-live="polite">
        {created && (
          <div className="created">
            <p>{t('invites.created', { name: isolate(created.invite.candidateName ?? t('unnamed')) })}</p>
            <CopyField key={created.url} id="invite-url" label={t('link')} value={created.url} />
            <p>
              {t('shortCode')}: <strong className="mono big-code">{formatShortCode(created.invite.shortCode)}</strong>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
