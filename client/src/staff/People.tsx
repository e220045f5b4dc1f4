import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColleagueView, InvitedColleague, StaffSession, StaffUserView } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { peopleApi } from '../api/staff-people.ts';
import { formatDateTime } from './format.ts';
import { StaffAlert } from './StaffAlert.tsx';
import { CopyField } from './CopyField.tsx';

type Roles = StaffUserView['roles'];
const ROLE_NAMES = ['author', 'recruiter', 'admin'] as const;

/**
 * `/staff/people` (admins): the organisation's colleagues with their roles,
 * inviting one with a welcome link shown once, changing roles (confirmed) and
 * removing (confirmed; their sessions end at once). Every change is told in
 * the status line; refusals in words.
 */
export function People({ session }: { session: StaffSession }) {
  const { t } = useTranslation('staff');
  const [people, setPeople] = useState<ColleagueView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [news, setNews] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    peopleApi.list().then(
      (list) => current && setPeople(list.staff),
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [reload]);

  const invited = (done: InvitedColleague) => {
    setNews('');
    setPeople((list) => (list ? [...list, { ...done.colleague, welcomeUntil: done.expiresAt }] : list));
  };

  const roleWords = (roles: Roles) => ROLE_NAMES.filter((role) => roles[role]).map((role) => t(`people.role_${role}`)).join(', ') || t('people.noRoles');

  const saveRoles = async (person: ColleagueView, roles: Roles) => {
    if (!window.confirm(t('people.rolesConfirm', { name: person.displayName, roles: roleWords(roles) }))) return;
    setError(null);
    setNews('');
    try {
      const saved = await peopleApi.setRoles(session.csrfToken, person.id, roles);
      setNews(t('people.rolesSaved', { name: saved.displayName, roles: roleWords(saved.roles) }));
      setReload((n) => n + 1);
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  const remove = async (person: ColleagueView) => {
    if (!window.confirm(t('people.removeConfirm', { name: person.displayName, organisation: session.organisation.name }))) return;
    setError(null);
    setNews('');
    try {
      await peopleApi.remove(session.csrfToken, person.id);
      setNews(t('people.removed', { name: person.displayName }));
      setReload((n) => n + 1);
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t('people.title')}</h1>
      <p>{t('people.intro', { organisation: session.organisation.name })}</p>
      <p role="status" className="news">
        {news}
      </p>
      <StaffAlert error={error} />
      <h2>{t('people.listHeading')}</h2>
      {people === null ? (
        <p>{t('loading')}</p>
      ) : (
        <table className="people">
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('people.email')}</th>
              <th scope="col">{t('people.roles')}</th>
              <th scope="col">{t('people.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <PersonRow key={`${person.id}-${reload}`} person={person} self={person.id === session.user.id} onSave={saveRoles} onRemove={remove} />
            ))}
          </tbody>
        </table>
      )}
      <InviteColleague csrf={session.csrfToken} onInvited={invited} />
    </section>
  );
}

function PersonRow({
  person,
  self,
  onSave,
  onRemove,
}: {
  person: ColleagueView;
  self: boolean;
  onSave: (person: ColleagueView, roles: Roles) => Promise<void>;
  onRemove: (person: ColleagueView) => Promise<void>;
}) {
  const { t } = useTranslation('staff');
  const [roles, setRoles] = useState<Roles>(person.roles);
  const changed = ROLE_NAMES.some((role) => roles[role] !== person.roles[role]);
  return (
    <tr>
      <td>
        {person.displayName} {self && t('people.you')}
        {person.welcomeUntil && <div className="hint">{t('people.pending', { time: formatDateTime(person.welcomeUntil) })}</div>}
      </td>
      <td>{person.email}</td>
      <td>
        <fieldset className="roles">
          <legend className="visually-hidden">{t('people.roles')}</legend>
          {ROLE_NAMES.map((role) => (
            <label key={role}>
              <input
                type="checkbox"
                checked={roles[role]}
                aria-label={t('people.roleOf', { role: t(`people.role_${role}`), name: person.displayName })}
                onChange={(event) => setRoles({ ...roles, [role]: event.target.checked })}
              />{' '}
              {t(`people.role_${role}`)}
            </label>
          ))}
        </fieldset>
      </td>
      <td>
        <button type="button" disabled={!changed} aria-label={t('people.saveRolesOf', { name: person.displayName })} onClick={() => void onSave(person, roles)}>
          {t('people.saveRoles')}
        </button>{' '}
        <button type="button" className="danger" aria-label={t('people.removeOf', { name: person.displayName })} onClick={() => void onRemove(person)}>
          {t('people.remove')}
        </button>
      </td>
    </tr>
  );
}

function InviteColleague({ csrf, onInvited }: { csrf: string; onInvited: (invited: InvitedColleague) => void }) {
  const { t } = useTranslation('staff');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<Roles>({ author: false, recruiter: true, admin: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [invited, setInvited] = useState<InvitedColleague | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setInvited(null);
    try {
      const done = await peopleApi.invite(csrf, { email: email.trim(), displayName: name.trim(), roles });
      setInvited(done);
      onInvited(done);
      setName('');
      setEmail('');
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };


  return (
    <section aria-labelledby="invite-colleague-heading">
      <h2 id="invite-colleague-heading">{t('people.inviteHeading')}</h2>
      <form onSubmit={submit} className="stack">
        <label htmlFor="colleague-name">{t('people.inviteName')}</label>
        <input id="colleague-name" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor="colleague-email">{t('people.inviteEmail')}</label>
        <input id="colleague-email" type="email" required maxLength={254} autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} />
        <fieldset className="roles">
          <legend>{t('people.inviteRoles')}</legend>
          {ROLE_NAMES.map((role) => (
            <label key={role}>
              <input type="checkbox" checked={roles[role]} onChange={(event) => setRoles({ ...roles, [role]: event.target.checked })} /> {t(`people.role_${role}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {t('people.inviteButton')}
        </button>
      </form>
      <StaffAlert error={error} />
      <div aria-live="polite">
        {invited && (
          <div className="created">
            <p role="status">{t('people.invited', { name: invited.colleague.displayName, time: formatDateTime(invited.expiresAt) })}</p>
            <CopyField key={invited.url} id="colleague-url" label={t('people.inviteLink', { name: invited.colleague.displayName })} value={invited.url} />
          </div>
        )}
      </div>
    </section>
  );
}
