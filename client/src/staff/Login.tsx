import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { organisationChoiceSchema, type OrganisationChoice, type StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { StaffAlert } from './StaffAlert.tsx';

export function Login({ onSession, news = '' }: { onSession: (session: StaffSession) => void; news?: string }) {
  const { t } = useTranslation('staff');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // One e-mail address may have accounts in several organisations: the server then asks which one.
  const [choice, setChoice] = useState<OrganisationChoice['organisations']>([]);
  const [organisation, setOrganisation] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSession(await staffApi.login({ email: email.trim(), password, ...(organisation ? { organisation } : {}) }));
    } catch (caught) {
      const apiError = toApiError(caught);
      const offered = apiError.code === 'organisation_required' ? organisationChoiceSchema.safeParse(apiError.details) : undefined;
      if (offered?.success) {
        setChoice(offered.data.organisations);
        setOrganisation(offered.data.organisations[0]?.slug ?? '');
      } else {
        setError(apiError);
      }
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{t('signIn')}</h1>
      <p role="status" className="news">
        {news}
      </p>
      <form onSubmit={submit} className="stack">
        <label htmlFor="staff-email">{t('email')}</label>
        <input id="staff-email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
        <label htmlFor="staff-password">{t('password')}</label>
        <input
          id="staff-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {choice.length > 0 && (
          <>
            <p>{t('chooseOrganisation')}</p>
            <label htmlFor="staff-organisation">{t('organisation')}</label>
            <select id="staff-organisation" value={organisation} onChange={(event) => setOrganisation(event.target.value)}>
              {choice.map((org) => (
                <option key={org.slug} value={org.slug}>
                  {org.name}
                </option>
              ))}
            </select>
          </>
        )}
        <StaffAlert error={error} place="signIn" />
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </section>
  );
}
