import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

export function Login({ onSession }: { onSession: (session: StaffSession) => void }) {
  const { t } = useTranslation('staff');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSession(await staffApi.login({ email: email.trim(), password }));
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{t('signIn')}</h1>
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
        <ErrorAlert error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </section>
  );
}
